// Original file: proto/acd/v1/routing_service.proto

import type { Long } from '@grpc/proto-loader';

export interface ReplaceRoutesResponse {
  'version'?: (number | string | Long);
  'route_count'?: (number);
}

export interface ReplaceRoutesResponse__Output {
  'version': (string);
  'route_count': (number);
}
