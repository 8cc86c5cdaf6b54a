// Original file: proto/acd/v1/queue_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateQueueRequest as _acd_v1_CreateQueueRequest, CreateQueueRequest__Output as _acd_v1_CreateQueueRequest__Output } from '../../acd/v1/CreateQueueRequest';
import type { CreateQueueResponse as _acd_v1_CreateQueueResponse, CreateQueueResponse__Output as _acd_v1_CreateQueueResponse__Output } from '../../acd/v1/CreateQueueResponse';
import type { DeleteQueueRequest as _acd_v1_DeleteQueueRequest, DeleteQueueRequest__Output as _acd_v1_DeleteQueueRequest__Output } from '../../acd/v1/DeleteQueueRequest';
import type { DeleteQueueResponse as _acd_v1_DeleteQueueResponse, DeleteQueueResponse__Output as _acd_v1_DeleteQueueResponse__Output } from '../../acd/v1/DeleteQueueResponse';
import type { GetQueueRequest as _acd_v1_GetQueueRequest, GetQueueRequest__Output as _acd_v1_GetQueueRequest__Output } from '../../acd/v1/GetQueueRequest';
import type { GetQueueResponse as _acd_v1_GetQueueResponse, GetQueueResponse__Output as _acd_v1_GetQueueResponse__Output } from '../../acd/v1/GetQueueResponse';
import type { GetQueueStatsRequest as _acd_v1_GetQueueStatsRequest, GetQueueStatsRequest__Output as _acd_v1_GetQueueStatsRequest__Output } from '../../acd/v1/GetQueueStatsRequest';
import type { GetQueueStatsResponse as _acd_v1_GetQueueStatsResponse, GetQueueStatsResponse__Output as _acd_v1_GetQueueStatsResponse__Output } from '../../acd/v1/GetQueueStatsResponse';
import type { ListQueueStatsRequest as _acd_v1_ListQueueStatsRequest, ListQueueStatsRequest__Output as _acd_v1_ListQueueStatsRequest__Output } from '../../acd/v1/ListQueueStatsRequest';
import type { ListQueueStatsResponse as _acd_v1_ListQueueStatsResponse, ListQueueStatsResponse__Output as _acd_v1_ListQueueStatsResponse__Output } from '../../acd/v1/ListQueueStatsResponse';
import type { ListQueuesRequest as _acd_v1_ListQueuesRequest, ListQueuesRequest__Output as _acd_v1_ListQueuesRequest__Output } from '../../acd/v1/ListQueuesRequest';
import type { ListQueuesResponse as _acd_v1_ListQueuesResponse, ListQueuesResponse__Output as _acd_v1_ListQueuesResponse__Output } from '../../acd/v1/ListQueuesResponse';
import type { UpdateQueueRequest as _acd_v1_UpdateQueueRequest, UpdateQueueRequest__Output as _acd_v1_UpdateQueueRequest__Output } from '../../acd/v1/UpdateQueueRequest';
import type { UpdateQueueResponse as _acd_v1_UpdateQueueResponse, UpdateQueueResponse__Output as _acd_v1_UpdateQueueResponse__Output } from '../../acd/v1/UpdateQueueResponse';

