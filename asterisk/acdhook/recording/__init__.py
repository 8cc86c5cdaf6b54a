"""Recording seam (phase 2 plugs acdcore's RecordingService in here)."""

from .seam import ForkHandle, LegTargets, MediaFork, Recording

__all__ = ["ForkHandle", "LegTargets", "MediaFork", "Recording"]
