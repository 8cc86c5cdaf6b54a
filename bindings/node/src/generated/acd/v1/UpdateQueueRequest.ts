// Original file: proto/acd/v1/queue_service.proto

import type { QueueConfig as _acd_v1_QueueConfig, QueueConfig__Output as _acd_v1_QueueConfig__Output } from '../../acd/v1/QueueConfig';

export interface UpdateQueueRequest {
  'config'?: (_acd_v1_QueueConfig | null);
}

export interface UpdateQueueRequest__Output {
  'config': (_acd_v1_QueueConfig__Output | null);
}
