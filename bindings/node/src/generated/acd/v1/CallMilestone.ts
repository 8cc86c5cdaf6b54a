// Original file: proto/acd/v1/call_service.proto

export const CallMilestone = {
  CALL_MILESTONE_UNSPECIFIED: 'CALL_MILESTONE_UNSPECIFIED',
  CALL_MILESTONE_OFFERED: 'CALL_MILESTONE_OFFERED',
  CALL_MILESTONE_ANSWERED: 'CALL_MILESTONE_ANSWERED',
  CALL_MILESTONE_ENDED: 'CALL_MILESTONE_ENDED',
} as const;

export type CallMilestone =
  | 'CALL_MILESTONE_UNSPECIFIED'
  | 0
  | 'CALL_MILESTONE_OFFERED'
  | 1
  | 'CALL_MILESTONE_ANSWERED'
  | 2
  | 'CALL_MILESTONE_ENDED'
  | 3

export type CallMilestone__Output = typeof CallMilestone[keyof typeof CallMilestone]
