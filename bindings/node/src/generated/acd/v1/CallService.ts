// Original file: proto/acd/v1/call_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelCallRequest as _acd_v1_CancelCallRequest, CancelCallRequest__Output as _acd_v1_CancelCallRequest__Output } from '../../acd/v1/CancelCallRequest';
import type { CancelCallResponse as _acd_v1_CancelCallResponse, CancelCallResponse__Output as _acd_v1_CancelCallResponse__Output } from '../../acd/v1/CancelCallResponse';
import type { EnqueueCallRequest as _acd_v1_EnqueueCallRequest, EnqueueCallRequest__Output as _acd_v1_EnqueueCallRequest__Output } from '../../acd/v1/EnqueueCallRequest';
import type { EnqueueCallResponse as _acd_v1_EnqueueCallResponse, EnqueueCallResponse__Output as _acd_v1_EnqueueCallResponse__Output } from '../../acd/v1/EnqueueCallResponse';
import type { GetCallRequest as _acd_v1_GetCallRequest, GetCallRequest__Output as _acd_v1_GetCallRequest__Output } from '../../acd/v1/GetCallRequest';
import type { GetCallResponse as _acd_v1_GetCallResponse, GetCallResponse__Output as _acd_v1_GetCallResponse__Output } from '../../acd/v1/GetCallResponse';
import type { ListCallsRequest as _acd_v1_ListCallsRequest, ListCallsRequest__Output as _acd_v1_ListCallsRequest__Output } from '../../acd/v1/ListCallsRequest';
import type { ListCallsResponse as _acd_v1_ListCallsResponse, ListCallsResponse__Output as _acd_v1_ListCallsResponse__Output } from '../../acd/v1/ListCallsResponse';
import type { TransferCallRequest as _acd_v1_TransferCallRequest, TransferCallRequest__Output as _acd_v1_TransferCallRequest__Output } from '../../acd/v1/TransferCallRequest';
import type { TransferCallResponse as _acd_v1_TransferCallResponse, TransferCallResponse__Output as _acd_v1_TransferCallResponse__Output } from '../../acd/v1/TransferCallResponse';
import type { WatchCallRequest as _acd_v1_WatchCallRequest, WatchCallRequest__Output as _acd_v1_WatchCallRequest__Output } from '../../acd/v1/WatchCallRequest';
import type { WatchCallResponse as _acd_v1_WatchCallResponse, WatchCallResponse__Output as _acd_v1_WatchCallResponse__Output } from '../../acd/v1/WatchCallResponse';

