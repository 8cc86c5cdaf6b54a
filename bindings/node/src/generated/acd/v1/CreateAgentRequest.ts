// Original file: proto/acd/v1/agent_service.proto

import type { AgentConfig as _acd_v1_AgentConfig, AgentConfig__Output as _acd_v1_AgentConfig__Output } from '../../acd/v1/AgentConfig';

export interface CreateAgentRequest {
  'config'?: (_acd_v1_AgentConfig | null);
}

export interface CreateAgentRequest__Output {
  'config': (_acd_v1_AgentConfig__Output | null);
}
