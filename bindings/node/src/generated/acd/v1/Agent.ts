// Original file: proto/acd/v1/resources.proto

import type { AgentState as _acd_v1_AgentState, AgentState__Output as _acd_v1_AgentState__Output } from '../../acd/v1/AgentState';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { QueueMembership as _acd_v1_QueueMembership, QueueMembership__Output as _acd_v1_QueueMembership__Output } from '../../acd/v1/QueueMembership';
import type { AgentStats as _acd_v1_AgentStats, AgentStats__Output as _acd_v1_AgentStats__Output } from '../../acd/v1/AgentStats';
import type { Long } from '@grpc/proto-loader';

export interface Agent {
  'agent_id'?: (string);
  'state'?: (_acd_v1_AgentState);
  'state_since'?: (_google_protobuf_Timestamp | null);
  'reason'?: (string);
  'skills'?: ({[key: string]: number});
  'queues'?: (_acd_v1_QueueMembership)[];
  'call_id'?: (string);
  'offer_id'?: (number | string | Long);
  'offer_expire_time'?: (_google_protobuf_Timestamp | null);
  'consecutive_no_answers'?: (number);
  'stats'?: (_acd_v1_AgentStats | null);
}

export interface Agent__Output {
  'agent_id': (string);
  'state': (_acd_v1_AgentState__Output);
  'state_since': (_google_protobuf_Timestamp__Output | null);
  'reason': (string);
  'skills': ({[key: string]: number});
  'queues': (_acd_v1_QueueMembership__Output)[];
  'call_id': (string);
  'offer_id': (string);
  'offer_expire_time': (_google_protobuf_Timestamp__Output | null);
  'consecutive_no_answers': (number);
  'stats': (_acd_v1_AgentStats__Output | null);
}
