// Original file: proto/acd/v1/recording_service.proto

import type { Long } from '@grpc/proto-loader';

export interface RecordingLegStats {
  'leg'?: (string);
  'packets'?: (number | string | Long);
  'lost'?: (number | string | Long);
  'duplicates'?: (number | string | Long);
  'late'?: (number | string | Long);
  'foreign'?: (number | string | Long);
  'fill_samples'?: (number | string | Long);
  'jitter_ms'?: (number | string);
}

export interface RecordingLegStats__Output {
  'leg': (string);
  'packets': (string);
  'lost': (string);
  'duplicates': (string);
  'late': (string);
  'foreign': (string);
  'fill_samples': (string);
  'jitter_ms': (number);
}
