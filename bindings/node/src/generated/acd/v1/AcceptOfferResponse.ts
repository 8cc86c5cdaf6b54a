// Original file: proto/acd/v1/agent_service.proto

import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from '../../acd/v1/Call';
import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from '../../acd/v1/Agent';

export interface AcceptOfferResponse {
  'call'?: (_acd_v1_Call | null);
  'agent'?: (_acd_v1_Agent | null);
}

export interface AcceptOfferResponse__Output {
  'call': (_acd_v1_Call__Output | null);
  'agent': (_acd_v1_Agent__Output | null);
}
