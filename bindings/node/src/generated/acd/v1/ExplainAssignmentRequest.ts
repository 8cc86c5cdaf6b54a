// Original file: proto/acd/v1/event_service.proto

import type { Long } from '@grpc/proto-loader';

export interface ExplainAssignmentRequest {
  'offer_id'?: (number | string | Long);
}

export interface ExplainAssignmentRequest__Output {
  'offer_id': (string);
}
