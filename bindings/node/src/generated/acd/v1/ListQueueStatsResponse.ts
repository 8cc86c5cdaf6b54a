// Original file: proto/acd/v1/queue_service.proto

import type { QueueStats as _acd_v1_QueueStats, QueueStats__Output as _acd_v1_QueueStats__Output } from '../../acd/v1/QueueStats';

export interface ListQueueStatsResponse {
  'stats'?: (_acd_v1_QueueStats)[];
}

export interface ListQueueStatsResponse__Output {
  'stats': (_acd_v1_QueueStats__Output)[];
}
