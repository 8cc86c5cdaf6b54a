"""tickets capability of the desk."""
