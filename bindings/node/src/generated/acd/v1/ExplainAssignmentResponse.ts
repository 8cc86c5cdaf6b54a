// Original file: proto/acd/v1/event_service.proto

import type { Assignment as _acd_v1_Assignment, Assignment__Output as _acd_v1_Assignment__Output } from '../../acd/v1/Assignment';

export interface ExplainAssignmentResponse {
  'assignment'?: (_acd_v1_Assignment | null);
}

export interface ExplainAssignmentResponse__Output {
  'assignment': (_acd_v1_Assignment__Output | null);
}
