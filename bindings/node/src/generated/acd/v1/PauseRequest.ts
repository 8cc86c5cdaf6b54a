// Original file: proto/acd/v1/agent_service.proto


export interface PauseRequest {
  'agent_id'?: (string);
  'reason'?: (string);
}

export interface PauseRequest__Output {
  'agent_id': (string);
  'reason': (string);
}
