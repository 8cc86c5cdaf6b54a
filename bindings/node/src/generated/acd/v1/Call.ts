// Original file: proto/acd/v1/resources.proto

import type { CallState as _acd_v1_CallState, CallState__Output as _acd_v1_CallState__Output } from '../../acd/v1/CallState';
import type { Priority as _acd_v1_Priority, Priority__Output as _acd_v1_Priority__Output } from '../../acd/v1/Priority';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

export interface Call {
  'call_id'?: (string);
  'queue'?: (string);
  'state'?: (_acd_v1_CallState);
  'priority'?: (_acd_v1_Priority);
  'effective_priority'?: (_acd_v1_Priority);
  'caller'?: (string);
  'dialled'?: (string);
  'skills'?: ({[key: string]: number});
  'attributes'?: ({[key: string]: string});
  'arrive_time'?: (_google_protobuf_Timestamp | null);
  'enter_time'?: (_google_protobuf_Timestamp | null);
  'agent_id'?: (string);
  'offer_id'?: (number | string | Long);
  'position'?: (number);
  'expected_wait_seconds'?: (number | string);
  'penalty_limit'?: (number);
  'excluded_agent_ids'?: (string)[];
  'previous_queues'?: (string)[];
  'no_answers'?: (number);
  'target_agent_id'?: (string);
  'target_lapse_time'?: (_google_protobuf_Timestamp | null);
  '_expected_wait_seconds'?: "expected_wait_seconds";
  '_penalty_limit'?: "penalty_limit";
}

export interface Call__Output {
  'call_id': (string);
  'queue': (string);
  'state': (_acd_v1_CallState__Output);
  'priority': (_acd_v1_Priority__Output);
  'effective_priority': (_acd_v1_Priority__Output);
  'caller': (string);
  'dialled': (string);
  'skills': ({[key: string]: number});
  'attributes': ({[key: string]: string});
  'arrive_time': (_google_protobuf_Timestamp__Output | null);
  'enter_time': (_google_protobuf_Timestamp__Output | null);
  'agent_id': (string);
  'offer_id': (string);
  'position': (number);
  'expected_wait_seconds'?: (number);
  'penalty_limit'?: (number);
  'excluded_agent_ids': (string)[];
  'previous_queues': (string)[];
  'no_answers': (number);
  'target_agent_id': (string);
  'target_lapse_time': (_google_protobuf_Timestamp__Output | null);
  '_expected_wait_seconds'?: "expected_wait_seconds";
  '_penalty_limit'?: "penalty_limit";
}
