// Original file: proto/acd/v1/event_service.proto

import type { StateSnapshot as _acd_v1_StateSnapshot, StateSnapshot__Output as _acd_v1_StateSnapshot__Output } from '../../acd/v1/StateSnapshot';
import type { Event as _acd_v1_Event, Event__Output as _acd_v1_Event__Output } from '../../acd/v1/Event';

export interface WatchEventsResponse {
  'snapshot'?: (_acd_v1_StateSnapshot | null);
  'events'?: (_acd_v1_Event)[];
  'resumed'?: (boolean);
}

export interface WatchEventsResponse__Output {
  'snapshot': (_acd_v1_StateSnapshot__Output | null);
  'events': (_acd_v1_Event__Output)[];
  'resumed': (boolean);
}
