// Original file: proto/acd/v1/recording_service.proto

import type { Recording as _acd_v1_Recording, Recording__Output as _acd_v1_Recording__Output } from '../../acd/v1/Recording';
import type { Long } from '@grpc/proto-loader';

export interface GetRecordingResponse {
  'recording'?: (_acd_v1_Recording | null);
  'total_size'?: (number | string | Long);
  'offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
}

export interface GetRecordingResponse__Output {
  'recording': (_acd_v1_Recording__Output | null);
  'total_size': (string);
  'offset': (string);
  'data': (Buffer);
}
