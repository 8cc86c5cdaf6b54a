// Original file: proto/acd/v1/call_service.proto

import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from '../../acd/v1/Call';
import type { Offer as _acd_v1_Offer, Offer__Output as _acd_v1_Offer__Output } from '../../acd/v1/Offer';

export interface TransferCallResponse {
  'call'?: (_acd_v1_Call | null);
  'offer'?: (_acd_v1_Offer | null);
}

export interface TransferCallResponse__Output {
  'call': (_acd_v1_Call__Output | null);
  'offer': (_acd_v1_Offer__Output | null);
}
