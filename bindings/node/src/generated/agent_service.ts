import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcceptOfferRequest as _acd_v1_AcceptOfferRequest, AcceptOfferRequest__Output as _acd_v1_AcceptOfferRequest__Output } from './acd/v1/AcceptOfferRequest';
import type { AcceptOfferResponse as _acd_v1_AcceptOfferResponse, AcceptOfferResponse__Output as _acd_v1_AcceptOfferResponse__Output } from './acd/v1/AcceptOfferResponse';
import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from './acd/v1/Agent';
import type { AgentConfig as _acd_v1_AgentConfig, AgentConfig__Output as _acd_v1_AgentConfig__Output } from './acd/v1/AgentConfig';
import type { AgentServiceClient as _acd_v1_AgentServiceClient, AgentServiceDefinition as _acd_v1_AgentServiceDefinition } from './acd/v1/AgentService';
import type { AgentStats as _acd_v1_AgentStats, AgentStats__Output as _acd_v1_AgentStats__Output } from './acd/v1/AgentStats';
import type { Assignment as _acd_v1_Assignment, Assignment__Output as _acd_v1_Assignment__Output } from './acd/v1/Assignment';
import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from './acd/v1/Call';
import type { CompleteCallRequest as _acd_v1_CompleteCallRequest, CompleteCallRequest__Output as _acd_v1_CompleteCallRequest__Output } from './acd/v1/CompleteCallRequest';
import type { CompleteCallResponse as _acd_v1_CompleteCallResponse, CompleteCallResponse__Output as _acd_v1_CompleteCallResponse__Output } from './acd/v1/CompleteCallResponse';
import type { CreateAgentRequest as _acd_v1_CreateAgentRequest, CreateAgentRequest__Output as _acd_v1_CreateAgentRequest__Output } from './acd/v1/CreateAgentRequest';
import type { CreateAgentResponse as _acd_v1_CreateAgentResponse, CreateAgentResponse__Output as _acd_v1_CreateAgentResponse__Output } from './acd/v1/CreateAgentResponse';
import type { DeleteAgentRequest as _acd_v1_DeleteAgentRequest, DeleteAgentRequest__Output as _acd_v1_DeleteAgentRequest__Output } from './acd/v1/DeleteAgentRequest';
import type { DeleteAgentResponse as _acd_v1_DeleteAgentResponse, DeleteAgentResponse__Output as _acd_v1_DeleteAgentResponse__Output } from './acd/v1/DeleteAgentResponse';
import type { Event as _acd_v1_Event, Event__Output as _acd_v1_Event__Output } from './acd/v1/Event';
import type { GetAgentRequest as _acd_v1_GetAgentRequest, GetAgentRequest__Output as _acd_v1_GetAgentRequest__Output } from './acd/v1/GetAgentRequest';
import type { GetAgentResponse as _acd_v1_GetAgentResponse, GetAgentResponse__Output as _acd_v1_GetAgentResponse__Output } from './acd/v1/GetAgentResponse';
import type { ListAgentsRequest as _acd_v1_ListAgentsRequest, ListAgentsRequest__Output as _acd_v1_ListAgentsRequest__Output } from './acd/v1/ListAgentsRequest';
import type { ListAgentsResponse as _acd_v1_ListAgentsResponse, ListAgentsResponse__Output as _acd_v1_ListAgentsResponse__Output } from './acd/v1/ListAgentsResponse';
import type { LoginRequest as _acd_v1_LoginRequest, LoginRequest__Output as _acd_v1_LoginRequest__Output } from './acd/v1/LoginRequest';
import type { LoginResponse as _acd_v1_LoginResponse, LoginResponse__Output as _acd_v1_LoginResponse__Output } from './acd/v1/LoginResponse';
import type { LogoutRequest as _acd_v1_LogoutRequest, LogoutRequest__Output as _acd_v1_LogoutRequest__Output } from './acd/v1/LogoutRequest';
import type { LogoutResponse as _acd_v1_LogoutResponse, LogoutResponse__Output as _acd_v1_LogoutResponse__Output } from './acd/v1/LogoutResponse';
import type { Offer as _acd_v1_Offer, Offer__Output as _acd_v1_Offer__Output } from './acd/v1/Offer';
import type { PauseRequest as _acd_v1_PauseRequest, PauseRequest__Output as _acd_v1_PauseRequest__Output } from './acd/v1/PauseRequest';
import type { PauseResponse as _acd_v1_PauseResponse, PauseResponse__Output as _acd_v1_PauseResponse__Output } from './acd/v1/PauseResponse';
import type { PenaltyRule as _acd_v1_PenaltyRule, PenaltyRule__Output as _acd_v1_PenaltyRule__Output } from './acd/v1/PenaltyRule';
import type { QueueConfig as _acd_v1_QueueConfig, QueueConfig__Output as _acd_v1_QueueConfig__Output } from './acd/v1/QueueConfig';
import type { QueueMembership as _acd_v1_QueueMembership, QueueMembership__Output as _acd_v1_QueueMembership__Output } from './acd/v1/QueueMembership';
import type { QueueStats as _acd_v1_QueueStats, QueueStats__Output as _acd_v1_QueueStats__Output } from './acd/v1/QueueStats';
import type { RejectOfferRequest as _acd_v1_RejectOfferRequest, RejectOfferRequest__Output as _acd_v1_RejectOfferRequest__Output } from './acd/v1/RejectOfferRequest';
import type { RejectOfferResponse as _acd_v1_RejectOfferResponse, RejectOfferResponse__Output as _acd_v1_RejectOfferResponse__Output } from './acd/v1/RejectOfferResponse';
import type { Route as _acd_v1_Route, Route__Output as _acd_v1_Route__Output } from './acd/v1/Route';
import type { RouteDecision as _acd_v1_RouteDecision, RouteDecision__Output as _acd_v1_RouteDecision__Output } from './acd/v1/RouteDecision';
import type { SetReadyRequest as _acd_v1_SetReadyRequest, SetReadyRequest__Output as _acd_v1_SetReadyRequest__Output } from './acd/v1/SetReadyRequest';
import type { SetReadyResponse as _acd_v1_SetReadyResponse, SetReadyResponse__Output as _acd_v1_SetReadyResponse__Output } from './acd/v1/SetReadyResponse';
import type { UpdateAgentRequest as _acd_v1_UpdateAgentRequest, UpdateAgentRequest__Output as _acd_v1_UpdateAgentRequest__Output } from './acd/v1/UpdateAgentRequest';
import type { UpdateAgentResponse as _acd_v1_UpdateAgentResponse, UpdateAgentResponse__Output as _acd_v1_UpdateAgentResponse__Output } from './acd/v1/UpdateAgentResponse';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  acd: {
    v1: {
      AcceptOfferRequest: MessageTypeDefinition<_acd_v1_AcceptOfferRequest, _acd_v1_AcceptOfferRequest__Output>
      AcceptOfferResponse: MessageTypeDefinition<_acd_v1_AcceptOfferResponse, _acd_v1_AcceptOfferResponse__Output>
      Agent: MessageTypeDefinition<_acd_v1_Agent, _acd_v1_Agent__Output>
      AgentConfig: MessageTypeDefinition<_acd_v1_AgentConfig, _acd_v1_AgentConfig__Output>
      AgentService: SubtypeConstructor<typeof grpc.Client, _acd_v1_AgentServiceClient> & { service: _acd_v1_AgentServiceDefinition }
      AgentState: EnumTypeDefinition
      AgentStats: MessageTypeDefinition<_acd_v1_AgentStats, _acd_v1_AgentStats__Output>
      Assignment: MessageTypeDefinition<_acd_v1_Assignment, _acd_v1_Assignment__Output>
      Call: MessageTypeDefinition<_acd_v1_Call, _acd_v1_Call__Output>
      CallState: EnumTypeDefinition
      CompleteCallRequest: MessageTypeDefinition<_acd_v1_CompleteCallRequest, _acd_v1_CompleteCallRequest__Output>
      CompleteCallResponse: MessageTypeDefinition<_acd_v1_CompleteCallResponse, _acd_v1_CompleteCallResponse__Output>
      CreateAgentRequest: MessageTypeDefinition<_acd_v1_CreateAgentRequest, _acd_v1_CreateAgentRequest__Output>
      CreateAgentResponse: MessageTypeDefinition<_acd_v1_CreateAgentResponse, _acd_v1_CreateAgentResponse__Output>
      DeleteAgentRequest: MessageTypeDefinition<_acd_v1_DeleteAgentRequest, _acd_v1_DeleteAgentRequest__Output>
      DeleteAgentResponse: MessageTypeDefinition<_acd_v1_DeleteAgentResponse, _acd_v1_DeleteAgentResponse__Output>
      EmptyRule: EnumTypeDefinition
      Event: MessageTypeDefinition<_acd_v1_Event, _acd_v1_Event__Output>
      EventType: EnumTypeDefinition
      GetAgentRequest: MessageTypeDefinition<_acd_v1_GetAgentRequest, _acd_v1_GetAgentRequest__Output>
      GetAgentResponse: MessageTypeDefinition<_acd_v1_GetAgentResponse, _acd_v1_GetAgentResponse__Output>
      HangupBy: EnumTypeDefinition
      ListAgentsRequest: MessageTypeDefinition<_acd_v1_ListAgentsRequest, _acd_v1_ListAgentsRequest__Output>
      ListAgentsResponse: MessageTypeDefinition<_acd_v1_ListAgentsResponse, _acd_v1_ListAgentsResponse__Output>
      LoginRequest: MessageTypeDefinition<_acd_v1_LoginRequest, _acd_v1_LoginRequest__Output>
      LoginResponse: MessageTypeDefinition<_acd_v1_LoginResponse, _acd_v1_LoginResponse__Output>
      LogoutRequest: MessageTypeDefinition<_acd_v1_LogoutRequest, _acd_v1_LogoutRequest__Output>
      LogoutResponse: MessageTypeDefinition<_acd_v1_LogoutResponse, _acd_v1_LogoutResponse__Output>
      Offer: MessageTypeDefinition<_acd_v1_Offer, _acd_v1_Offer__Output>
      PauseRequest: MessageTypeDefinition<_acd_v1_PauseRequest, _acd_v1_PauseRequest__Output>
      PauseResponse: MessageTypeDefinition<_acd_v1_PauseResponse, _acd_v1_PauseResponse__Output>
      PenaltyRule: MessageTypeDefinition<_acd_v1_PenaltyRule, _acd_v1_PenaltyRule__Output>
      Priority: EnumTypeDefinition
      QueueConfig: MessageTypeDefinition<_acd_v1_QueueConfig, _acd_v1_QueueConfig__Output>
      QueueMembership: MessageTypeDefinition<_acd_v1_QueueMembership, _acd_v1_QueueMembership__Output>
      QueueStats: MessageTypeDefinition<_acd_v1_QueueStats, _acd_v1_QueueStats__Output>
      RejectOfferRequest: MessageTypeDefinition<_acd_v1_RejectOfferRequest, _acd_v1_RejectOfferRequest__Output>
      RejectOfferResponse: MessageTypeDefinition<_acd_v1_RejectOfferResponse, _acd_v1_RejectOfferResponse__Output>
      Route: MessageTypeDefinition<_acd_v1_Route, _acd_v1_Route__Output>
      RouteDecision: MessageTypeDefinition<_acd_v1_RouteDecision, _acd_v1_RouteDecision__Output>
      RouteField: EnumTypeDefinition
      SetReadyRequest: MessageTypeDefinition<_acd_v1_SetReadyRequest, _acd_v1_SetReadyRequest__Output>
      SetReadyResponse: MessageTypeDefinition<_acd_v1_SetReadyResponse, _acd_v1_SetReadyResponse__Output>
      Strategy: EnumTypeDefinition
      Trigger: EnumTypeDefinition
      UpdateAgentRequest: MessageTypeDefinition<_acd_v1_UpdateAgentRequest, _acd_v1_UpdateAgentRequest__Output>
      UpdateAgentResponse: MessageTypeDefinition<_acd_v1_UpdateAgentResponse, _acd_v1_UpdateAgentResponse__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

