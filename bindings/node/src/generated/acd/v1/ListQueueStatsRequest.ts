// Original file: proto/acd/v1/queue_service.proto


export interface ListQueueStatsRequest {
}

export interface ListQueueStatsRequest__Output {
}
