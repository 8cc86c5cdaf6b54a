// Original file: proto/acd/v1/agent_service.proto

import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from '../../acd/v1/Agent';

export interface CompleteCallResponse {
  'agent'?: (_acd_v1_Agent | null);
}

export interface CompleteCallResponse__Output {
  'agent': (_acd_v1_Agent__Output | null);
}
