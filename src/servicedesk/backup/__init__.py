"""backup capability of the desk."""
