// Original file: proto/acd/v1/call_service.proto

import type { CallState as _acd_v1_CallState, CallState__Output as _acd_v1_CallState__Output } from '../../acd/v1/CallState';

export interface CancelCallResponse {
  'state'?: (_acd_v1_CallState);
}

export interface CancelCallResponse__Output {
  'state': (_acd_v1_CallState__Output);
}
