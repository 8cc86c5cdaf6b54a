// Original file: proto/acd/v1/recording_service.proto

import type { MonitorMode as _acd_v1_MonitorMode, MonitorMode__Output as _acd_v1_MonitorMode__Output } from '../../acd/v1/MonitorMode';

export interface MonitorCallRequest {
  'call_id'?: (string);
  'mode'?: (_acd_v1_MonitorMode);
}

export interface MonitorCallRequest__Output {
  'call_id': (string);
  'mode': (_acd_v1_MonitorMode__Output);
}
