// Original file: proto/acd/v1/agent_service.proto

import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from '../../acd/v1/Agent';
import type { Offer as _acd_v1_Offer, Offer__Output as _acd_v1_Offer__Output } from '../../acd/v1/Offer';

export interface SetReadyResponse {
  'agent'?: (_acd_v1_Agent | null);
  'offer'?: (_acd_v1_Offer | null);
}

export interface SetReadyResponse__Output {
  'agent': (_acd_v1_Agent__Output | null);
  'offer': (_acd_v1_Offer__Output | null);
}
