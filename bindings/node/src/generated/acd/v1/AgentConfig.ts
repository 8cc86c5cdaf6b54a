// Original file: proto/acd/v1/resources.proto

import type { QueueMembership as _acd_v1_QueueMembership, QueueMembership__Output as _acd_v1_QueueMembership__Output } from '../../acd/v1/QueueMembership';

export interface AgentConfig {
  'agent_id'?: (string);
  'skills'?: ({[key: string]: number});
  'queues'?: (_acd_v1_QueueMembership)[];
}

export interface AgentConfig__Output {
  'agent_id': (string);
  'skills': ({[key: string]: number});
  'queues': (_acd_v1_QueueMembership__Output)[];
}
