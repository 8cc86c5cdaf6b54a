// Original file: proto/acd/v1/event_service.proto

import type { EventType as _acd_v1_EventType, EventType__Output as _acd_v1_EventType__Output } from '../../acd/v1/EventType';
import type { Long } from '@grpc/proto-loader';

export interface WatchEventsRequest {
  'after_seq'?: (number | string | Long);
  'queues'?: (string)[];
  'agent_ids'?: (string)[];
  'event_types'?: (_acd_v1_EventType)[];
}

export interface WatchEventsRequest__Output {
  'after_seq': (string);
  'queues': (string)[];
  'agent_ids': (string)[];
  'event_types': (_acd_v1_EventType__Output)[];
}
