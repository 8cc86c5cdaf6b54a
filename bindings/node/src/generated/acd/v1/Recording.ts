// Original file: proto/acd/v1/recording_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { RecordingCodec as _acd_v1_RecordingCodec, RecordingCodec__Output as _acd_v1_RecordingCodec__Output } from '../../acd/v1/RecordingCodec';
import type { RecordingStatus as _acd_v1_RecordingStatus, RecordingStatus__Output as _acd_v1_RecordingStatus__Output } from '../../acd/v1/RecordingStatus';
import type { Long } from '@grpc/proto-loader';

export interface Recording {
  'recording_id'?: (string);
  'call_id'?: (string);
  'agent_id'?: (string);
  'queue'?: (string);
  'caller'?: (string);
  'start_time'?: (_google_protobuf_Timestamp | null);
  'end_time'?: (_google_protobuf_Timestamp | null);
  'duration_seconds'?: (number | string);
  'codec'?: (_acd_v1_RecordingCodec);
  'channels'?: (number);
  'size_bytes'?: (number | string | Long);
  'sha256'?: (string);
  'status'?: (_acd_v1_RecordingStatus);
}

export interface Recording__Output {
  'recording_id': (string);
  'call_id': (string);
  'agent_id': (string);
  'queue': (string);
  'caller': (string);
  'start_time': (_google_protobuf_Timestamp__Output | null);
  'end_time': (_google_protobuf_Timestamp__Output | null);
  'duration_seconds': (number);
  'codec': (_acd_v1_RecordingCodec__Output);
  'channels': (number);
  'size_bytes': (string);
  'sha256': (string);
  'status': (_acd_v1_RecordingStatus__Output);
}
