"""The shape of the library: enums, stubs (mypy), the C-level API, and how it is loaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import acdcore
from acdcore import enums

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


@pytest.mark.compiled_only
def test_c_enums_have_the_python_numbers():
    from acdcore import _queue

    for name, members in _queue.C_ENUMS.items():
        py = getattr(enums, name)
        assert members == {m.name: m.value for m in py}, name


def test_the_selected_implementation_is_explicit():
    expected = "pure" if os.environ.get("ACDCORE_PURE") == "1" else "compiled"
    assert acdcore.IMPLEMENTATION == expected
    assert type(acdcore.Core()).__module__ == ("acdcore._pure.core" if expected == "pure" else "acdcore._queue")


def _import_in(tmp: Path, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ACDCORE_PURE"}
    env.update(env_extra)
    env["PYTHONPATH"] = str(tmp)
    # -S: no site-packages, so the editable install of the real tree cannot answer the import
    return subprocess.run([sys.executable, "-S", "-c", "import acdcore; print(acdcore.IMPLEMENTATION)"],
                          capture_output=True, text=True, env=env, cwd=tmp)


def test_no_silent_fallback_without_the_extension(tmp_path):
    shutil.copytree(SRC / "acdcore", tmp_path / "acdcore",
                    ignore=shutil.ignore_patterns("*.so", "*.c", "__pycache__"))
    r = _import_in(tmp_path, {})
    assert r.returncode != 0
    assert "make build" in r.stderr and "ACDCORE_PURE=1" in r.stderr
    assert _import_in(tmp_path, {"ACDCORE_PURE": "1"}).stdout.strip() == "pure"
    bad = _import_in(tmp_path, {"ACDCORE_PURE": "yes"})
    assert bad.returncode != 0 and "ACDCORE_PURE must be 0 or 1" in bad.stderr


@pytest.mark.compiled_only
def test_internal_classes_are_not_constructible():
    from acdcore import _queue

    for name in ("_Call", "_Agent", "_Queue", "_Member", "_Bucket", "_Tier", "_Sig", "Event"):
        with pytest.raises(TypeError):
            getattr(_queue, name)()


def _mypy(*files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--cache-dir", os.devnull, *files],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "MYPYPATH": str(SRC)})


@pytest.mark.compiled_only
def test_stubs_type_check_a_real_program():
    r = _mypy("tests/typing/use_core.py", "src/acdcore/_queue.pyi")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.compiled_only
def test_stubs_catch_type_errors():
    r = _mypy("tests/typing/wrong_types.py")
    assert r.returncode != 0
    for line in ("wrong_types.py:6", "wrong_types.py:7", "wrong_types.py:8"):
        assert line in r.stdout, r.stdout


def test_py_typed_and_declarations_ship():
    pkg = SRC / "acdcore"
    for name in ("py.typed", "_queue.pxd", "_queue.pyi", "_core_decl.pxi", "_routes_decl.pxi"):
        assert (pkg / name).is_file(), name


@pytest.mark.compiled_only
def test_other_cython_extensions_can_cimport_the_core(tmp_path):
    """The first binding: a Cython extension driving the core through its C-level API."""
    (tmp_path / "probe.pyx").write_text(textwrap.dedent("""
        # cython: language_level=3
        from acdcore._queue cimport Core, acd_event, EV_CALL_ENQUEUED

        def probe(Core core, str queue):
            cdef const acd_event *ev
            cdef int enqueued = 0
            cdef Py_ssize_t i
            for i in range(core.c_events_pending()):
                ev = core.c_event(i)
                if ev.type == EV_CALL_ENQUEUED:
                    enqueued += 1
            core.c_advance(core.c_now() + 1.0)
            return core.c_waiting(queue), enqueued, core.c_now()
    """))
    (tmp_path / "setup.py").write_text(textwrap.dedent(f"""
        from setuptools import setup, Extension
        from Cython.Build import cythonize
        setup(ext_modules=cythonize([Extension("probe", ["probe.pyx"])], include_path=[{str(SRC)!r}]))
    """))
    build = subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-3000:]
    script = textwrap.dedent("""
        import acdcore
        from acdcore import QueueConfig
        from probe import probe
        core = acdcore.Core(clock=lambda: 10.0)
        core.create_queue(QueueConfig("q"))
        core.enqueue("c1", "q")
        core.enqueue("c2", "q")
        print(probe(core, "q"))
    """)
    r = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "(2, 2, 11.0)"


def test_core_declarations_match_their_definitions():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "sync_core_decl.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
