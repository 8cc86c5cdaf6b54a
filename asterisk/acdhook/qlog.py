"""The hook's own queue_log lines, for what has no acdcore event: IVR choices, blocked
callers, callback requests, outages and fallbacks. Same format as Asterisk's queue_log
(``epoch|callid|queue|agent|EVENT|data...``, as the QueueLog() dialplan application writes
custom events), so one reader takes both files; acdcore's own lines come from its events
(``acdcore events --queue-log``).
"""

from __future__ import annotations

import logging
import re
import time
from typing import TextIO

log = logging.getLogger("acdhook.queue_log")
_UNSAFE = re.compile(r"[|\x00-\x1f\x7f]")


def _clean(v: object) -> str:
    return _UNSAFE.sub("_", str(v))[:128]


class QueueLog:
    def __init__(self, path: str | None) -> None:
        self.path = path
        self._f: TextIO | None = open(path, "a", buffering=1) if path else None
        #: the last lines, for inspection
        self.recent: list[str] = []

    def write(self, call_id: str, queue: str, agent: str, event: str, *data: object) -> str:
        line = "|".join([str(int(time.time())), _clean(call_id or "NONE"), _clean(queue or "NONE"),
                         _clean(agent or "NONE"), event, *(_clean(d) for d in data)])
        if self._f is not None:
            self._f.write(line + "\n")
        self.recent.append(line)
        if len(self.recent) > 10000:
            del self.recent[:5000]
        log.info("%s", line)
        return line

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None
