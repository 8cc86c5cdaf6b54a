"""alerts capability of the desk."""
