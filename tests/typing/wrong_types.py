"""Must NOT type-check: proves the stubs are strict enough to catch mistakes."""

import acdcore

core = acdcore.Core()
core.accept("17")  # offer ids are int
core.enqueue(42, "q")  # call ids are str
stats: int = core.queue_stats("q")  # a QueueStats, not an int
