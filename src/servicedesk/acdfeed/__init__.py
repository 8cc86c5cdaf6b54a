"""acdfeed capability of the desk."""
