// Original file: proto/acd/v1/routing_service.proto

import type { RouteDecision as _acd_v1_RouteDecision, RouteDecision__Output as _acd_v1_RouteDecision__Output } from '../../acd/v1/RouteDecision';

export interface LookupNumberResponse {
  'decision'?: (_acd_v1_RouteDecision | null);
}

export interface LookupNumberResponse__Output {
  'decision': (_acd_v1_RouteDecision__Output | null);
}
