// Original file: proto/acd/v1/resources.proto

import type { RouteField as _acd_v1_RouteField, RouteField__Output as _acd_v1_RouteField__Output } from '../../acd/v1/RouteField';
import type { Priority as _acd_v1_Priority, Priority__Output as _acd_v1_Priority__Output } from '../../acd/v1/Priority';

export interface Route {
  'pattern'?: (string);
  'field'?: (_acd_v1_RouteField);
  'queue'?: (string);
  'menu'?: (string);
  'priority'?: (_acd_v1_Priority);
  'reject'?: (string);
  'label'?: (string);
  '_queue'?: "queue";
  '_menu'?: "menu";
  '_reject'?: "reject";
}

export interface Route__Output {
  'pattern': (string);
  'field': (_acd_v1_RouteField__Output);
  'queue'?: (string);
  'menu'?: (string);
  'priority': (_acd_v1_Priority__Output);
  'reject'?: (string);
  'label': (string);
  '_queue'?: "queue";
  '_menu'?: "menu";
  '_reject'?: "reject";
}
