// Original file: proto/acd/v1/resources.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

export interface Offer {
  'offer_id'?: (number | string | Long);
  'call_id'?: (string);
  'agent_id'?: (string);
  'queue'?: (string);
  'offer_time'?: (_google_protobuf_Timestamp | null);
  'expire_time'?: (_google_protobuf_Timestamp | null);
}

export interface Offer__Output {
  'offer_id': (string);
  'call_id': (string);
  'agent_id': (string);
  'queue': (string);
  'offer_time': (_google_protobuf_Timestamp__Output | null);
  'expire_time': (_google_protobuf_Timestamp__Output | null);
}
