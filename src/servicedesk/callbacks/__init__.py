"""callbacks capability of the desk."""
