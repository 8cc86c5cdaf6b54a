// Original file: proto/acd/v1/agent_service.proto

import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from '../../acd/v1/Agent';

export interface ListAgentsResponse {
  'agents'?: (_acd_v1_Agent)[];
}

export interface ListAgentsResponse__Output {
  'agents': (_acd_v1_Agent__Output)[];
}
