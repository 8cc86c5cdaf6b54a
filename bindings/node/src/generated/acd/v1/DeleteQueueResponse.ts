// Original file: proto/acd/v1/queue_service.proto


export interface DeleteQueueResponse {
}

export interface DeleteQueueResponse__Output {
}
