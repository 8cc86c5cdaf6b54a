// Original file: proto/acd/v1/resources.proto

import type { Strategy as _acd_v1_Strategy, Strategy__Output as _acd_v1_Strategy__Output } from '../../acd/v1/Strategy';
import type { PenaltyRule as _acd_v1_PenaltyRule, PenaltyRule__Output as _acd_v1_PenaltyRule__Output } from '../../acd/v1/PenaltyRule';
import type { EmptyRule as _acd_v1_EmptyRule, EmptyRule__Output as _acd_v1_EmptyRule__Output } from '../../acd/v1/EmptyRule';

export interface QueueConfig {
  'name'?: (string);
  'strategy'?: (_acd_v1_Strategy);
  'wrap_up_seconds'?: (number | string);
  'max_waiting'?: (number);
  'offer_timeout_seconds'?: (number | string);
  'retry_delay_seconds'?: (number | string);
  'service_level_threshold_seconds'?: (number | string);
  'short_abandon_threshold_seconds'?: (number | string);
  'weight'?: (number | string);
  'skills'?: ({[key: string]: number});
  'max_penalty'?: (number);
  'penalty_rules'?: (_acd_v1_PenaltyRule)[];
  'overflow_after_seconds'?: (number | string);
  'overflow_target'?: (string);
  'join_empty'?: (_acd_v1_EmptyRule);
  'leave_empty'?: (_acd_v1_EmptyRule);
  'max_priority_overtake_seconds'?: (number | string);
  'auto_pause_after'?: (number);
  'default_handle_time_seconds'?: (number | string);
  '_offer_timeout_seconds'?: "offer_timeout_seconds";
  '_retry_delay_seconds'?: "retry_delay_seconds";
  '_service_level_threshold_seconds'?: "service_level_threshold_seconds";
  '_short_abandon_threshold_seconds'?: "short_abandon_threshold_seconds";
  '_weight'?: "weight";
  '_max_penalty'?: "max_penalty";
  '_overflow_after_seconds'?: "overflow_after_seconds";
  '_overflow_target'?: "overflow_target";
  '_max_priority_overtake_seconds'?: "max_priority_overtake_seconds";
  '_auto_pause_after'?: "auto_pause_after";
  '_default_handle_time_seconds'?: "default_handle_time_seconds";
}

export interface QueueConfig__Output {
  'name': (string);
  'strategy': (_acd_v1_Strategy__Output);
  'wrap_up_seconds': (number);
  'max_waiting': (number);
  'offer_timeout_seconds'?: (number);
  'retry_delay_seconds'?: (number);
  'service_level_threshold_seconds'?: (number);
  'short_abandon_threshold_seconds'?: (number);
  'weight'?: (number);
  'skills': ({[key: string]: number});
  'max_penalty'?: (number);
  'penalty_rules': (_acd_v1_PenaltyRule__Output)[];
  'overflow_after_seconds'?: (number);
  'overflow_target'?: (string);
  'join_empty': (_acd_v1_EmptyRule__Output);
  'leave_empty': (_acd_v1_EmptyRule__Output);
  'max_priority_overtake_seconds'?: (number);
  'auto_pause_after'?: (number);
  'default_handle_time_seconds'?: (number);
  '_offer_timeout_seconds'?: "offer_timeout_seconds";
  '_retry_delay_seconds'?: "retry_delay_seconds";
  '_service_level_threshold_seconds'?: "service_level_threshold_seconds";
  '_short_abandon_threshold_seconds'?: "short_abandon_threshold_seconds";
  '_weight'?: "weight";
  '_max_penalty'?: "max_penalty";
  '_overflow_after_seconds'?: "overflow_after_seconds";
  '_overflow_target'?: "overflow_target";
  '_max_priority_overtake_seconds'?: "max_priority_overtake_seconds";
  '_auto_pause_after'?: "auto_pause_after";
  '_default_handle_time_seconds'?: "default_handle_time_seconds";
}
