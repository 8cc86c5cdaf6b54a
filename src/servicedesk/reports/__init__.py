"""reports capability of the desk."""
