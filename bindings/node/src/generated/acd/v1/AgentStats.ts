// Original file: proto/acd/v1/resources.proto


export interface AgentStats {
  'calls'?: (number);
  'talk_seconds'?: (number | string);
  'wrap_up_seconds'?: (number | string);
  'ring_seconds'?: (number | string);
  'idle_seconds'?: (number | string);
  'pause_seconds'?: (number | string);
  'pause_seconds_by_reason'?: ({[key: string]: number | string});
  'no_answers'?: (number);
  'logged_in_seconds'?: (number | string);
  'occupancy'?: (number | string);
  '_occupancy'?: "occupancy";
}

export interface AgentStats__Output {
  'calls': (number);
  'talk_seconds': (number);
  'wrap_up_seconds': (number);
  'ring_seconds': (number);
  'idle_seconds': (number);
  'pause_seconds': (number);
  'pause_seconds_by_reason': ({[key: string]: number});
  'no_answers': (number);
  'logged_in_seconds': (number);
  'occupancy'?: (number);
  '_occupancy'?: "occupancy";
}
