"""Fixtures of the gRPC tests: a shared server per module, clients per role."""

from __future__ import annotations

import pytest

from grpc_harness import TOKENS, ServerProc, client


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path_factory.mktemp("acd")).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def clients(server):  # type: ignore[no-untyped-def]
    cs = {role: client(server.target, role) for role in TOKENS}
    yield cs
    for c in cs.values():
        c.close()


@pytest.fixture(scope="module")
def admin(clients):  # type: ignore[no-untyped-def]
    return clients["admin"]
