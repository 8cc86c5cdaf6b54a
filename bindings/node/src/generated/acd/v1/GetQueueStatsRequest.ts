// Original file: proto/acd/v1/queue_service.proto


export interface GetQueueStatsRequest {
  'queue'?: (string);
}

export interface GetQueueStatsRequest__Output {
  'queue': (string);
}
