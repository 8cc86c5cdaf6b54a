"""acd.v1 events: servicer (proto <-> Python) and service (requests -> core + journal)."""
