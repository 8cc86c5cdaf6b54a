// Original file: proto/acd/v1/resources.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { EventType as _acd_v1_EventType, EventType__Output as _acd_v1_EventType__Output } from '../../acd/v1/EventType';
import type { Priority as _acd_v1_Priority, Priority__Output as _acd_v1_Priority__Output } from '../../acd/v1/Priority';
import type { AgentState as _acd_v1_AgentState, AgentState__Output as _acd_v1_AgentState__Output } from '../../acd/v1/AgentState';
import type { Trigger as _acd_v1_Trigger, Trigger__Output as _acd_v1_Trigger__Output } from '../../acd/v1/Trigger';
import type { Long } from '@grpc/proto-loader';

export interface Event {
  'seq'?: (number | string | Long);
  'time'?: (_google_protobuf_Timestamp | null);
  'type'?: (_acd_v1_EventType);
  'call_id'?: (string);
  'agent_id'?: (string);
  'queue'?: (string);
  'target_queue'?: (string);
  'offer_id'?: (number | string | Long);
  'priority'?: (_acd_v1_Priority);
  'agent_state'?: (_acd_v1_AgentState);
  'previous_state'?: (_acd_v1_AgentState);
  'reason'?: (string);
  'caller'?: (string);
  'position'?: (number);
  'entry_position'?: (number);
  'wait_seconds'?: (number | string);
  'talk_seconds'?: (number | string);
  'ring_seconds'?: (number | string);
  'trigger'?: (_acd_v1_Trigger);
  'candidates'?: (number);
  'score'?: (number | string);
  'penalty'?: (number);
  'penalty_limit'?: (number);
  'step'?: (number);
}

export interface Event__Output {
  'seq': (string);
  'time': (_google_protobuf_Timestamp__Output | null);
  'type': (_acd_v1_EventType__Output);
  'call_id': (string);
  'agent_id': (string);
  'queue': (string);
  'target_queue': (string);
  'offer_id': (string);
  'priority': (_acd_v1_Priority__Output);
  'agent_state': (_acd_v1_AgentState__Output);
  'previous_state': (_acd_v1_AgentState__Output);
  'reason': (string);
  'caller': (string);
  'position': (number);
  'entry_position': (number);
  'wait_seconds': (number);
  'talk_seconds': (number);
  'ring_seconds': (number);
  'trigger': (_acd_v1_Trigger__Output);
  'candidates': (number);
  'score': (number);
  'penalty': (number);
  'penalty_limit': (number);
  'step': (number);
}
