"""Self-service branches of the IVR: the business application's desk.v1.GrowthService."""
