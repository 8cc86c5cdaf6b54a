// Original file: proto/acd/v1/call_service.proto


export interface CancelCallRequest {
  'call_id'?: (string);
}

export interface CancelCallRequest__Output {
  'call_id': (string);
}
