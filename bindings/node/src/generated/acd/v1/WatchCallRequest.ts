// Original file: proto/acd/v1/call_service.proto

import type { CallMilestone as _acd_v1_CallMilestone, CallMilestone__Output as _acd_v1_CallMilestone__Output } from '../../acd/v1/CallMilestone';

export interface WatchCallRequest {
  'call_id'?: (string);
  'until'?: (_acd_v1_CallMilestone);
}

export interface WatchCallRequest__Output {
  'call_id': (string);
  'until': (_acd_v1_CallMilestone__Output);
}
