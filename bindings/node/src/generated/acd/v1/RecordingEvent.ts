// Original file: proto/acd/v1/recording_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface RecordingEvent {
  'kind'?: (string);
  'who'?: (string);
  'time'?: (_google_protobuf_Timestamp | null);
  'position_seconds'?: (number | string);
  'detail'?: (string);
}

export interface RecordingEvent__Output {
  'kind': (string);
  'who': (string);
  'time': (_google_protobuf_Timestamp__Output | null);
  'position_seconds': (number);
  'detail': (string);
}
