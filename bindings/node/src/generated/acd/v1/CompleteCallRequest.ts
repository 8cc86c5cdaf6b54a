// Original file: proto/acd/v1/agent_service.proto

import type { HangupBy as _acd_v1_HangupBy, HangupBy__Output as _acd_v1_HangupBy__Output } from '../../acd/v1/HangupBy';

export interface CompleteCallRequest {
  'call_id'?: (string);
  'hangup_by'?: (_acd_v1_HangupBy);
  'agent_id'?: (string);
}

export interface CompleteCallRequest__Output {
  'call_id': (string);
  'hangup_by': (_acd_v1_HangupBy__Output);
  'agent_id': (string);
}
