// Original file: proto/acd/v1/call_service.proto


export interface GetCallRequest {
  'call_id'?: (string);
}

export interface GetCallRequest__Output {
  'call_id': (string);
}
