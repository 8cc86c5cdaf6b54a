import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from './acd/v1/Agent';
import type { AgentConfig as _acd_v1_AgentConfig, AgentConfig__Output as _acd_v1_AgentConfig__Output } from './acd/v1/AgentConfig';
import type { AgentStats as _acd_v1_AgentStats, AgentStats__Output as _acd_v1_AgentStats__Output } from './acd/v1/AgentStats';
import type { Assignment as _acd_v1_Assignment, Assignment__Output as _acd_v1_Assignment__Output } from './acd/v1/Assignment';
import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from './acd/v1/Call';
import type { CreateQueueRequest as _acd_v1_CreateQueueRequest, CreateQueueRequest__Output as _acd_v1_CreateQueueRequest__Output } from './acd/v1/CreateQueueRequest';
import type { CreateQueueResponse as _acd_v1_CreateQueueResponse, CreateQueueResponse__Output as _acd_v1_CreateQueueResponse__Output } from './acd/v1/CreateQueueResponse';
import type { DeleteQueueRequest as _acd_v1_DeleteQueueRequest, DeleteQueueRequest__Output as _acd_v1_DeleteQueueRequest__Output } from './acd/v1/DeleteQueueRequest';
import type { DeleteQueueResponse as _acd_v1_DeleteQueueResponse, DeleteQueueResponse__Output as _acd_v1_DeleteQueueResponse__Output } from './acd/v1/DeleteQueueResponse';
import type { Event as _acd_v1_Event, Event__Output as _acd_v1_Event__Output } from './acd/v1/Event';
import type { GetQueueRequest as _acd_v1_GetQueueRequest, GetQueueRequest__Output as _acd_v1_GetQueueRequest__Output } from './acd/v1/GetQueueRequest';
import type { GetQueueResponse as _acd_v1_GetQueueResponse, GetQueueResponse__Output as _acd_v1_GetQueueResponse__Output } from './acd/v1/GetQueueResponse';
import type { GetQueueStatsRequest as _acd_v1_GetQueueStatsRequest, GetQueueStatsRequest__Output as _acd_v1_GetQueueStatsRequest__Output } from './acd/v1/GetQueueStatsRequest';
import type { GetQueueStatsResponse as _acd_v1_GetQueueStatsResponse, GetQueueStatsResponse__Output as _acd_v1_GetQueueStatsResponse__Output } from './acd/v1/GetQueueStatsResponse';
import type { ListQueueStatsRequest as _acd_v1_ListQueueStatsRequest, ListQueueStatsRequest__Output as _acd_v1_ListQueueStatsRequest__Output } from './acd/v1/ListQueueStatsRequest';
import type { ListQueueStatsResponse as _acd_v1_ListQueueStatsResponse, ListQueueStatsResponse__Output as _acd_v1_ListQueueStatsResponse__Output } from './acd/v1/ListQueueStatsResponse';
import type { ListQueuesRequest as _acd_v1_ListQueuesRequest, ListQueuesRequest__Output as _acd_v1_ListQueuesRequest__Output } from './acd/v1/ListQueuesRequest';
import type { ListQueuesResponse as _acd_v1_ListQueuesResponse, ListQueuesResponse__Output as _acd_v1_ListQueuesResponse__Output } from './acd/v1/ListQueuesResponse';
import type { Offer as _acd_v1_Offer, Offer__Output as _acd_v1_Offer__Output } from './acd/v1/Offer';
import type { PenaltyRule as _acd_v1_PenaltyRule, PenaltyRule__Output as _acd_v1_PenaltyRule__Output } from './acd/v1/PenaltyRule';
import type { QueueConfig as _acd_v1_QueueConfig, QueueConfig__Output as _acd_v1_QueueConfig__Output } from './acd/v1/QueueConfig';
import type { QueueMembership as _acd_v1_QueueMembership, QueueMembership__Output as _acd_v1_QueueMembership__Output } from './acd/v1/QueueMembership';
import type { QueueServiceClient as _acd_v1_QueueServiceClient, QueueServiceDefinition as _acd_v1_QueueServiceDefinition } from './acd/v1/QueueService';
import type { QueueStats as _acd_v1_QueueStats, QueueStats__Output as _acd_v1_QueueStats__Output } from './acd/v1/QueueStats';
import type { Route as _acd_v1_Route, Route__Output as _acd_v1_Route__Output } from './acd/v1/Route';
import type { RouteDecision as _acd_v1_RouteDecision, RouteDecision__Output as _acd_v1_RouteDecision__Output } from './acd/v1/RouteDecision';
import type { UpdateQueueRequest as _acd_v1_UpdateQueueRequest, UpdateQueueRequest__Output as _acd_v1_UpdateQueueRequest__Output } from './acd/v1/UpdateQueueRequest';
import type { UpdateQueueResponse as _acd_v1_UpdateQueueResponse, UpdateQueueResponse__Output as _acd_v1_UpdateQueueResponse__Output } from './acd/v1/UpdateQueueResponse';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  acd: {
    v1: {
      Agent: MessageTypeDefinition<_acd_v1_Agent, _acd_v1_Agent__Output>
      AgentConfig: MessageTypeDefinition<_acd_v1_AgentConfig, _acd_v1_AgentConfig__Output>
      AgentState: EnumTypeDefinition
      AgentStats: MessageTypeDefinition<_acd_v1_AgentStats, _acd_v1_AgentStats__Output>
      Assignment: MessageTypeDefinition<_acd_v1_Assignment, _acd_v1_Assignment__Output>
      Call: MessageTypeDefinition<_acd_v1_Call, _acd_v1_Call__Output>
      CallState: EnumTypeDefinition
      CreateQueueRequest: MessageTypeDefinition<_acd_v1_CreateQueueRequest, _acd_v1_CreateQueueRequest__Output>
      CreateQueueResponse: MessageTypeDefinition<_acd_v1_CreateQueueResponse, _acd_v1_CreateQueueResponse__Output>
      DeleteQueueRequest: MessageTypeDefinition<_acd_v1_DeleteQueueRequest, _acd_v1_DeleteQueueRequest__Output>
      DeleteQueueResponse: MessageTypeDefinition<_acd_v1_DeleteQueueResponse, _acd_v1_DeleteQueueResponse__Output>
      EmptyRule: EnumTypeDefinition
      Event: MessageTypeDefinition<_acd_v1_Event, _acd_v1_Event__Output>
      EventType: EnumTypeDefinition
      GetQueueRequest: MessageTypeDefinition<_acd_v1_GetQueueRequest, _acd_v1_GetQueueRequest__Output>
      GetQueueResponse: MessageTypeDefinition<_acd_v1_GetQueueResponse, _acd_v1_GetQueueResponse__Output>
      GetQueueStatsRequest: MessageTypeDefinition<_acd_v1_GetQueueStatsRequest, _acd_v1_GetQueueStatsRequest__Output>
      GetQueueStatsResponse: MessageTypeDefinition<_acd_v1_GetQueueStatsResponse, _acd_v1_GetQueueStatsResponse__Output>
      HangupBy: EnumTypeDefinition
      ListQueueStatsRequest: MessageTypeDefinition<_acd_v1_ListQueueStatsRequest, _acd_v1_ListQueueStatsRequest__Output>
      ListQueueStatsResponse: MessageTypeDefinition<_acd_v1_ListQueueStatsResponse, _acd_v1_ListQueueStatsResponse__Output>
      ListQueuesRequest: MessageTypeDefinition<_acd_v1_ListQueuesRequest, _acd_v1_ListQueuesRequest__Output>
      ListQueuesResponse: MessageTypeDefinition<_acd_v1_ListQueuesResponse, _acd_v1_ListQueuesResponse__Output>
      Offer: MessageTypeDefinition<_acd_v1_Offer, _acd_v1_Offer__Output>
      PenaltyRule: MessageTypeDefinition<_acd_v1_PenaltyRule, _acd_v1_PenaltyRule__Output>
      Priority: EnumTypeDefinition
      QueueConfig: MessageTypeDefinition<_acd_v1_QueueConfig, _acd_v1_QueueConfig__Output>
      QueueMembership: MessageTypeDefinition<_acd_v1_QueueMembership, _acd_v1_QueueMembership__Output>
      QueueService: SubtypeConstructor<typeof grpc.Client, _acd_v1_QueueServiceClient> & { service: _acd_v1_QueueServiceDefinition }
      QueueStats: MessageTypeDefinition<_acd_v1_QueueStats, _acd_v1_QueueStats__Output>
      Route: MessageTypeDefinition<_acd_v1_Route, _acd_v1_Route__Output>
      RouteDecision: MessageTypeDefinition<_acd_v1_RouteDecision, _acd_v1_RouteDecision__Output>
      RouteField: EnumTypeDefinition
      Strategy: EnumTypeDefinition
      Trigger: EnumTypeDefinition
      UpdateQueueRequest: MessageTypeDefinition<_acd_v1_UpdateQueueRequest, _acd_v1_UpdateQueueRequest__Output>
      UpdateQueueResponse: MessageTypeDefinition<_acd_v1_UpdateQueueResponse, _acd_v1_UpdateQueueResponse__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

