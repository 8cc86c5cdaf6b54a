// Original file: proto/acd/v1/recording_service.proto

import type { Recording as _acd_v1_Recording, Recording__Output as _acd_v1_Recording__Output } from '../../acd/v1/Recording';

export interface SearchRecordingsResponse {
  'recordings'?: (_acd_v1_Recording)[];
}

export interface SearchRecordingsResponse__Output {
  'recordings': (_acd_v1_Recording__Output)[];
}
