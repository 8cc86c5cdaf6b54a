"""recordings capability of the desk."""
