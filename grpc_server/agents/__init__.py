"""acd.v1 agents: servicer (proto <-> Python) and service (requests -> core + journal)."""