export interface CallServiceClient extends grpc.Client {
  CancelCall(argument: _acd_v1_CancelCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  CancelCall(argument: _acd_v1_CancelCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  CancelCall(argument: _acd_v1_CancelCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  CancelCall(argument: _acd_v1_CancelCallRequest, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  cancelCall(argument: _acd_v1_CancelCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  cancelCall(argument: _acd_v1_CancelCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  cancelCall(argument: _acd_v1_CancelCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  cancelCall(argument: _acd_v1_CancelCallRequest, callback: grpc.requestCallback<_acd_v1_CancelCallResponse__Output>): grpc.ClientUnaryCall;
  
  EnqueueCall(argument: _acd_v1_EnqueueCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  EnqueueCall(argument: _acd_v1_EnqueueCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  EnqueueCall(argument: _acd_v1_EnqueueCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  EnqueueCall(argument: _acd_v1_EnqueueCallRequest, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  enqueueCall(argument: _acd_v1_EnqueueCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  enqueueCall(argument: _acd_v1_EnqueueCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  enqueueCall(argument: _acd_v1_EnqueueCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  enqueueCall(argument: _acd_v1_EnqueueCallRequest, callback: grpc.requestCallback<_acd_v1_EnqueueCallResponse__Output>): grpc.ClientUnaryCall;
  
  GetCall(argument: _acd_v1_GetCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  GetCall(argument: _acd_v1_GetCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  GetCall(argument: _acd_v1_GetCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  GetCall(argument: _acd_v1_GetCallRequest, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  getCall(argument: _acd_v1_GetCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  getCall(argument: _acd_v1_GetCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  getCall(argument: _acd_v1_GetCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  getCall(argument: _acd_v1_GetCallRequest, callback: grpc.requestCallback<_acd_v1_GetCallResponse__Output>): grpc.ClientUnaryCall;
  
  ListCalls(argument: _acd_v1_ListCallsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  ListCalls(argument: _acd_v1_ListCallsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  ListCalls(argument: _acd_v1_ListCallsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  ListCalls(argument: _acd_v1_ListCallsRequest, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  listCalls(argument: _acd_v1_ListCallsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  listCalls(argument: _acd_v1_ListCallsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  listCalls(argument: _acd_v1_ListCallsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  listCalls(argument: _acd_v1_ListCallsRequest, callback: grpc.requestCallback<_acd_v1_ListCallsResponse__Output>): grpc.ClientUnaryCall;
  
  TransferCall(argument: _acd_v1_TransferCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  TransferCall(argument: _acd_v1_TransferCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  TransferCall(argument: _acd_v1_TransferCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  TransferCall(argument: _acd_v1_TransferCallRequest, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  transferCall(argument: _acd_v1_TransferCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  transferCall(argument: _acd_v1_TransferCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  transferCall(argument: _acd_v1_TransferCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  transferCall(argument: _acd_v1_TransferCallRequest, callback: grpc.requestCallback<_acd_v1_TransferCallResponse__Output>): grpc.ClientUnaryCall;
  
  WatchCall(argument: _acd_v1_WatchCallRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchCallResponse__Output>;
  WatchCall(argument: _acd_v1_WatchCallRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchCallResponse__Output>;
  watchCall(argument: _acd_v1_WatchCallRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchCallResponse__Output>;
  watchCall(argument: _acd_v1_WatchCallRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_WatchCallResponse__Output>;
  
}

export interface CallServiceHandlers extends grpc.UntypedServiceImplementation {
  CancelCall: grpc.handleUnaryCall<_acd_v1_CancelCallRequest__Output, _acd_v1_CancelCallResponse>;
  
  EnqueueCall: grpc.handleUnaryCall<_acd_v1_EnqueueCallRequest__Output, _acd_v1_EnqueueCallResponse>;
  
  GetCall: grpc.handleUnaryCall<_acd_v1_GetCallRequest__Output, _acd_v1_GetCallResponse>;
  
  ListCalls: grpc.handleUnaryCall<_acd_v1_ListCallsRequest__Output, _acd_v1_ListCallsResponse>;
  
  TransferCall: grpc.handleUnaryCall<_acd_v1_TransferCallRequest__Output, _acd_v1_TransferCallResponse>;
  
  WatchCall: grpc.handleServerStreamingCall<_acd_v1_WatchCallRequest__Output, _acd_v1_WatchCallResponse>;
  
}

export interface CallServiceDefinition extends grpc.ServiceDefinition {
  CancelCall: MethodDefinition<_acd_v1_CancelCallRequest, _acd_v1_CancelCallResponse, _acd_v1_CancelCallRequest__Output, _acd_v1_CancelCallResponse__Output>
  EnqueueCall: MethodDefinition<_acd_v1_EnqueueCallRequest, _acd_v1_EnqueueCallResponse, _acd_v1_EnqueueCallRequest__Output, _acd_v1_EnqueueCallResponse__Output>
  GetCall: MethodDefinition<_acd_v1_GetCallRequest, _acd_v1_GetCallResponse, _acd_v1_GetCallRequest__Output, _acd_v1_GetCallResponse__Output>
  ListCalls: MethodDefinition<_acd_v1_ListCallsRequest, _acd_v1_ListCallsResponse, _acd_v1_ListCallsRequest__Output, _acd_v1_ListCallsResponse__Output>
  TransferCall: MethodDefinition<_acd_v1_TransferCallRequest, _acd_v1_TransferCallResponse, _acd_v1_TransferCallRequest__Output, _acd_v1_TransferCallResponse__Output>
  WatchCall: MethodDefinition<_acd_v1_WatchCallRequest, _acd_v1_WatchCallResponse, _acd_v1_WatchCallRequest__Output, _acd_v1_WatchCallResponse__Output>
}
