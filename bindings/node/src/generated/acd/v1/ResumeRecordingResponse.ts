// Original file: proto/acd/v1/recording_service.proto

import type { RecordingEvent as _acd_v1_RecordingEvent, RecordingEvent__Output as _acd_v1_RecordingEvent__Output } from '../../acd/v1/RecordingEvent';

export interface ResumeRecordingResponse {
  'event'?: (_acd_v1_RecordingEvent | null);
}

export interface ResumeRecordingResponse__Output {
  'event': (_acd_v1_RecordingEvent__Output | null);
}
