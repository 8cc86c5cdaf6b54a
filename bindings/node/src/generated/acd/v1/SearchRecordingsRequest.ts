// Original file: proto/acd/v1/recording_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface SearchRecordingsRequest {
  'call_id'?: (string);
  'agent_id'?: (string);
  'queue'?: (string);
  'caller'?: (string);
  'start_time_from'?: (_google_protobuf_Timestamp | null);
  'start_time_to'?: (_google_protobuf_Timestamp | null);
  'limit'?: (number);
  'offset'?: (number);
}

export interface SearchRecordingsRequest__Output {
  'call_id': (string);
  'agent_id': (string);
  'queue': (string);
  'caller': (string);
  'start_time_from': (_google_protobuf_Timestamp__Output | null);
  'start_time_to': (_google_protobuf_Timestamp__Output | null);
  'limit': (number);
  'offset': (number);
}
