// Original file: proto/acd/v1/queue_service.proto


export interface ListQueuesRequest {
}

export interface ListQueuesRequest__Output {
}
