// Original file: proto/acd/v1/recording_service.proto

export const RecordingCodec = {
  RECORDING_CODEC_UNSPECIFIED: 'RECORDING_CODEC_UNSPECIFIED',
  RECORDING_CODEC_PCMU: 'RECORDING_CODEC_PCMU',
  RECORDING_CODEC_PCMA: 'RECORDING_CODEC_PCMA',
  RECORDING_CODEC_L16: 'RECORDING_CODEC_L16',
} as const;

export type RecordingCodec =
  | 'RECORDING_CODEC_UNSPECIFIED'
  | 0
  | 'RECORDING_CODEC_PCMU'
  | 1
  | 'RECORDING_CODEC_PCMA'
  | 2
  | 'RECORDING_CODEC_L16'
  | 3

export type RecordingCodec__Output = typeof RecordingCodec[keyof typeof RecordingCodec]
