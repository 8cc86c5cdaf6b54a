import os

import pytest

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
