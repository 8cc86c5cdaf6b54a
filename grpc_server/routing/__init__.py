"""acd.v1 routing: servicer (proto <-> Python) and service (requests -> core + journal)."""
