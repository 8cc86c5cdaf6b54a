// Original file: proto/acd/v1/recording_service.proto

import type { Recording as _acd_v1_Recording, Recording__Output as _acd_v1_Recording__Output } from '../../acd/v1/Recording';
import type { RecordingLegStats as _acd_v1_RecordingLegStats, RecordingLegStats__Output as _acd_v1_RecordingLegStats__Output } from '../../acd/v1/RecordingLegStats';

export interface StopRecordingResponse {
  'recording'?: (_acd_v1_Recording | null);
  'legs'?: (_acd_v1_RecordingLegStats)[];
}

export interface StopRecordingResponse__Output {
  'recording': (_acd_v1_Recording__Output | null);
  'legs': (_acd_v1_RecordingLegStats__Output)[];
}
