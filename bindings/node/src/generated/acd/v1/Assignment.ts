// Original file: proto/acd/v1/resources.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Trigger as _acd_v1_Trigger, Trigger__Output as _acd_v1_Trigger__Output } from '../../acd/v1/Trigger';
import type { Strategy as _acd_v1_Strategy, Strategy__Output as _acd_v1_Strategy__Output } from '../../acd/v1/Strategy';
import type { Long } from '@grpc/proto-loader';

export interface Assignment {
  'offer_id'?: (number | string | Long);
  'call_id'?: (string);
  'agent_id'?: (string);
  'queue'?: (string);
  'time'?: (_google_protobuf_Timestamp | null);
  'trigger'?: (_acd_v1_Trigger);
  'strategy'?: (_acd_v1_Strategy);
  'candidates'?: (number);
  'score'?: (number | string);
  'penalty'?: (number);
  'penalty_limit'?: (number);
  'escalation_step'?: (number);
  'description'?: (string);
  'targeted'?: (boolean);
}

export interface Assignment__Output {
  'offer_id': (string);
  'call_id': (string);
  'agent_id': (string);
  'queue': (string);
  'time': (_google_protobuf_Timestamp__Output | null);
  'trigger': (_acd_v1_Trigger__Output);
  'strategy': (_acd_v1_Strategy__Output);
  'candidates': (number);
  'score': (number);
  'penalty': (number);
  'penalty_limit': (number);
  'escalation_step': (number);
  'description': (string);
  'targeted': (boolean);
}
