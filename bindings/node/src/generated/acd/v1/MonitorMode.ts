// Original file: proto/acd/v1/recording_service.proto

export const MonitorMode = {
  MONITOR_MODE_UNSPECIFIED: 'MONITOR_MODE_UNSPECIFIED',
  MONITOR_MODE_MIXED: 'MONITOR_MODE_MIXED',
  MONITOR_MODE_CALLER: 'MONITOR_MODE_CALLER',
  MONITOR_MODE_AGENT: 'MONITOR_MODE_AGENT',
  MONITOR_MODE_STEREO: 'MONITOR_MODE_STEREO',
} as const;

export type MonitorMode =
  | 'MONITOR_MODE_UNSPECIFIED'
  | 0
  | 'MONITOR_MODE_MIXED'
  | 1
  | 'MONITOR_MODE_CALLER'
  | 2
  | 'MONITOR_MODE_AGENT'
  | 3
  | 'MONITOR_MODE_STEREO'
  | 4

export type MonitorMode__Output = typeof MonitorMode[keyof typeof MonitorMode]
