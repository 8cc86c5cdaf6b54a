// Original file: proto/acd/v1/agent_service.proto


export interface DeleteAgentResponse {
}

export interface DeleteAgentResponse__Output {
}
