// Original file: proto/acd/v1/routing_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListRoutesRequest as _acd_v1_ListRoutesRequest, ListRoutesRequest__Output as _acd_v1_ListRoutesRequest__Output } from '../../acd/v1/ListRoutesRequest';
import type { ListRoutesResponse as _acd_v1_ListRoutesResponse, ListRoutesResponse__Output as _acd_v1_ListRoutesResponse__Output } from '../../acd/v1/ListRoutesResponse';
import type { LookupNumberRequest as _acd_v1_LookupNumberRequest, LookupNumberRequest__Output as _acd_v1_LookupNumberRequest__Output } from '../../acd/v1/LookupNumberRequest';
import type { LookupNumberResponse as _acd_v1_LookupNumberResponse, LookupNumberResponse__Output as _acd_v1_LookupNumberResponse__Output } from '../../acd/v1/LookupNumberResponse';
import type { ReplaceRoutesRequest as _acd_v1_ReplaceRoutesRequest, ReplaceRoutesRequest__Output as _acd_v1_ReplaceRoutesRequest__Output } from '../../acd/v1/ReplaceRoutesRequest';
import type { ReplaceRoutesResponse as _acd_v1_ReplaceRoutesResponse, ReplaceRoutesResponse__Output as _acd_v1_ReplaceRoutesResponse__Output } from '../../acd/v1/ReplaceRoutesResponse';

export interface RoutingServiceClient extends grpc.Client {
  ListRoutes(argument: _acd_v1_ListRoutesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  ListRoutes(argument: _acd_v1_ListRoutesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  ListRoutes(argument: _acd_v1_ListRoutesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  ListRoutes(argument: _acd_v1_ListRoutesRequest, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  listRoutes(argument: _acd_v1_ListRoutesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  listRoutes(argument: _acd_v1_ListRoutesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  listRoutes(argument: _acd_v1_ListRoutesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  listRoutes(argument: _acd_v1_ListRoutesRequest, callback: grpc.requestCallback<_acd_v1_ListRoutesResponse__Output>): grpc.ClientUnaryCall;
  
  LookupNumber(argument: _acd_v1_LookupNumberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  LookupNumber(argument: _acd_v1_LookupNumberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  LookupNumber(argument: _acd_v1_LookupNumberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  LookupNumber(argument: _acd_v1_LookupNumberRequest, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  lookupNumber(argument: _acd_v1_LookupNumberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  lookupNumber(argument: _acd_v1_LookupNumberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  lookupNumber(argument: _acd_v1_LookupNumberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  lookupNumber(argument: _acd_v1_LookupNumberRequest, callback: grpc.requestCallback<_acd_v1_LookupNumberResponse__Output>): grpc.ClientUnaryCall;
  
  ReplaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  ReplaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  ReplaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  ReplaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  replaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  replaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  replaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  replaceRoutes(argument: _acd_v1_ReplaceRoutesRequest, callback: grpc.requestCallback<_acd_v1_ReplaceRoutesResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface RoutingServiceHandlers extends grpc.UntypedServiceImplementation {
  ListRoutes: grpc.handleUnaryCall<_acd_v1_ListRoutesRequest__Output, _acd_v1_ListRoutesResponse>;
  
  LookupNumber: grpc.handleUnaryCall<_acd_v1_LookupNumberRequest__Output, _acd_v1_LookupNumberResponse>;
  
  ReplaceRoutes: grpc.handleUnaryCall<_acd_v1_ReplaceRoutesRequest__Output, _acd_v1_ReplaceRoutesResponse>;
  
}

export interface RoutingServiceDefinition extends grpc.ServiceDefinition {
  ListRoutes: MethodDefinition<_acd_v1_ListRoutesRequest, _acd_v1_ListRoutesResponse, _acd_v1_ListRoutesRequest__Output, _acd_v1_ListRoutesResponse__Output>
  LookupNumber: MethodDefinition<_acd_v1_LookupNumberRequest, _acd_v1_LookupNumberResponse, _acd_v1_LookupNumberRequest__Output, _acd_v1_LookupNumberResponse__Output>
  ReplaceRoutes: MethodDefinition<_acd_v1_ReplaceRoutesRequest, _acd_v1_ReplaceRoutesResponse, _acd_v1_ReplaceRoutesRequest__Output, _acd_v1_ReplaceRoutesResponse__Output>
}
