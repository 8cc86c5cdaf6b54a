// Original file: proto/acd/v1/event_service.proto

import type { QueueConfig as _acd_v1_QueueConfig, QueueConfig__Output as _acd_v1_QueueConfig__Output } from '../../acd/v1/QueueConfig';
import type { QueueStats as _acd_v1_QueueStats, QueueStats__Output as _acd_v1_QueueStats__Output } from '../../acd/v1/QueueStats';
import type { Agent as _acd_v1_Agent, Agent__Output as _acd_v1_Agent__Output } from '../../acd/v1/Agent';
import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from '../../acd/v1/Call';
import type { Long } from '@grpc/proto-loader';

export interface StateSnapshot {
  'seq'?: (number | string | Long);
  'queues'?: (_acd_v1_QueueConfig)[];
  'queue_stats'?: (_acd_v1_QueueStats)[];
  'agents'?: (_acd_v1_Agent)[];
  'calls'?: (_acd_v1_Call)[];
}

export interface StateSnapshot__Output {
  'seq': (string);
  'queues': (_acd_v1_QueueConfig__Output)[];
  'queue_stats': (_acd_v1_QueueStats__Output)[];
  'agents': (_acd_v1_Agent__Output)[];
  'calls': (_acd_v1_Call__Output)[];
}
