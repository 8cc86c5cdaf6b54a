"""The interceptor's cache of accepted tokens: a repeated call skips the token check and reuses
its bound handler, a reload of the tokens voids it at once, and an unknown or forbidden token
is never cached."""

from __future__ import annotations

import asyncio
from typing import Any

import grpc

from grpc_server import auth
from grpc_server.config import Token


class _Details:
    def __init__(self, method: str, token: str | None) -> None:
        self.method = method
        self.invocation_metadata = (("authorization", f"Bearer {token}"),) if token is not None else ()


async def _echo(request: Any, context: Any) -> Any:
    return auth.principal()


HANDLER = grpc.unary_unary_rpc_method_handler(_echo)
ENQ = "/acd.v1.CallService/EnqueueCall"


def _run(icpt: auth.AuthInterceptor, method: str, token: str | None) -> grpc.RpcMethodHandler:
    async def cont(details: Any) -> grpc.RpcMethodHandler:
        return HANDLER

    return asyncio.run(icpt.intercept_service(cont, _Details(method, token)))  # type: ignore[arg-type]


def _who(handler: grpc.RpcMethodHandler) -> auth.Principal:
    return asyncio.run(handler.unary_unary(None, None))


def _counting(store: auth.TokenStore) -> list[str]:
    seen: list[str] = []
    real = store.lookup

    def lookup(secret: str) -> auth.Principal | None:
        seen.append(secret)
        return real(secret)

    store.lookup = lookup  # type: ignore[method-assign]
    return seen


def test_accepted_token_is_checked_once_per_method() -> None:
    store = auth.TokenStore([Token("ast", "telephony", "tel-secret-0123456789")])
    seen = _counting(store)
    icpt = auth.AuthInterceptor(store)
    h1 = _run(icpt, ENQ, "tel-secret-0123456789")
    h2 = _run(icpt, ENQ, "tel-secret-0123456789")
    assert h1 is h2 and len(seen) == 1
    assert _who(h2) == auth.Principal("ast", "telephony")
    _run(icpt, "/acd.v1.CallService/CancelCall", "tel-secret-0123456789")
    assert len(seen) == 2  # another method: its own check


def test_reload_voids_the_cache() -> None:
    store = auth.TokenStore([Token("ast", "telephony", "tel-secret-0123456789")])
    icpt = auth.AuthInterceptor(store)
    assert _who(_run(icpt, ENQ, "tel-secret-0123456789")).name == "ast"
    store.replace([Token("ast2", "telephony", "new-secret-0123456789")])
    h = _run(icpt, ENQ, "tel-secret-0123456789")  # the old token, cached before the reload
    assert h is not None and h.unary_unary is not HANDLER.unary_unary
    try:
        asyncio.run(h.unary_unary(None, _Ctx()))
    except _Aborted as e:
        assert e.code == grpc.StatusCode.UNAUTHENTICATED
    else:
        raise AssertionError("the reloaded-away token was accepted")
    assert _who(_run(icpt, ENQ, "new-secret-0123456789")).name == "ast2"


def test_unknown_and_forbidden_tokens_are_never_cached() -> None:
    store = auth.TokenStore([Token("biz", "business", "biz-secret-0123456789")])
    seen = _counting(store)
    icpt = auth.AuthInterceptor(store)
    for _ in range(3):
        _run(icpt, ENQ, "wrong-secret-0123456789")
        _run(icpt, ENQ, "biz-secret-0123456789")  # business may not enqueue
    assert len(seen) == 6 and icpt._bound == {}


class _Aborted(Exception):
    def __init__(self, code: grpc.StatusCode) -> None:
        self.code = code


class _Ctx:
    async def abort_with_status(self, status: Any) -> None:
        raise _Aborted(status.code)

    def set_trailing_metadata(self, md: Any) -> None:
        pass
