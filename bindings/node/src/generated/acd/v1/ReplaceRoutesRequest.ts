// Original file: proto/acd/v1/routing_service.proto

import type { Route as _acd_v1_Route, Route__Output as _acd_v1_Route__Output } from '../../acd/v1/Route';

export interface ReplaceRoutesRequest {
  'routes'?: (_acd_v1_Route)[];
}

export interface ReplaceRoutesRequest__Output {
  'routes': (_acd_v1_Route__Output)[];
}
