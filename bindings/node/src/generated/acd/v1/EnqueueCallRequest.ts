// Original file: proto/acd/v1/call_service.proto

import type { Priority as _acd_v1_Priority, Priority__Output as _acd_v1_Priority__Output } from '../../acd/v1/Priority';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration';

export interface EnqueueCallRequest {
  'call_id'?: (string);
  'queue'?: (string);
  'caller'?: (string);
  'dialled'?: (string);
  'priority'?: (_acd_v1_Priority);
  'skills'?: ({[key: string]: number});
  'attributes'?: ({[key: string]: string});
  'enqueue_time'?: (_google_protobuf_Timestamp | null);
  'target_agent_id'?: (string);
  'target_timeout'?: (_google_protobuf_Duration | null);
}

export interface EnqueueCallRequest__Output {
  'call_id': (string);
  'queue': (string);
  'caller': (string);
  'dialled': (string);
  'priority': (_acd_v1_Priority__Output);
  'skills': ({[key: string]: number});
  'attributes': ({[key: string]: string});
  'enqueue_time': (_google_protobuf_Timestamp__Output | null);
  'target_agent_id': (string);
  'target_timeout': (_google_protobuf_Duration__Output | null);
}
