import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from './acd/v1/Agent';
import type { AgentConfig as _acd_v1_AgentConfig, AgentConfig__Output as _acd_v1_AgentConfig__Output } from './acd/v1/AgentConfig';
import type { AgentStats as _acd_v1_AgentStats, AgentStats__Output as _acd_v1_AgentStats__Output } from './acd/v1/AgentStats';
import type { Assignment as _acd_v1_Assignment, Assignment__Output as _acd_v1_Assignment__Output } from './acd/v1/Assignment';
import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from './acd/v1/Call';
import type { Event as _acd_v1_Event, Event__Output as _acd_v1_Event__Output } from './acd/v1/Event';
import type { EventServiceClient as _acd_v1_EventServiceClient, EventServiceDefinition as _acd_v1_EventServiceDefinition } from './acd/v1/EventService';
import type { ExplainAssignmentRequest as _acd_v1_ExplainAssignmentRequest, ExplainAssignmentRequest__Output as _acd_v1_ExplainAssignmentRequest__Output } from './acd/v1/ExplainAssignmentRequest';
import type { ExplainAssignmentResponse as _acd_v1_ExplainAssignmentResponse, ExplainAssignmentResponse__Output as _acd_v1_ExplainAssignmentResponse__Output } from './acd/v1/ExplainAssignmentResponse';
import type { Offer as _acd_v1_Offer, Offer__Output as _acd_v1_Offer__Output } from './acd/v1/Offer';
import type { PenaltyRule as _acd_v1_PenaltyRule, PenaltyRule__Output as _acd_v1_PenaltyRule__Output } from './acd/v1/PenaltyRule';
import type { QueueConfig as _acd_v1_QueueConfig, QueueConfig__Output as _acd_v1_QueueConfig__Output } from './acd/v1/QueueConfig';
import type { QueueMembership as _acd_v1_QueueMembership, QueueMembership__Output as _acd_v1_QueueMembership__Output } from './acd/v1/QueueMembership';
import type { QueueStats as _acd_v1_QueueStats, QueueStats__Output as _acd_v1_QueueStats__Output } from './acd/v1/QueueStats';
import type { Route as _acd_v1_Route, Route__Output as _acd_v1_Route__Output } from './acd/v1/Route';
import type { RouteDecision as _acd_v1_RouteDecision, RouteDecision__Output as _acd_v1_RouteDecision__Output } from './acd/v1/RouteDecision';
import type { StateSnapshot as _acd_v1_StateSnapshot, StateSnapshot__Output as _acd_v1_StateSnapshot__Output } from './acd/v1/StateSnapshot';
import type { WatchEventsRequest as _acd_v1_WatchEventsRequest, WatchEventsRequest__Output as _acd_v1_WatchEventsRequest__Output } from './acd/v1/WatchEventsRequest';
import type { WatchEventsResponse as _acd_v1_WatchEventsResponse, WatchEventsResponse__Output as _acd_v1_WatchEventsResponse__Output } from './acd/v1/WatchEventsResponse';
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
      EmptyRule: EnumTypeDefinition
      Event: MessageTypeDefinition<_acd_v1_Event, _acd_v1_Event__Output>
      EventService: SubtypeConstructor<typeof grpc.Client, _acd_v1_EventServiceClient> & { service: _acd_v1_EventServiceDefinition }
      EventType: EnumTypeDefinition
      ExplainAssignmentRequest: MessageTypeDefinition<_acd_v1_ExplainAssignmentRequest, _acd_v1_ExplainAssignmentRequest__Output>
      ExplainAssignmentResponse: MessageTypeDefinition<_acd_v1_ExplainAssignmentResponse, _acd_v1_ExplainAssignmentResponse__Output>
      HangupBy: EnumTypeDefinition
      Offer: MessageTypeDefinition<_acd_v1_Offer, _acd_v1_Offer__Output>
      PenaltyRule: MessageTypeDefinition<_acd_v1_PenaltyRule, _acd_v1_PenaltyRule__Output>
      Priority: EnumTypeDefinition
      QueueConfig: MessageTypeDefinition<_acd_v1_QueueConfig, _acd_v1_QueueConfig__Output>
      QueueMembership: MessageTypeDefinition<_acd_v1_QueueMembership, _acd_v1_QueueMembership__Output>
      QueueStats: MessageTypeDefinition<_acd_v1_QueueStats, _acd_v1_QueueStats__Output>
      Route: MessageTypeDefinition<_acd_v1_Route, _acd_v1_Route__Output>
      RouteDecision: MessageTypeDefinition<_acd_v1_RouteDecision, _acd_v1_RouteDecision__Output>
      RouteField: EnumTypeDefinition
      StateSnapshot: MessageTypeDefinition<_acd_v1_StateSnapshot, _acd_v1_StateSnapshot__Output>
      Strategy: EnumTypeDefinition
      Trigger: EnumTypeDefinition
      WatchEventsRequest: MessageTypeDefinition<_acd_v1_WatchEventsRequest, _acd_v1_WatchEventsRequest__Output>
      WatchEventsResponse: MessageTypeDefinition<_acd_v1_WatchEventsResponse, _acd_v1_WatchEventsResponse__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

