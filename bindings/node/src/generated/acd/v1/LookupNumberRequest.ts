// Original file: proto/acd/v1/routing_service.proto


export interface LookupNumberRequest {
  'caller'?: (string);
  'dialled'?: (string);
}

export interface LookupNumberRequest__Output {
  'caller': (string);
  'dialled': (string);
}
