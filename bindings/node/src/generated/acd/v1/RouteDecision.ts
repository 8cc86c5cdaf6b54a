// Original file: proto/acd/v1/resources.proto

import type { Priority as _acd_v1_Priority, Priority__Output as _acd_v1_Priority__Output } from '../../acd/v1/Priority';
import type { Route as _acd_v1_Route, Route__Output as _acd_v1_Route__Output } from '../../acd/v1/Route';

export interface RouteDecision {
  'queue'?: (string);
  'menu'?: (string);
  'priority'?: (_acd_v1_Priority);
  'reject'?: (string);
  'caller_route'?: (_acd_v1_Route | null);
  'dialled_route'?: (_acd_v1_Route | null);
  '_queue'?: "queue";
  '_menu'?: "menu";
  '_reject'?: "reject";
}

export interface RouteDecision__Output {
  'queue'?: (string);
  'menu'?: (string);
  'priority': (_acd_v1_Priority__Output);
  'reject'?: (string);
  'caller_route': (_acd_v1_Route__Output | null);
  'dialled_route': (_acd_v1_Route__Output | null);
  '_queue'?: "queue";
  '_menu'?: "menu";
  '_reject'?: "reject";
}
