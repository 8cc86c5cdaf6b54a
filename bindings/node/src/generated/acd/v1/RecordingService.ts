// Original file: proto/acd/v1/recording_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetRecordingRequest as _acd_v1_GetRecordingRequest, GetRecordingRequest__Output as _acd_v1_GetRecordingRequest__Output } from '../../acd/v1/GetRecordingRequest';
import type { GetRecordingResponse as _acd_v1_GetRecordingResponse, GetRecordingResponse__Output as _acd_v1_GetRecordingResponse__Output } from '../../acd/v1/GetRecordingResponse';
import type { ListRecordingEventsRequest as _acd_v1_ListRecordingEventsRequest, ListRecordingEventsRequest__Output as _acd_v1_ListRecordingEventsRequest__Output } from '../../acd/v1/ListRecordingEventsRequest';
import type { ListRecordingEventsResponse as _acd_v1_ListRecordingEventsResponse, ListRecordingEventsResponse__Output as _acd_v1_ListRecordingEventsResponse__Output } from '../../acd/v1/ListRecordingEventsResponse';
import type { MonitorCallRequest as _acd_v1_MonitorCallRequest, MonitorCallRequest__Output as _acd_v1_MonitorCallRequest__Output } from '../../acd/v1/MonitorCallRequest';
import type { MonitorCallResponse as _acd_v1_MonitorCallResponse, MonitorCallResponse__Output as _acd_v1_MonitorCallResponse__Output } from '../../acd/v1/MonitorCallResponse';
import type { PauseRecordingRequest as _acd_v1_PauseRecordingRequest, PauseRecordingRequest__Output as _acd_v1_PauseRecordingRequest__Output } from '../../acd/v1/PauseRecordingRequest';
import type { PauseRecordingResponse as _acd_v1_PauseRecordingResponse, PauseRecordingResponse__Output as _acd_v1_PauseRecordingResponse__Output } from '../../acd/v1/PauseRecordingResponse';
import type { ResumeRecordingRequest as _acd_v1_ResumeRecordingRequest, ResumeRecordingRequest__Output as _acd_v1_ResumeRecordingRequest__Output } from '../../acd/v1/ResumeRecordingRequest';
import type { ResumeRecordingResponse as _acd_v1_ResumeRecordingResponse, ResumeRecordingResponse__Output as _acd_v1_ResumeRecordingResponse__Output } from '../../acd/v1/ResumeRecordingResponse';
import type { SearchRecordingsRequest as _acd_v1_SearchRecordingsRequest, SearchRecordingsRequest__Output as _acd_v1_SearchRecordingsRequest__Output } from '../../acd/v1/SearchRecordingsRequest';
import type { SearchRecordingsResponse as _acd_v1_SearchRecordingsResponse, SearchRecordingsResponse__Output as _acd_v1_SearchRecordingsResponse__Output } from '../../acd/v1/SearchRecordingsResponse';
import type { StartRecordingRequest as _acd_v1_StartRecordingRequest, StartRecordingRequest__Output as _acd_v1_StartRecordingRequest__Output } from '../../acd/v1/StartRecordingRequest';
import type { StartRecordingResponse as _acd_v1_StartRecordingResponse, StartRecordingResponse__Output as _acd_v1_StartRecordingResponse__Output } from '../../acd/v1/StartRecordingResponse';
import type { StopRecordingRequest as _acd_v1_StopRecordingRequest, StopRecordingRequest__Output as _acd_v1_StopRecordingRequest__Output } from '../../acd/v1/StopRecordingRequest';
import type { StopRecordingResponse as _acd_v1_StopRecordingResponse, StopRecordingResponse__Output as _acd_v1_StopRecordingResponse__Output } from '../../acd/v1/StopRecordingResponse';

