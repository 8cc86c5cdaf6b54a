// Original file: proto/acd/v1/call_service.proto

import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from '../../acd/v1/Call';
import type { Offer as _acd_v1_Offer, Offer__Output as _acd_v1_Offer__Output } from '../../acd/v1/Offer';
import type { RouteDecision as _acd_v1_RouteDecision, RouteDecision__Output as _acd_v1_RouteDecision__Output } from '../../acd/v1/RouteDecision';

export interface EnqueueCallResponse {
  'call'?: (_acd_v1_Call | null);
  'offer'?: (_acd_v1_Offer | null);
  'duplicate'?: (boolean);
  'route_decision'?: (_acd_v1_RouteDecision | null);
}

export interface EnqueueCallResponse__Output {
  'call': (_acd_v1_Call__Output | null);
  'offer': (_acd_v1_Offer__Output | null);
  'duplicate': (boolean);
  'route_decision': (_acd_v1_RouteDecision__Output | null);
}
