// Original file: proto/acd/v1/enums.proto

export const EmptyRule = {
  EMPTY_RULE_UNSPECIFIED: 'EMPTY_RULE_UNSPECIFIED',
  EMPTY_RULE_NEVER: 'EMPTY_RULE_NEVER',
  EMPTY_RULE_NO_AGENTS: 'EMPTY_RULE_NO_AGENTS',
  EMPTY_RULE_NO_READY: 'EMPTY_RULE_NO_READY',
  EMPTY_RULE_NO_CAPABLE: 'EMPTY_RULE_NO_CAPABLE',
} as const;

export type EmptyRule =
  | 'EMPTY_RULE_UNSPECIFIED'
  | 0
  | 'EMPTY_RULE_NEVER'
  | 1
  | 'EMPTY_RULE_NO_AGENTS'
  | 2
  | 'EMPTY_RULE_NO_READY'
  | 3
  | 'EMPTY_RULE_NO_CAPABLE'
  | 4

export type EmptyRule__Output = typeof EmptyRule[keyof typeof EmptyRule]
