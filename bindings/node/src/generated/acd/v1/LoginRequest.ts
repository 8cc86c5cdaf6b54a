// Original file: proto/acd/v1/agent_service.proto


export interface LoginRequest {
  'agent_id'?: (string);
}

export interface LoginRequest__Output {
  'agent_id': (string);
}
