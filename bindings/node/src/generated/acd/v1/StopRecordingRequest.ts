// Original file: proto/acd/v1/recording_service.proto


export interface StopRecordingRequest {
  'call_id'?: (string);
  'reason'?: (string);
}

export interface StopRecordingRequest__Output {
  'call_id': (string);
  'reason': (string);
}
