"""Build the compiled subsystems: one extension per subsystem, assembled with `include`.

    ACDCORE_DEBUG=1   compile the expensive invariant checks in (see _queue.pxd)
    ACDCORE_TRACE=1   line tracing for coverage (slow)
    ACDCORE_ONLY=acdcore._queue,rtp._rtp   build only these extensions
"""

import os

from Cython.Build import cythonize
from setuptools import Extension, setup

DEBUG = os.environ.get("ACDCORE_DEBUG", "") not in ("", "0")
TRACE = os.environ.get("ACDCORE_TRACE", "") not in ("", "0")

macros = [("ACDCORE_DEBUG", "1" if DEBUG else "0")]
if TRACE:
    macros += [("CYTHON_TRACE", "1"), ("CYTHON_TRACE_NOGIL", "1")]
# -ffp-contract=off: no fused multiply-add, so the compiled core computes every score bit for
# bit like the pure twin (the differential tests compare them exactly)
cflags = ["-O2", "-g0" if not DEBUG else "-g", "-Wno-unused-function", "-ffp-contract=off"]

extensions = [
    Extension("acdcore._queue", ["src/acdcore/_queue.pyx"], define_macros=macros,
              extra_compile_args=cflags),
    Extension("rtp._rtp", ["src/rtp/_rtp.pyx"], define_macros=macros,
              extra_compile_args=cflags),
]
extensions = [e for e in extensions if os.path.exists(e.sources[0])]
ONLY = [m for m in os.environ.get("ACDCORE_ONLY", "").split(",") if m]
if ONLY:
    extensions = [e for e in extensions if e.name in ONLY]

setup(
    ext_modules=cythonize(
        extensions,
        language_level=3,
        compiler_directives={
            "boundscheck": DEBUG,
            "wraparound": False,
            "initializedcheck": DEBUG,
            "cdivision": True,
            "embedsignature": True,
            "linetrace": TRACE,
        },
        include_path=["src"],
    ),
)
