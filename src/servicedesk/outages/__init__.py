"""outages capability of the desk."""
