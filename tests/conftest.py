import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def _import_the_real_servicedesk() -> None:
    """tests/ is on sys.path (pytest puts conftest directories there), so ``import servicedesk``
    would find tests/servicedesk as a namespace package; import the installed package first,
    once, for every suite that uses it (servicedesk, growth, the hook's campaign tests)."""
    mod = sys.modules.get("servicedesk")
    if mod is not None and getattr(mod, "__file__", None):
        return
    sys.modules.pop("servicedesk", None)
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != TESTS]
    try:
        import servicedesk  # noqa: F401
    finally:
        sys.path[:] = saved


_import_the_real_servicedesk()

IMPL = "pure" if os.environ.get("ACDCORE_PURE") == "1" else "compiled"


def pytest_report_header(config):
    return f"acdcore implementation under test: {IMPL} (ACDCORE_PURE={os.environ.get('ACDCORE_PURE', '')!r})"


def pytest_collection_modifyitems(config, items):
    if IMPL != "pure":
        return
    skip = pytest.mark.skip(reason="compiled-only test; ACDCORE_PURE=1 runs the pure twin")
    for item in items:
        if "compiled_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_cluster():  # type: ignore[no-untyped-def]
    """One throwaway PostgreSQL cluster (tests/servicedesk/desk_pg.py) for the whole run, shared
    by the servicedesk and growth suites; each test creates its own database in it."""
    if str(TESTS / "servicedesk") not in sys.path:
        sys.path.insert(0, str(TESTS / "servicedesk"))
    import desk_pg

    if not desk_pg.available():
        if os.environ.get("SERVICEDESK_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is not installed but SERVICEDESK_REQUIRE_PG=1")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): the [postgresql] cases need it")
    c = desk_pg.PgCluster().start()
    yield c
    c.destroy()
