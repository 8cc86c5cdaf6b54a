// Original file: proto/acd/v1/call_service.proto

import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from '../../acd/v1/Call';
import type { Event as _acd_v1_Event, Event__Output as _acd_v1_Event__Output } from '../../acd/v1/Event';

export interface WatchCallResponse {
  'call'?: (_acd_v1_Call | null);
  'event'?: (_acd_v1_Event | null);
  'done'?: (boolean);
}

export interface WatchCallResponse__Output {
  'call': (_acd_v1_Call__Output | null);
  'event': (_acd_v1_Event__Output | null);
  'done': (boolean);
}
