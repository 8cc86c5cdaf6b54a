// Original file: proto/acd/v1/recording_service.proto

import type { Long } from '@grpc/proto-loader';

export interface GetRecordingRequest {
  'recording_id'?: (string);
  'start_byte'?: (number | string | Long);
  'end_byte'?: (number | string | Long);
  'start_seconds'?: (number | string);
}

export interface GetRecordingRequest__Output {
  'recording_id': (string);
  'start_byte': (string);
  'end_byte': (string);
  'start_seconds': (number);
}
