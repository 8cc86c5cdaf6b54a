"""IVR: greeting, DTMF menu, self-service branches."""
