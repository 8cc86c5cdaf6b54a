// Original file: proto/acd/v1/call_service.proto

import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from '../../acd/v1/Call';

export interface ListCallsResponse {
  'calls'?: (_acd_v1_Call)[];
}

export interface ListCallsResponse__Output {
  'calls': (_acd_v1_Call__Output)[];
}
