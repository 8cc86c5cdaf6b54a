// Original file: proto/acd/v1/recording_service.proto

import type { RecordingCodec as _acd_v1_RecordingCodec, RecordingCodec__Output as _acd_v1_RecordingCodec__Output } from '../../acd/v1/RecordingCodec';

export interface RecordingLeg {
  'name'?: (string);
  'remote_host'?: (string);
  'remote_port'?: (number);
  'ssrc'?: (number);
  'codec'?: (_acd_v1_RecordingCodec);
  'dtmf_payload_type'?: (number);
  '_ssrc'?: "ssrc";
  '_dtmf_payload_type'?: "dtmf_payload_type";
}

export interface RecordingLeg__Output {
  'name': (string);
  'remote_host': (string);
  'remote_port': (number);
  'ssrc'?: (number);
  'codec': (_acd_v1_RecordingCodec__Output);
  'dtmf_payload_type'?: (number);
  '_ssrc'?: "ssrc";
  '_dtmf_payload_type'?: "dtmf_payload_type";
}
