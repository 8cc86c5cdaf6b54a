"""Keep the Core method declarations in _core_decl.pxi in step with their definitions.

Cython needs every cdef method of ``Core`` declared in the .pxd (here: _core_decl.pxi,
included from _queue.pxd). This rewrites the block between the markers from the
definitions in _core.pxi; ``--check`` only reports drift (tests/test_api_surface.py runs it).

    .venv/bin/python tools/sync_core_decl.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "acdcore"
START = "    # internals (see _core.pxi)\n"
END = "    # C-level API for other Cython extensions"


def declarations() -> list[str]:
    src = (PKG / "_core.pxi").read_text().split("cdef class Core:", 1)[1]
    lines = src.split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("    cdef ") and "(" in line and " c_" not in line.split("(")[0]:
            sig = line
            while not sig.rstrip().endswith(":"):
                i += 1
                sig += " " + lines[i].strip()
            out.append("    " + sig.rstrip()[:-1].strip().replace("cdef inline ", "cdef "))
        i += 1
    return out


def render(text: str) -> str:
    start = text.index(START)
    end = text.index(END)
    return text[:start] + START + "\n".join(declarations()) + "\n\n" + text[end:]


def main() -> int:
    path = PKG / "_core_decl.pxi"
    text = path.read_text()
    new = render(text)
    if "--check" in sys.argv:
        if new != text:
            print("_core_decl.pxi is out of date: run tools/sync_core_decl.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
