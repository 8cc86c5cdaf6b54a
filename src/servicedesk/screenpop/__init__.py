"""screenpop capability of the desk."""
