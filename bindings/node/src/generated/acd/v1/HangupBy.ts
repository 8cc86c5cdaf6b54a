// Original file: proto/acd/v1/enums.proto

export const HangupBy = {
  HANGUP_BY_UNSPECIFIED: 'HANGUP_BY_UNSPECIFIED',
  HANGUP_BY_AGENT: 'HANGUP_BY_AGENT',
  HANGUP_BY_CALLER: 'HANGUP_BY_CALLER',
} as const;

export type HangupBy =
  | 'HANGUP_BY_UNSPECIFIED'
  | 0
  | 'HANGUP_BY_AGENT'
  | 1
  | 'HANGUP_BY_CALLER'
  | 2

export type HangupBy__Output = typeof HangupBy[keyof typeof HangupBy]
