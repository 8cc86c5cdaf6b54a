"""A small ARI client (REST + the events WebSocket), asyncio and aiohttp.

Only what the hook uses: application subscriptions (DTMF of a waiting caller's channel,
which Asterisk publishes for every DTMF end frame the channel reads, even while the AGI is
idle), originate, continue and hangup (callbacks, campaign calls), snoop channels, externalMedia channels and mixing
bridges (the recording choreography). Requests carry the credentials as HTTP basic auth;
the WebSocket as ``api_key=user:password`` like Asterisk's own examples.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable
from urllib.parse import quote

log = logging.getLogger("acdhook.ari")

EventHandler = Callable[[dict[str, Any]], Awaitable[None] | None]


class AriError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"ARI {status}: {message}")
        self.status = status


class AriClient:
    def __init__(self, url: str, username: str, password: str, app: str) -> None:
        self.base = url.rstrip("/")
        self.username = username
        self.password = password
        self.app = app
        self._session: Any = None
        self._ws_task: asyncio.Task[None] | None = None
        #: handlers by channel id (DTMF, state, destroy of channels the hook follows)
        self.channel_handlers: dict[str, EventHandler] = {}
        #: handlers by event type, for everything else
        self.type_handlers: dict[str, list[EventHandler]] = {}
        self.connected = asyncio.Event()
        self._closing = False

    async def start(self) -> None:
        import aiohttp

        import base64

        cred = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        self._session = aiohttp.ClientSession(headers={"Authorization": f"Basic {cred}"},
                                              timeout=aiohttp.ClientTimeout(total=5))
        self._ws_task = asyncio.get_running_loop().create_task(self._ws_loop())

    async def close(self) -> None:
        self._closing = True
        if self._ws_task is not None:
            self._ws_task.cancel()
            try:
                await self._ws_task
            except (asyncio.CancelledError, Exception):
                pass
        if self._session is not None:
            await self._session.close()

    async def _ws_loop(self) -> None:
        import aiohttp

        ws_url = self.base.replace("http://", "ws://").replace("https://", "wss://")
        url = f"{ws_url}/events?app={quote(self.app)}&api_key={quote(self.username)}:{quote(self.password)}"
        delay = 0.2
        while not self._closing:
            try:
                async with self._session.ws_connect(url, heartbeat=20, timeout=aiohttp.ClientWSTimeout(ws_close=5)) as ws:
                    self.connected.set()
                    delay = 0.2
                    log.info("ARI events connected (%s)", self.app)
                    async for msg in ws:
                        if msg.type != aiohttp.WSMsgType.TEXT:
                            continue
                        try:
                            ev = json.loads(msg.data)
                        except ValueError:
                            log.warning("ARI sent a message that is not JSON")
                            continue
                        if isinstance(ev, dict):
                            await self._dispatch(ev)
            except asyncio.CancelledError:
                raise
            except Exception as e:
                log.warning("ARI events connection failed: %s", e)
            self.connected.clear()
            if self._closing:
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def _dispatch(self, ev: dict[str, Any]) -> None:
        handlers: list[EventHandler] = []
        chan = ev.get("channel")
        if isinstance(chan, dict):
            h = self.channel_handlers.get(str(chan.get("id", "")))
            if h is not None:
                handlers.append(h)
        handlers.extend(self.type_handlers.get(str(ev.get("type", "")), ()))
        for h in handlers:
            try:
                r = h(ev)
                if asyncio.iscoroutine(r):
                    await r
            except Exception:
                log.exception("ARI event handler failed for %s", ev.get("type"))

    def on(self, event_type: str, handler: EventHandler) -> None:
        self.type_handlers.setdefault(event_type, []).append(handler)

    # ---------------------------------------------------------------- REST
    async def request(self, method: str, path: str, params: dict[str, Any] | None = None,
                      body: dict[str, Any] | None = None) -> Any:
        if self._session is None:
            raise AriError(0, "the ARI client is not started")
        q = {k: str(v) for k, v in (params or {}).items() if v is not None}
        try:
            async with self._session.request(method, self.base + path, params=q, json=body) as r:
                text = await r.text()
                if r.status >= 300:
                    msg = text
                    try:
                        msg = json.loads(text).get("message", text)
                    except (ValueError, AttributeError):
                        pass
                    raise AriError(r.status, msg)
                return json.loads(text) if text else None
        except AriError:
            raise
        except asyncio.CancelledError:
            raise
        except Exception as e:
            raise AriError(0, f"ARI request {method} {path} failed: {e}") from None

    async def subscribe(self, source: str) -> Any:
        return await self.request("POST", f"/applications/{quote(self.app)}/subscription", {"eventSource": source})

    async def unsubscribe(self, source: str) -> Any:
        return await self.request("DELETE", f"/applications/{quote(self.app)}/subscription", {"eventSource": source})

    async def originate(self, endpoint: str, *, channel_id: str, app_args: str = "", caller_id: str = "",
                        timeout: float = 30, variables: dict[str, str] | None = None) -> Any:
        params = {"endpoint": endpoint, "app": self.app, "appArgs": app_args or None, "channelId": channel_id,
                  "callerId": caller_id or None, "timeout": int(timeout)}
        return await self.request("POST", "/channels", params, {"variables": variables} if variables else None)

    async def continue_in_dialplan(self, channel_id: str, context: str, extension: str = "s",
                                   priority: int = 1) -> None:
        """The channel leaves the application for the dialplan (StasisEnd); used to run AMD()."""
        await self.request("POST", f"/channels/{quote(channel_id)}/continue",
                           {"context": context, "extension": extension, "priority": priority})

    async def hangup(self, channel_id: str, reason: str = "normal") -> None:
        try:
            await self.request("DELETE", f"/channels/{quote(channel_id)}", {"reason": reason})
        except AriError as e:
            if e.status != 404:
                raise

    async def snoop(self, channel_id: str, *, spy: str, snoop_id: str, app_args: str = "") -> Any:
        return await self.request("POST", f"/channels/{quote(channel_id)}/snoop",
                                  {"spy": spy, "whisper": "none", "app": self.app, "appArgs": app_args or None,
                                   "snoopId": snoop_id})

    async def external_media(self, *, channel_id: str, external_host: str, fmt: str = "ulaw",
                             variables: dict[str, str] | None = None) -> Any:
        return await self.request("POST", "/channels/externalMedia",
                                  {"channelId": channel_id, "app": self.app, "external_host": external_host,
                                   "encapsulation": "rtp", "transport": "udp", "connection_type": "client",
                                   "format": fmt, "direction": "both"},
                                  {"variables": variables} if variables else None)

    async def create_bridge(self, bridge_id: str, kind: str = "mixing", name: str = "") -> Any:
        return await self.request("POST", "/bridges", {"type": kind, "bridgeId": bridge_id, "name": name or None})

    async def add_channels(self, bridge_id: str, channel_ids: list[str]) -> None:
        await self.request("POST", f"/bridges/{quote(bridge_id)}/addChannel", {"channel": ",".join(channel_ids)})

    async def destroy_bridge(self, bridge_id: str) -> None:
        try:
            await self.request("DELETE", f"/bridges/{quote(bridge_id)}")
        except AriError as e:
            if e.status != 404:
                raise
