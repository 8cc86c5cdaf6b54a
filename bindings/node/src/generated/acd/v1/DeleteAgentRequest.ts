// Original file: proto/acd/v1/agent_service.proto


export interface DeleteAgentRequest {
  'agent_id'?: (string);
}

export interface DeleteAgentRequest__Output {
  'agent_id': (string);
}
