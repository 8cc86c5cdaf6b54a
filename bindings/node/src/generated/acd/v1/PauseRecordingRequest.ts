// Original file: proto/acd/v1/recording_service.proto


export interface PauseRecordingRequest {
  'call_id'?: (string);
  'reason'?: (string);
}

export interface PauseRecordingRequest__Output {
  'call_id': (string);
  'reason': (string);
}
