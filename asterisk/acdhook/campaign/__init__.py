"""Telemarketing campaign calls: the customer's leg (manager.py)."""
