// Original file: proto/acd/v1/enums.proto

export const Priority = {
  PRIORITY_UNSPECIFIED: 'PRIORITY_UNSPECIFIED',
  PRIORITY_NORMAL: 'PRIORITY_NORMAL',
  PRIORITY_PRIORITY: 'PRIORITY_PRIORITY',
} as const;

export type Priority =
  | 'PRIORITY_UNSPECIFIED'
  | 0
  | 'PRIORITY_NORMAL'
  | 1
  | 'PRIORITY_PRIORITY'
  | 2

export type Priority__Output = typeof Priority[keyof typeof Priority]
