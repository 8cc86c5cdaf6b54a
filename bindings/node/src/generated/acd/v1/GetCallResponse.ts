// Original file: proto/acd/v1/call_service.proto

import type { Call as _acd_v1_Call, Call__Output as _acd_v1_Call__Output } from '../../acd/v1/Call';

export interface GetCallResponse {
  'call'?: (_acd_v1_Call | null);
}

export interface GetCallResponse__Output {
  'call': (_acd_v1_Call__Output | null);
}
