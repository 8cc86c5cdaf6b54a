"""acd.v1 queues: servicer (proto <-> Python) and service (requests -> core + journal)."""