export interface RecordingServiceClient extends grpc.Client {
  GetRecording(argument: _acd_v1_GetRecordingRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_GetRecordingResponse__Output>;
  GetRecording(argument: _acd_v1_GetRecordingRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_GetRecordingResponse__Output>;
  getRecording(argument: _acd_v1_GetRecordingRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_GetRecordingResponse__Output>;
  getRecording(argument: _acd_v1_GetRecordingRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_GetRecordingResponse__Output>;
  
  ListRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  ListRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  ListRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  ListRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  listRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  listRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  listRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  listRecordingEvents(argument: _acd_v1_ListRecordingEventsRequest, callback: grpc.requestCallback<_acd_v1_ListRecordingEventsResponse__Output>): grpc.ClientUnaryCall;
  
  MonitorCall(argument: _acd_v1_MonitorCallRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_MonitorCallResponse__Output>;
  MonitorCall(argument: _acd_v1_MonitorCallRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_MonitorCallResponse__Output>;
  monitorCall(argument: _acd_v1_MonitorCallRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_MonitorCallResponse__Output>;
  monitorCall(argument: _acd_v1_MonitorCallRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_acd_v1_MonitorCallResponse__Output>;
  
  PauseRecording(argument: _acd_v1_PauseRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  PauseRecording(argument: _acd_v1_PauseRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  PauseRecording(argument: _acd_v1_PauseRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  PauseRecording(argument: _acd_v1_PauseRecordingRequest, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  pauseRecording(argument: _acd_v1_PauseRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  pauseRecording(argument: _acd_v1_PauseRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  pauseRecording(argument: _acd_v1_PauseRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  pauseRecording(argument: _acd_v1_PauseRecordingRequest, callback: grpc.requestCallback<_acd_v1_PauseRecordingResponse__Output>): grpc.ClientUnaryCall;
  
  ResumeRecording(argument: _acd_v1_ResumeRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  ResumeRecording(argument: _acd_v1_ResumeRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  ResumeRecording(argument: _acd_v1_ResumeRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  ResumeRecording(argument: _acd_v1_ResumeRecordingRequest, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  resumeRecording(argument: _acd_v1_ResumeRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  resumeRecording(argument: _acd_v1_ResumeRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  resumeRecording(argument: _acd_v1_ResumeRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  resumeRecording(argument: _acd_v1_ResumeRecordingRequest, callback: grpc.requestCallback<_acd_v1_ResumeRecordingResponse__Output>): grpc.ClientUnaryCall;
  
  SearchRecordings(argument: _acd_v1_SearchRecordingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  SearchRecordings(argument: _acd_v1_SearchRecordingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  SearchRecordings(argument: _acd_v1_SearchRecordingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  SearchRecordings(argument: _acd_v1_SearchRecordingsRequest, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  searchRecordings(argument: _acd_v1_SearchRecordingsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  searchRecordings(argument: _acd_v1_SearchRecordingsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  searchRecordings(argument: _acd_v1_SearchRecordingsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  searchRecordings(argument: _acd_v1_SearchRecordingsRequest, callback: grpc.requestCallback<_acd_v1_SearchRecordingsResponse__Output>): grpc.ClientUnaryCall;
  
  StartRecording(argument: _acd_v1_StartRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  StartRecording(argument: _acd_v1_StartRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  StartRecording(argument: _acd_v1_StartRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  StartRecording(argument: _acd_v1_StartRecordingRequest, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  startRecording(argument: _acd_v1_StartRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  startRecording(argument: _acd_v1_StartRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  startRecording(argument: _acd_v1_StartRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  startRecording(argument: _acd_v1_StartRecordingRequest, callback: grpc.requestCallback<_acd_v1_StartRecordingResponse__Output>): grpc.ClientUnaryCall;
  
  StopRecording(argument: _acd_v1_StopRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  StopRecording(argument: _acd_v1_StopRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  StopRecording(argument: _acd_v1_StopRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  StopRecording(argument: _acd_v1_StopRecordingRequest, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  stopRecording(argument: _acd_v1_StopRecordingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  stopRecording(argument: _acd_v1_StopRecordingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  stopRecording(argument: _acd_v1_StopRecordingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  stopRecording(argument: _acd_v1_StopRecordingRequest, callback: grpc.requestCallback<_acd_v1_StopRecordingResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface RecordingServiceHandlers extends grpc.UntypedServiceImplementation {
  GetRecording: grpc.handleServerStreamingCall<_acd_v1_GetRecordingRequest__Output, _acd_v1_GetRecordingResponse>;
  
  ListRecordingEvents: grpc.handleUnaryCall<_acd_v1_ListRecordingEventsRequest__Output, _acd_v1_ListRecordingEventsResponse>;
  
  MonitorCall: grpc.handleServerStreamingCall<_acd_v1_MonitorCallRequest__Output, _acd_v1_MonitorCallResponse>;
  
  PauseRecording: grpc.handleUnaryCall<_acd_v1_PauseRecordingRequest__Output, _acd_v1_PauseRecordingResponse>;
  
  ResumeRecording: grpc.handleUnaryCall<_acd_v1_ResumeRecordingRequest__Output, _acd_v1_ResumeRecordingResponse>;
  
  SearchRecordings: grpc.handleUnaryCall<_acd_v1_SearchRecordingsRequest__Output, _acd_v1_SearchRecordingsResponse>;
  
  StartRecording: grpc.handleUnaryCall<_acd_v1_StartRecordingRequest__Output, _acd_v1_StartRecordingResponse>;
  
  StopRecording: grpc.handleUnaryCall<_acd_v1_StopRecordingRequest__Output, _acd_v1_StopRecordingResponse>;
  
}

export interface RecordingServiceDefinition extends grpc.ServiceDefinition {
  GetRecording: MethodDefinition<_acd_v1_GetRecordingRequest, _acd_v1_GetRecordingResponse, _acd_v1_GetRecordingRequest__Output, _acd_v1_GetRecordingResponse__Output>
  ListRecordingEvents: MethodDefinition<_acd_v1_ListRecordingEventsRequest, _acd_v1_ListRecordingEventsResponse, _acd_v1_ListRecordingEventsRequest__Output, _acd_v1_ListRecordingEventsResponse__Output>
  MonitorCall: MethodDefinition<_acd_v1_MonitorCallRequest, _acd_v1_MonitorCallResponse, _acd_v1_MonitorCallRequest__Output, _acd_v1_MonitorCallResponse__Output>
  PauseRecording: MethodDefinition<_acd_v1_PauseRecordingRequest, _acd_v1_PauseRecordingResponse, _acd_v1_PauseRecordingRequest__Output, _acd_v1_PauseRecordingResponse__Output>
  ResumeRecording: MethodDefinition<_acd_v1_ResumeRecordingRequest, _acd_v1_ResumeRecordingResponse, _acd_v1_ResumeRecordingRequest__Output, _acd_v1_ResumeRecordingResponse__Output>
  SearchRecordings: MethodDefinition<_acd_v1_SearchRecordingsRequest, _acd_v1_SearchRecordingsResponse, _acd_v1_SearchRecordingsRequest__Output, _acd_v1_SearchRecordingsResponse__Output>
  StartRecording: MethodDefinition<_acd_v1_StartRecordingRequest, _acd_v1_StartRecordingResponse, _acd_v1_StartRecordingRequest__Output, _acd_v1_StartRecordingResponse__Output>
  StopRecording: MethodDefinition<_acd_v1_StopRecordingRequest, _acd_v1_StopRecordingResponse, _acd_v1_StopRecordingRequest__Output, _acd_v1_StopRecordingResponse__Output>
}
