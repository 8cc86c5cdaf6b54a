"""acd.v1.RecordingService: the RTP recorder (src/rtp) behind the gRPC API."""
