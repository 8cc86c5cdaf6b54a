// Original file: proto/acd/v1/resources.proto


export interface PenaltyRule {
  'after_seconds'?: (number | string);
  'max_penalty'?: (number);
}

export interface PenaltyRule__Output {
  'after_seconds': (number);
  'max_penalty': (number);
}
