"""ARI: the REST + WebSocket client the hook uses next to FastAGI."""

from .client import AriClient, AriError

__all__ = ["AriClient", "AriError"]
