// Original file: proto/acd/v1/agent_service.proto


export interface LogoutRequest {
  'agent_id'?: (string);
}

export interface LogoutRequest__Output {
  'agent_id': (string);
}
