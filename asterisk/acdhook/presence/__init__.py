"""Agent presence: login, logout, pause and ready from the phone's feature codes."""
