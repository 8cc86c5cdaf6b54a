// Original file: proto/acd/v1/event_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ExplainAssignmentRequest as _acd_v1_ExplainAssignmentRequest, ExplainAssignmentRequest__Output as _acd_v1_ExplainAssignmentRequest__Output } from '../../acd/v1/ExplainAssignmentRequest';
import type { ExplainAssignmentResponse as _acd_v1_ExplainAssignmentResponse, ExplainAssignmentResponse__Output as _acd_v1_ExplainAssignmentResponse__Output } from '../../acd/v1/ExplainAssignmentResponse';
import type { WatchEventsRequest as _acd_v1_WatchEventsRequest, WatchEventsRequest__Output as _acd_v1_WatchEventsRequest__Output } from '../../acd/v1/WatchEventsRequest';
import type { WatchEventsResponse as _acd_v1_WatchEventsResponse, WatchEventsResponse__Output as _acd_v1_WatchEventsResponse__Output } from '../../acd/v1/WatchEventsResponse';

export interface EventServiceClient extends grpc.Client {
  ExplainAssignment(argument: _acd_v1_ExplainAssignmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  ExplainAssignment(argument: _acd_v1_ExplainAssignmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  ExplainAssignment(argument: _acd_v1_ExplainAssignmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  ExplainAssignment(argument: _acd_v1_ExplainAssignmentRequest, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  explainAssignment(argument: _acd_v1_ExplainAssignmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  explainAssignment(argument: _acd_v1_ExplainAssignmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  explainAssignment(argument: _acd_v1_ExplainAssignmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  explainAssignment(argument: _acd_v1_ExplainAssignmentRequest, callback: grpc.requestCallback<_acd_v1_ExplainAssignmentResponse__Output>): grpc.ClientUnaryCall;
  
  WatchEvents(argument: _acd_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchEventsResponse__Output>;
  WatchEvents(argument: _acd_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchEventsResponse__Output>;
  watchEvents(argument: _acd_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchEventsResponse__Output>;
  watchEvents(argument: _acd_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchEventsResponse__Output>;
  
}

export interface EventServiceHandlers extends grpc.UntypedServiceImplementation {
  ExplainAssignment: grpc.handleUnaryCall<_acd_v1_ExplainAssignmentRequest__Output, _acd_v1_ExplainAssignmentResponse>;
  
  WatchEvents: grpc.handleServerStreamingCall<_acd_v1_WatchEventsRequest__Output, _acd_v1_WatchEventsResponse>;
  
}

export interface EventServiceDefinition extends grpc.ServiceDefinition {
  ExplainAssignment: MethodDefinition<_acd_v1_ExplainAssignmentRequest, _acd_v1_ExplainAssignmentResponse, _acd_v1_ExplainAssignmentRequest__Output, _acd_v1_ExplainAssignmentResponse__Output>
  WatchEvents: MethodDefinition<_acd_v1_WatchEventsRequest, _acd_v1_WatchEventsResponse, _acd_v1_WatchEventsRequest__Output, _acd_v1_WatchEventsResponse__Output>
}
