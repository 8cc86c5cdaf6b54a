// Original file: proto/acd/v1/queue_service.proto


export interface DeleteQueueRequest {
  'name'?: (string);
}

export interface DeleteQueueRequest__Output {
  'name': (string);
}
