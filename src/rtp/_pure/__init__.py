"""Pure-Python twin of rtp._rtp: same semantics, used only with ACDCORE_PURE=1 (differential
tests and a readable reference), never as a fallback for a missing build."""
