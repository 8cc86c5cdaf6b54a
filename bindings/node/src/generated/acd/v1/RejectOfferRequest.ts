// Original file: proto/acd/v1/agent_service.proto

import type { Long } from '@grpc/proto-loader';

export interface RejectOfferRequest {
  'agent_id'?: (string);
  'offer_id'?: (number | string | Long);
}

export interface RejectOfferRequest__Output {
  'agent_id': (string);
  'offer_id': (string);
}
