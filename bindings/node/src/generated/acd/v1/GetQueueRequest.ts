// Original file: proto/acd/v1/queue_service.proto


export interface GetQueueRequest {
  'name'?: (string);
}

export interface GetQueueRequest__Output {
  'name': (string);
}
