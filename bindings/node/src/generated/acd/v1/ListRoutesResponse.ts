// Original file: proto/acd/v1/routing_service.proto

import type { Route as _acd_v1_Route, Route__Output as _acd_v1_Route__Output } from '../../acd/v1/Route';
import type { Long } from '@grpc/proto-loader';

export interface ListRoutesResponse {
  'routes'?: (_acd_v1_Route)[];
  'version'?: (number | string | Long);
}

export interface ListRoutesResponse__Output {
  'routes': (_acd_v1_Route__Output)[];
  'version': (string);
}
