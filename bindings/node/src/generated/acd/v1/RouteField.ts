// Original file: proto/acd/v1/enums.proto

export const RouteField = {
  ROUTE_FIELD_UNSPECIFIED: 'ROUTE_FIELD_UNSPECIFIED',
  ROUTE_FIELD_CALLER: 'ROUTE_FIELD_CALLER',
  ROUTE_FIELD_DIALLED: 'ROUTE_FIELD_DIALLED',
} as const;

export type RouteField =
  | 'ROUTE_FIELD_UNSPECIFIED'
  | 0
  | 'ROUTE_FIELD_CALLER'
  | 1
  | 'ROUTE_FIELD_DIALLED'
  | 2

export type RouteField__Output = typeof RouteField[keyof typeof RouteField]
