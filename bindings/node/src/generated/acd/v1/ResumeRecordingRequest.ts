// Original file: proto/acd/v1/recording_service.proto


export interface ResumeRecordingRequest {
  'call_id'?: (string);
  'reason'?: (string);
}

export interface ResumeRecordingRequest__Output {
  'call_id': (string);
  'reason': (string);
}
