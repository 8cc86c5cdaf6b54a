// Original file: proto/acd/v1/routing_service.proto


export interface ListRoutesRequest {
}

export interface ListRoutesRequest__Output {
}
