// Original file: proto/acd/v1/agent_service.proto


export interface GetAgentRequest {
  'agent_id'?: (string);
}

export interface GetAgentRequest__Output {
  'agent_id': (string);
}
