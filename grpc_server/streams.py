"""Bounds on server streams: how many at once, and each one's event buffer."""

from __future__ import annotations

import contextlib
from typing import Iterator

import grpc

from .errors import ApiError


class StreamLimiter:
    def __init__(self, max_streams: int, buffer: int) -> None:
        self.max_streams = max_streams
        self.buffer = buffer
        self.active = 0

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        if self.active >= self.max_streams:
            raise ApiError(grpc.StatusCode.RESOURCE_EXHAUSTED, "TOO_MANY_STREAMS",
                           f"the server serves at most {self.max_streams} streams at once", limit=self.max_streams)
        self.active += 1
        try:
            yield
        finally:
            self.active -= 1
