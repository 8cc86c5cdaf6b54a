// Original file: proto/acd/v1/recording_service.proto

import type { MediaAddress as _acd_v1_MediaAddress, MediaAddress__Output as _acd_v1_MediaAddress__Output } from '../../acd/v1/MediaAddress';

export interface StartRecordingResponse {
  'recording_id'?: (string);
  'media'?: (_acd_v1_MediaAddress)[];
}

export interface StartRecordingResponse__Output {
  'recording_id': (string);
  'media': (_acd_v1_MediaAddress__Output)[];
}
