// Original file: proto/acd/v1/recording_service.proto

import type { RecordingEvent as _acd_v1_RecordingEvent, RecordingEvent__Output as _acd_v1_RecordingEvent__Output } from '../../acd/v1/RecordingEvent';

export interface ListRecordingEventsResponse {
  'events'?: (_acd_v1_RecordingEvent)[];
}

export interface ListRecordingEventsResponse__Output {
  'events': (_acd_v1_RecordingEvent__Output)[];
}
