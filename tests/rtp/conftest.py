import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
_tests = os.path.dirname(_here)

# pytest puts tests/ on sys.path (for tests/conftest.py). With a finder-style editable
# install (src/ itself not on sys.path) `import rtp` would then resolve to the directory
# tests/rtp as a namespace package. Import the real package first, with tests/ out of the way.
if "rtp" not in sys.modules or getattr(sys.modules["rtp"], "__file__", None) is None:
    sys.modules.pop("rtp", None)
    _saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _tests]
    try:
        import rtp  # noqa: F401
    finally:
        sys.path[:] = _saved

sys.path.insert(0, _here)
