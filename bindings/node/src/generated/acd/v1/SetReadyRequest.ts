// Original file: proto/acd/v1/agent_service.proto


export interface SetReadyRequest {
  'agent_id'?: (string);
}

export interface SetReadyRequest__Output {
  'agent_id': (string);
}
