// Original file: proto/acd/v1/recording_service.proto


export interface MediaAddress {
  'leg'?: (string);
  'host'?: (string);
  'rtp_port'?: (number);
  'rtcp_port'?: (number);
  'shared'?: (boolean);
}

export interface MediaAddress__Output {
  'leg': (string);
  'host': (string);
  'rtp_port': (number);
  'rtcp_port': (number);
  'shared': (boolean);
}
