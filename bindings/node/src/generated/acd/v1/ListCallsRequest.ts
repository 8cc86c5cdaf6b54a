// Original file: proto/acd/v1/call_service.proto


export interface ListCallsRequest {
  'queue'?: (string);
}

export interface ListCallsRequest__Output {
  'queue': (string);
}
