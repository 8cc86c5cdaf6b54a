// Original file: proto/acd/v1/recording_service.proto


export interface ListRecordingEventsRequest {
  'recording_id'?: (string);
}

export interface ListRecordingEventsRequest__Output {
  'recording_id': (string);
}
