"""acd.v1 calls: servicer (proto <-> Python) and service (requests -> core + journal)."""
