// Original file: proto/acd/v1/resources.proto


export interface QueueMembership {
  'queue'?: (string);
  'penalty'?: (number);
}

export interface QueueMembership__Output {
  'queue': (string);
  'penalty': (number);
}
