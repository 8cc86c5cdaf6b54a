// Original file: proto/acd/v1/recording_service.proto

import type { Long } from '@grpc/proto-loader';

export interface MonitorCallResponse {
  'seq'?: (number | string | Long);
  'position_seconds'?: (number | string);
  'channels'?: (number);
  'sample_rate'?: (number);
  'pcm'?: (Buffer | Uint8Array | string);
  'skipped'?: (number);
  'queued_ms'?: (number | string);
}

export interface MonitorCallResponse__Output {
  'seq': (string);
  'position_seconds': (number);
  'channels': (number);
  'sample_rate': (number);
  'pcm': (Buffer);
  'skipped': (number);
  'queued_ms': (number);
}
