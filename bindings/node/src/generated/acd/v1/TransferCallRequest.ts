// Original file: proto/acd/v1/call_service.proto


export interface TransferCallRequest {
  'call_id'?: (string);
  'queue'?: (string);
}

export interface TransferCallRequest__Output {
  'call_id': (string);
  'queue': (string);
}
