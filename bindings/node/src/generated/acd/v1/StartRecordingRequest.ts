// Original file: proto/acd/v1/recording_service.proto

import type { RecordingLeg as _acd_v1_RecordingLeg, RecordingLeg__Output as _acd_v1_RecordingLeg__Output } from '../../acd/v1/RecordingLeg';

export interface StartRecordingRequest {
  'call_id'?: (string);
  'legs'?: (_acd_v1_RecordingLeg)[];
  'agent_id'?: (string);
  'queue'?: (string);
  'caller'?: (string);
  'shared_port'?: (boolean);
}

export interface StartRecordingRequest__Output {
  'call_id': (string);
  'legs': (_acd_v1_RecordingLeg__Output)[];
  'agent_id': (string);
  'queue': (string);
  'caller': (string);
  'shared_port': (boolean);
}