export interface QueueServiceClient extends grpc.Client {
  CreateQueue(argument: _acd_v1_CreateQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  CreateQueue(argument: _acd_v1_CreateQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  CreateQueue(argument: _acd_v1_CreateQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  CreateQueue(argument: _acd_v1_CreateQueueRequest, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  createQueue(argument: _acd_v1_CreateQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  createQueue(argument: _acd_v1_CreateQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  createQueue(argument: _acd_v1_CreateQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  createQueue(argument: _acd_v1_CreateQueueRequest, callback: grpc.requestCallback<_acd_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteQueue(argument: _acd_v1_DeleteQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  DeleteQueue(argument: _acd_v1_DeleteQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  DeleteQueue(argument: _acd_v1_DeleteQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  DeleteQueue(argument: _acd_v1_DeleteQueueRequest, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  deleteQueue(argument: _acd_v1_DeleteQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  deleteQueue(argument: _acd_v1_DeleteQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  deleteQueue(argument: _acd_v1_DeleteQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  deleteQueue(argument: _acd_v1_DeleteQueueRequest, callback: grpc.requestCallback<_acd_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  
  GetQueue(argument: _acd_v1_GetQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  GetQueue(argument: _acd_v1_GetQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  GetQueue(argument: _acd_v1_GetQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  GetQueue(argument: _acd_v1_GetQueueRequest, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  getQueue(argument: _acd_v1_GetQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  getQueue(argument: _acd_v1_GetQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  getQueue(argument: _acd_v1_GetQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  getQueue(argument: _acd_v1_GetQueueRequest, callback: grpc.requestCallback<_acd_v1_GetQueueResponse__Output>): grpc.ClientUnaryCall;
  
  GetQueueStats(argument: _acd_v1_GetQueueStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  GetQueueStats(argument: _acd_v1_GetQueueStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  GetQueueStats(argument: _acd_v1_GetQueueStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  GetQueueStats(argument: _acd_v1_GetQueueStatsRequest, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  getQueueStats(argument: _acd_v1_GetQueueStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  getQueueStats(argument: _acd_v1_GetQueueStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  getQueueStats(argument: _acd_v1_GetQueueStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  getQueueStats(argument: _acd_v1_GetQueueStatsRequest, callback: grpc.requestCallback<_acd_v1_GetQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  
  ListQueueStats(argument: _acd_v1_ListQueueStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  ListQueueStats(argument: _acd_v1_ListQueueStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  ListQueueStats(argument: _acd_v1_ListQueueStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  ListQueueStats(argument: _acd_v1_ListQueueStatsRequest, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  listQueueStats(argument: _acd_v1_ListQueueStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  listQueueStats(argument: _acd_v1_ListQueueStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  listQueueStats(argument: _acd_v1_ListQueueStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  listQueueStats(argument: _acd_v1_ListQueueStatsRequest, callback: grpc.requestCallback<_acd_v1_ListQueueStatsResponse__Output>): grpc.ClientUnaryCall;
  
  ListQueues(argument: _acd_v1_ListQueuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListQueues(argument: _acd_v1_ListQueuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListQueues(argument: _acd_v1_ListQueuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListQueues(argument: _acd_v1_ListQueuesRequest, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  listQueues(argument: _acd_v1_ListQueuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  listQueues(argument: _acd_v1_ListQueuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  listQueues(argument: _acd_v1_ListQueuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  listQueues(argument: _acd_v1_ListQueuesRequest, callback: grpc.requestCallback<_acd_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateQueue(argument: _acd_v1_UpdateQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  UpdateQueue(argument: _acd_v1_UpdateQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  UpdateQueue(argument: _acd_v1_UpdateQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  UpdateQueue(argument: _acd_v1_UpdateQueueRequest, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  updateQueue(argument: _acd_v1_UpdateQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  updateQueue(argument: _acd_v1_UpdateQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  updateQueue(argument: _acd_v1_UpdateQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  updateQueue(argument: _acd_v1_UpdateQueueRequest, callback: grpc.requestCallback<_acd_v1_UpdateQueueResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface QueueServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateQueue: grpc.handleUnaryCall<_acd_v1_CreateQueueRequest__Output, _acd_v1_CreateQueueResponse>;
  
  DeleteQueue: grpc.handleUnaryCall<_acd_v1_DeleteQueueRequest__Output, _acd_v1_DeleteQueueResponse>;
  
  GetQueue: grpc.handleUnaryCall<_acd_v1_GetQueueRequest__Output, _acd_v1_GetQueueResponse>;
  
  GetQueueStats: grpc.handleUnaryCall<_acd_v1_GetQueueStatsRequest__Output, _acd_v1_GetQueueStatsResponse>;
  
  ListQueueStats: grpc.handleUnaryCall<_acd_v1_ListQueueStatsRequest__Output, _acd_v1_ListQueueStatsResponse>;
  
  ListQueues: grpc.handleUnaryCall<_acd_v1_ListQueuesRequest__Output, _acd_v1_ListQueuesResponse>;
  
  UpdateQueue: grpc.handleUnaryCall<_acd_v1_UpdateQueueRequest__Output, _acd_v1_UpdateQueueResponse>;
  
}

export interface QueueServiceDefinition extends grpc.ServiceDefinition {
  CreateQueue: MethodDefinition<_acd_v1_CreateQueueRequest, _acd_v1_CreateQueueResponse, _acd_v1_CreateQueueRequest__Output, _acd_v1_CreateQueueResponse__Output>
  DeleteQueue: MethodDefinition<_acd_v1_DeleteQueueRequest, _acd_v1_DeleteQueueResponse, _acd_v1_DeleteQueueRequest__Output, _acd_v1_DeleteQueueResponse__Output>
  GetQueue: MethodDefinition<_acd_v1_GetQueueRequest, _acd_v1_GetQueueResponse, _acd_v1_GetQueueRequest__Output, _acd_v1_GetQueueResponse__Output>
  GetQueueStats: MethodDefinition<_acd_v1_GetQueueStatsRequest, _acd_v1_GetQueueStatsResponse, _acd_v1_GetQueueStatsRequest__Output, _acd_v1_GetQueueStatsResponse__Output>
  ListQueueStats: MethodDefinition<_acd_v1_ListQueueStatsRequest, _acd_v1_ListQueueStatsResponse, _acd_v1_ListQueueStatsRequest__Output, _acd_v1_ListQueueStatsResponse__Output>
  ListQueues: MethodDefinition<_acd_v1_ListQueuesRequest, _acd_v1_ListQueuesResponse, _acd_v1_ListQueuesRequest__Output, _acd_v1_ListQueuesResponse__Output>
  UpdateQueue: MethodDefinition<_acd_v1_UpdateQueueRequest, _acd_v1_UpdateQueueResponse, _acd_v1_UpdateQueueRequest__Output, _acd_v1_UpdateQueueResponse__Output>
}
