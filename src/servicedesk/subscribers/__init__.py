"""subscribers capability of the desk."""
