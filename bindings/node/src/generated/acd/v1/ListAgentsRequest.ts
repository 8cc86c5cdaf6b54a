// Original file: proto/acd/v1/agent_service.proto

import type { AgentState as _acd_v1_AgentState, AgentState__Output as _acd_v1_AgentState__Output } from '../../acd/v1/AgentState';

export interface ListAgentsRequest {
  'queue'?: (string);
  'state'?: (_acd_v1_AgentState);
}

export interface ListAgentsRequest__Output {
  'queue': (string);
  'state': (_acd_v1_AgentState__Output);
}
