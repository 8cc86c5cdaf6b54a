"""The desk itself: configuration, database, acdcore connections, the background work (event
feed, callback dispatcher, escalation scan, detector hours, deflection inference) and what
happens after each committed change (alerts published, fault reports fed to the detector,
outages raised, the dispatcher woken)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Coroutine

from .acdfeed.feed import AcdFeed
from .acdfeed.ingest import get_state, set_state
from .alerts.bus import AlertBus
from .callbacks.dispatcher import Dispatcher
from .clock import ClockFn, system_clock
from .config import Config
from .db import Database, migrate
from .outages import repo as out_repo
from .outages import service as out_service
from .outages.detector import OutageDetector
from .screenpop.hub import DesktopHub
from .screenpop.service import ScreenPopper
from .tickets import service as t_service
from .tickets.service import Effects

log = logging.getLogger("servicedesk")

DETECTOR_HOUR_KEY = "detector_hour"


class Desk:
    def __init__(self, cfg: Config, *, clock: ClockFn = system_clock, db: Database | None = None,
                 acd: Any = None, acd_calls: Any = None) -> None:
        self.cfg = cfg
        self.clock = clock
        self.db = db or Database(cfg.desk.database_url, sqlite_synchronous=cfg.desk.sqlite_synchronous)
        o = cfg.outage
        self.detector = OutageDetector(window=o.window, min_reports=o.min_reports, ratio=o.ratio,
                                       max_p_value=o.max_p_value, default_rate=o.default_rate_per_hour,
                                       alpha=o.ewma_alpha, min_rate=o.min_rate_per_hour,
                                       utc_offset=cfg.desk.utc_offset)
        self.bus = AlertBus()
        self.hub = DesktopHub()
        self.screenpop = ScreenPopper(self)
        self.dispatcher = Dispatcher(self)
        self.feed = AcdFeed(self)
        self.acd = acd
        self.acd_calls = acd_calls or acd
        self._owned_clients: list[Any] = []
        self._tasks: set[asyncio.Task[Any]] = set()
        self._loops: list[asyncio.Task[Any]] = []
        self.pending_notices = 0
        self.outage_lock = asyncio.Lock()

    # ------------------------------------------------------------------ set-up
    def migrate(self) -> str:
        return migrate.upgrade(self.db.engine)

    def connect_acd(self) -> None:
        if self.acd is not None or not self.cfg.acd.enabled:
            return
        from acdcore_client import AsyncClient

        a = self.cfg.acd
        kw: dict[str, Any] = {"tls_ca": a.tls_ca} if a.tls_ca else {}
        self.acd = AsyncClient(a.target, a.token, **kw)
        self._owned_clients.append(self.acd)
        self.acd_calls = self.acd
        if getattr(a, "telephony_token", ""):
            self.acd_calls = AsyncClient(a.target, a.telephony_token, **kw)
            self._owned_clients.append(self.acd_calls)

    async def load_detector(self) -> None:
        window = self.cfg.outage.window
        now = self.clock()

        def read(conn: Any) -> tuple[Any, ...]:
            last = get_state(conn, DETECTOR_HOUR_KEY)
            start = now - window - 3600
            if last is not None:
                start = min(start, int(last) * 3600 - self.cfg.desk.utc_offset)
            return (out_repo.baselines(conn), last, out_repo.faults_since(conn, max(start, now - 8 * 86400)),
                    [o["area"] for o in out_repo.active(conn)])

        rows, last, faults, active = await self.db.read(read)
        d = self.detector
        d.load(rows)
        if last is not None:
            d.current_hour = int(last)
        for area, t in faults:
            d.replay(area, t)
        for area in active:
            d.set_active(area, True)
        d.advance(now)
        await self.save_detector()

    async def save_detector(self) -> None:
        rows = self.detector.export()
        hour = self.detector.current_hour

        def write(conn: Any) -> None:
            out_repo.save_baselines(conn, rows)
            if hour is not None:
                set_state(conn, DETECTOR_HOUR_KEY, str(hour))

        await self.db.write(write)

    # ------------------------------------------------------------------ after a commit
    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def after(self, fx: Effects) -> None:
        if fx.alerts:
            self.bus.publish(fx.alerts)
        if fx.callbacks:
            self.dispatcher.wake.set()
        for area, t in fx.faults:
            alarm = self.detector.observe(area, t)
            if alarm is not None:
                await self.raise_outage(area, alarm=alarm)

    async def raise_outage(self, area: str, **kw: Any) -> tuple[dict[str, Any], bool]:
        async with self.outage_lock:
            fx = Effects()
            outage, existing = await self.db.write(out_service.raise_outage, self.cfg, area, self.clock(), fx, **kw)
            self.detector.set_active(area, True)
            if not existing:
                log.warning("major outage in area %s (outage %s)", area, outage["id"])
            await self.after(fx)
            return outage, existing

    async def outage_closed(self, area: str) -> None:
        self.detector.set_active(area, False, self.clock())

    # ------------------------------------------------------------------ periodic work
    async def escalate_once(self) -> int:
        fx = Effects()
        n = await self.db.write(t_service.escalate_overdue, self.cfg, self.clock(), fx)
        await self.after(fx)
        return n

    async def _every(self, seconds: float, fn: Any, what: str) -> None:
        while True:
            try:
                await fn()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - periodic work keeps going
                log.exception("%s failed", what)
            await asyncio.sleep(seconds)

    async def _detector_tick(self) -> None:
        if self.detector.advance(self.clock()):
            await self.save_detector()

    async def _deflections(self) -> None:
        await self.db.write(out_service.infer_deflections, self.clock(), self.cfg.outage.deflection_window)

    async def start(self, *, background: bool = True) -> None:
        self.migrate()
        await self.load_detector()
        if not background:
            return
        self.connect_acd()
        if self.acd is not None:
            self._loops.append(asyncio.create_task(self.feed.run(), name="acd-feed"))
            self._loops.append(asyncio.create_task(self.dispatcher.run(), name="callbacks"))
        self._loops.append(asyncio.create_task(self._every(self.cfg.escalation.interval, self.escalate_once,
                                                           "escalation"), name="escalation"))
        self._loops.append(asyncio.create_task(self._every(30.0, self._detector_tick, "detector"), name="detector"))
        self._loops.append(asyncio.create_task(self._every(min(30.0, self.cfg.outage.deflection_window / 4),
                                                           self._deflections, "deflections"), name="deflections"))

    async def stop(self) -> None:
        for t in self._loops:
            t.cancel()
        for t in list(self._loops) + list(self._tasks):
            try:
                await t
            except (asyncio.CancelledError, Exception):  # noqa: BLE001
                pass
        self._loops.clear()
        self.bus.close()
        self.hub.close()
        try:
            await self.save_detector()
        except Exception:  # noqa: BLE001
            log.exception("saving the detector's baselines failed")
        for c in self._owned_clients:
            await c.close()
        self.db.close()
