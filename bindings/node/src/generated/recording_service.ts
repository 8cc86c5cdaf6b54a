import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetRecordingRequest as _acd_v1_GetRecordingRequest, GetRecordingRequest__Output as _acd_v1_GetRecordingRequest__Output } from './acd/v1/GetRecordingRequest';
import type { GetRecordingResponse as _acd_v1_GetRecordingResponse, GetRecordingResponse__Output as _acd_v1_GetRecordingResponse__Output } from './acd/v1/GetRecordingResponse';
import type { ListRecordingEventsRequest as _acd_v1_ListRecordingEventsRequest, ListRecordingEventsRequest__Output as _acd_v1_ListRecordingEventsRequest__Output } from './acd/v1/ListRecordingEventsRequest';
import type { ListRecordingEventsResponse as _acd_v1_ListRecordingEventsResponse, ListRecordingEventsResponse__Output as _acd_v1_ListRecordingEventsResponse__Output } from './acd/v1/ListRecordingEventsResponse';
import type { MediaAddress as _acd_v1_MediaAddress, MediaAddress__Output as _acd_v1_MediaAddress__Output } from './acd/v1/MediaAddress';
import type { MonitorCallRequest as _acd_v1_MonitorCallRequest, MonitorCallRequest__Output as _acd_v1_MonitorCallRequest__Output } from './acd/v1/MonitorCallRequest';
import type { MonitorCallResponse as _acd_v1_MonitorCallResponse, MonitorCallResponse__Output as _acd_v1_MonitorCallResponse__Output } from './acd/v1/MonitorCallResponse';
import type { PauseRecordingRequest as _acd_v1_PauseRecordingRequest, PauseRecordingRequest__Output as _acd_v1_PauseRecordingRequest__Output } from './acd/v1/PauseRecordingRequest';
import type { PauseRecordingResponse as _acd_v1_PauseRecordingResponse, PauseRecordingResponse__Output as _acd_v1_PauseRecordingResponse__Output } from './acd/v1/PauseRecordingResponse';
import type { Recording as _acd_v1_Recording, Recording__Output as _acd_v1_Recording__Output } from './acd/v1/Recording';
import type { RecordingEvent as _acd_v1_RecordingEvent, RecordingEvent__Output as _acd_v1_RecordingEvent__Output } from './acd/v1/RecordingEvent';
import type { RecordingLeg as _acd_v1_RecordingLeg, RecordingLeg__Output as _acd_v1_RecordingLeg__Output } from './acd/v1/RecordingLeg';
import type { RecordingLegStats as _acd_v1_RecordingLegStats, RecordingLegStats__Output as _acd_v1_RecordingLegStats__Output } from './acd/v1/RecordingLegStats';
import type { RecordingServiceClient as _acd_v1_RecordingServiceClient, RecordingServiceDefinition as _acd_v1_RecordingServiceDefinition } from './acd/v1/RecordingService';
import type { ResumeRecordingRequest as _acd_v1_ResumeRecordingRequest, ResumeRecordingRequest__Output as _acd_v1_ResumeRecordingRequest__Output } from './acd/v1/ResumeRecordingRequest';
import type { ResumeRecordingResponse as _acd_v1_ResumeRecordingResponse, ResumeRecordingResponse__Output as _acd_v1_ResumeRecordingResponse__Output } from './acd/v1/ResumeRecordingResponse';
import type { SearchRecordingsRequest as _acd_v1_SearchRecordingsRequest, SearchRecordingsRequest__Output as _acd_v1_SearchRecordingsRequest__Output } from './acd/v1/SearchRecordingsRequest';
import type { SearchRecordingsResponse as _acd_v1_SearchRecordingsResponse, SearchRecordingsResponse__Output as _acd_v1_SearchRecordingsResponse__Output } from './acd/v1/SearchRecordingsResponse';
import type { StartRecordingRequest as _acd_v1_StartRecordingRequest, StartRecordingRequest__Output as _acd_v1_StartRecordingRequest__Output } from './acd/v1/StartRecordingRequest';
import type { StartRecordingResponse as _acd_v1_StartRecordingResponse, StartRecordingResponse__Output as _acd_v1_StartRecordingResponse__Output } from './acd/v1/StartRecordingResponse';
import type { StopRecordingRequest as _acd_v1_StopRecordingRequest, StopRecordingRequest__Output as _acd_v1_StopRecordingRequest__Output } from './acd/v1/StopRecordingRequest';
import type { StopRecordingResponse as _acd_v1_StopRecordingResponse, StopRecordingResponse__Output as _acd_v1_StopRecordingResponse__Output } from './acd/v1/StopRecordingResponse';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  acd: {
    v1: {
      GetRecordingRequest: MessageTypeDefinition<_acd_v1_GetRecordingRequest, _acd_v1_GetRecordingRequest__Output>
      GetRecordingResponse: MessageTypeDefinition<_acd_v1_GetRecordingResponse, _acd_v1_GetRecordingResponse__Output>
      ListRecordingEventsRequest: MessageTypeDefinition<_acd_v1_ListRecordingEventsRequest, _acd_v1_ListRecordingEventsRequest__Output>
      ListRecordingEventsResponse: MessageTypeDefinition<_acd_v1_ListRecordingEventsResponse, _acd_v1_ListRecordingEventsResponse__Output>
      MediaAddress: MessageTypeDefinition<_acd_v1_MediaAddress, _acd_v1_MediaAddress__Output>
      MonitorCallRequest: MessageTypeDefinition<_acd_v1_MonitorCallRequest, _acd_v1_MonitorCallRequest__Output>
      MonitorCallResponse: MessageTypeDefinition<_acd_v1_MonitorCallResponse, _acd_v1_MonitorCallResponse__Output>
      MonitorMode: EnumTypeDefinition
      PauseRecordingRequest: MessageTypeDefinition<_acd_v1_PauseRecordingRequest, _acd_v1_PauseRecordingRequest__Output>
      PauseRecordingResponse: MessageTypeDefinition<_acd_v1_PauseRecordingResponse, _acd_v1_PauseRecordingResponse__Output>
      Recording: MessageTypeDefinition<_acd_v1_Recording, _acd_v1_Recording__Output>
      RecordingCodec: EnumTypeDefinition
      RecordingEvent: MessageTypeDefinition<_acd_v1_RecordingEvent, _acd_v1_RecordingEvent__Output>
      RecordingLeg: MessageTypeDefinition<_acd_v1_RecordingLeg, _acd_v1_RecordingLeg__Output>
      RecordingLegStats: MessageTypeDefinition<_acd_v1_RecordingLegStats, _acd_v1_RecordingLegStats__Output>
      RecordingService: SubtypeConstructor<typeof grpc.Client, _acd_v1_RecordingServiceClient> & { service: _acd_v1_RecordingServiceDefinition }
      RecordingStatus: EnumTypeDefinition
      ResumeRecordingRequest: MessageTypeDefinition<_acd_v1_ResumeRecordingRequest, _acd_v1_ResumeRecordingRequest__Output>
      ResumeRecordingResponse: MessageTypeDefinition<_acd_v1_ResumeRecordingResponse, _acd_v1_ResumeRecordingResponse__Output>
      SearchRecordingsRequest: MessageTypeDefinition<_acd_v1_SearchRecordingsRequest, _acd_v1_SearchRecordingsRequest__Output>
      SearchRecordingsResponse: MessageTypeDefinition<_acd_v1_SearchRecordingsResponse, _acd_v1_SearchRecordingsResponse__Output>
      StartRecordingRequest: MessageTypeDefinition<_acd_v1_StartRecordingRequest, _acd_v1_StartRecordingRequest__Output>
      StartRecordingResponse: MessageTypeDefinition<_acd_v1_StartRecordingResponse, _acd_v1_StartRecordingResponse__Output>
      StopRecordingRequest: MessageTypeDefinition<_acd_v1_StopRecordingRequest, _acd_v1_StopRecordingRequest__Output>
      StopRecordingResponse: MessageTypeDefinition<_acd_v1_StopRecordingResponse, _acd_v1_StopRecordingResponse__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

