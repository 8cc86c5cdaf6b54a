// Original file: proto/acd/v1/resources.proto

import type { Long } from '@grpc/proto-loader';

export interface QueueStats {
  'queue'?: (string);
  'waiting'?: (number);
  'waiting_priority'?: (number);
  'longest_wait_seconds'?: (number | string);
  'offered'?: (number | string | Long);
  'answered'?: (number | string | Long);
  'answered_within_sl'?: (number | string | Long);
  'abandoned'?: (number | string | Long);
  'short_abandoned'?: (number | string | Long);
  'overflowed'?: (number | string | Long);
  'transferred_out'?: (number | string | Long);
  'rejected'?: (number | string | Long);
  'service_level'?: (number | string);
  'asa_seconds'?: (number | string);
  'aht_seconds'?: (number | string);
  'expected_wait_seconds'?: (number | string);
  'expected_wait_priority_seconds'?: (number | string);
  'agents_logged_in'?: (number);
  'agents_available'?: (number);
  'agents_busy'?: (number);
  'agents_paused'?: (number);
  '_service_level'?: "service_level";
  '_asa_seconds'?: "asa_seconds";
  '_aht_seconds'?: "aht_seconds";
  '_expected_wait_seconds'?: "expected_wait_seconds";
  '_expected_wait_priority_seconds'?: "expected_wait_priority_seconds";
}

export interface QueueStats__Output {
  'queue': (string);
  'waiting': (number);
  'waiting_priority': (number);
  'longest_wait_seconds': (number);
  'offered': (string);
  'answered': (string);
  'answered_within_sl': (string);
  'abandoned': (string);
  'short_abandoned': (string);
  'overflowed': (string);
  'transferred_out': (string);
  'rejected': (string);
  'service_level'?: (number);
  'asa_seconds'?: (number);
  'aht_seconds'?: (number);
  'expected_wait_seconds'?: (number);
  'expected_wait_priority_seconds'?: (number);
  'agents_logged_in': (number);
  'agents_available': (number);
  'agents_busy': (number);
  'agents_paused': (number);
  '_service_level'?: "service_level";
  '_asa_seconds'?: "asa_seconds";
  '_aht_seconds'?: "aht_seconds";
  '_expected_wait_seconds'?: "expected_wait_seconds";
  '_expected_wait_priority_seconds'?: "expected_wait_priority_seconds";
}
