import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from './acd/v1/Agent';
import type { AgentConfig as _acd_v1_AgentConfig, AgentConfig__Output as _acd_v1_AgentConfig__Output } from './acd/v1/AgentConfig';
import type { AgentStats as _acd_v1_AgentStats, AgentStats__Output as _acd_v1_AgentStats__Output } from './acd/v1/AgentStats';
import type { Assignment as _acd_v1_Assignment, Assignment__Output as _acd_v1_Assignment__Output } from './acd/v1/Assignment';
import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from './acd/v1/Call';
import type { CallServiceClient as _acd_v1_CallServiceClient, CallServiceDefinition as _acd_v1_CallServiceDefinition } from './acd/v1/CallService';
import type { CancelCallRequest as _acd_v1_CancelCallRequest, CancelCallRequest__Output as _acd_v1_CancelCallRequest__Output } from './acd/v1/CancelCallRequest';
import type { CancelCallResponse as _acd_v1_CancelCallResponse, CancelCallResponse__Output as _acd_v1_CancelCallResponse__Output } from './acd/v1/CancelCallResponse';
import type { EnqueueCallRequest as _acd_v1_EnqueueCallRequest, EnqueueCallRequest__Output as _acd_v1_EnqueueCallRequest__Output } from './acd/v1/EnqueueCallRequest';
import type { EnqueueCallResponse as _acd_v1_EnqueueCallResponse, EnqueueCallResponse__Output as _acd_v1_EnqueueCallResponse__Output } from './acd/v1/EnqueueCallResponse';
import type { Event as _acd_v1_Event, Event__Output as _acd_v1_Event__Output } from './acd/v1/Event';
import type { GetCallRequest as _acd_v1_GetCallRequest, GetCallRequest__Output as _acd_v1_GetCallRequest__Output } from './acd/v1/GetCallRequest';
import type { GetCallResponse as _acd_v1_GetCallResponse, GetCallResponse__Output as _acd_v1_GetCallResponse__Output } from './acd/v1/GetCallResponse';
import type { ListCallsRequest as _acd_v1_ListCallsRequest, ListCallsRequest__Output as _acd_v1_ListCallsRequest__Output } from './acd/v1/ListCallsRequest';
import type { ListCallsResponse as _acd_v1_ListCallsResponse, ListCallsResponse__Output as _acd_v1_ListCallsResponse__Output } from './acd/v1/ListCallsResponse';
import type { Offer as _acd_v1_Offer, Offer__Output as _acd_v1_Offer__Output } from './acd/v1/Offer';
import type { PenaltyRule as _acd_v1_PenaltyRule, PenaltyRule__Output as _acd_v1_PenaltyRule__Output } from './acd/v1/PenaltyRule';
import type { QueueConfig as _acd_v1_QueueConfig, QueueConfig__Output as _acd_v1_QueueConfig__Output } from './acd/v1/QueueConfig';
import type { QueueMembership as _acd_v1_QueueMembership, QueueMembership__Output as _acd_v1_QueueMembership__Output } from './acd/v1/QueueMembership';
import type { QueueStats as _acd_v1_QueueStats, QueueStats__Output as _acd_v1_QueueStats__Output } from './acd/v1/QueueStats';
import type { Route as _acd_v1_Route, Route__Output as _acd_v1_Route__Output } from './acd/v1/Route';
import type { RouteDecision as _acd_v1_RouteDecision, RouteDecision__Output as _acd_v1_RouteDecision__Output } from './acd/v1/RouteDecision';
import type { TransferCallRequest as _acd_v1_TransferCallRequest, TransferCallRequest__Output as _acd_v1_TransferCallRequest__Output } from './acd/v1/TransferCallRequest';
import type { TransferCallResponse as _acd_v1_TransferCallResponse, TransferCallResponse__Output as _acd_v1_TransferCallResponse__Output } from './acd/v1/TransferCallResponse';
import type { WatchCallRequest as _acd_v1_WatchCallRequest, WatchCallRequest__Output as _acd_v1_WatchCallRequest__Output } from './acd/v1/WatchCallRequest';
import type { WatchCallResponse as _acd_v1_WatchCallResponse, WatchCallResponse__Output as _acd_v1_WatchCallResponse__Output } from './acd/v1/WatchCallResponse';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from './google/protobuf/Duration';
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
      CallMilestone: EnumTypeDefinition
      CallService: SubtypeConstructor<typeof grpc.Client, _acd_v1_CallServiceClient> & { service: _acd_v1_CallServiceDefinition }
      CallState: EnumTypeDefinition
      CancelCallRequest: MessageTypeDefinition<_acd_v1_CancelCallRequest, _acd_v1_CancelCallRequest__Output>
      CancelCallResponse: MessageTypeDefinition<_acd_v1_CancelCallResponse, _acd_v1_CancelCallResponse__Output>
      EmptyRule: EnumTypeDefinition
      EnqueueCallRequest: MessageTypeDefinition<_acd_v1_EnqueueCallRequest, _acd_v1_EnqueueCallRequest__Output>
      EnqueueCallResponse: MessageTypeDefinition<_acd_v1_EnqueueCallResponse, _acd_v1_EnqueueCallResponse__Output>
      Event: MessageTypeDefinition<_acd_v1_Event, _acd_v1_Event__Output>
      EventType: EnumTypeDefinition
      GetCallRequest: MessageTypeDefinition<_acd_v1_GetCallRequest, _acd_v1_GetCallRequest__Output>
      GetCallResponse: MessageTypeDefinition<_acd_v1_GetCallResponse, _acd_v1_GetCallResponse__Output>
      HangupBy: EnumTypeDefinition
      ListCallsRequest: MessageTypeDefinition<_acd_v1_ListCallsRequest, _acd_v1_ListCallsRequest__Output>
      ListCallsResponse: MessageTypeDefinition<_acd_v1_ListCallsResponse, _acd_v1_ListCallsResponse__Output>
      Offer: MessageTypeDefinition<_acd_v1_Offer, _acd_v1_Offer__Output>
      PenaltyRule: MessageTypeDefinition<_acd_v1_PenaltyRule, _acd_v1_PenaltyRule__Output>
      Priority: EnumTypeDefinition
      QueueConfig: MessageTypeDefinition<_acd_v1_QueueConfig, _acd_v1_QueueConfig__Output>
      QueueMembership: MessageTypeDefinition<_acd_v1_QueueMembership, _acd_v1_QueueMembership__Output>
      QueueStats: MessageTypeDefinition<_acd_v1_QueueStats, _acd_v1_QueueStats__Output>
      Route: MessageTypeDefinition<_acd_v1_Route, _acd_v1_Route__Output>
      RouteDecision: MessageTypeDefinition<_acd_v1_RouteDecision, _acd_v1_RouteDecision__Output>
      RouteField: EnumTypeDefinition
      Strategy: EnumTypeDefinition
      TransferCallRequest: MessageTypeDefinition<_acd_v1_TransferCallRequest, _acd_v1_TransferCallRequest__Output>
      TransferCallResponse: MessageTypeDefinition<_acd_v1_TransferCallResponse, _acd_v1_TransferCallResponse__Output>
      Trigger: EnumTypeDefinition
      WatchCallRequest: MessageTypeDefinition<_acd_v1_WatchCallRequest, _acd_v1_WatchCallRequest__Output>
      WatchCallResponse: MessageTypeDefinition<_acd_v1_WatchCallResponse, _acd_v1_WatchCallResponse__Output>
    }
  }
  google: {
    protobuf: {
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

