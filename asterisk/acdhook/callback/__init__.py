"""Callback requests: the caller hangs up, the call keeps its place, the hook calls back."""
