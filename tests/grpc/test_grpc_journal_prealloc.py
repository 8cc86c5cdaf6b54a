"""Preallocated journal segments: zero-filled ahead and overwritten in place. The records end
at the first all-zero header; a zero tail is the clean end, anything else after the records is
damage (moved aside and zeroed, never replayed); a crash -- a real ``kill -9`` of a writer --
replays exactly the acknowledged records."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from grpc_server import config as config_mod
from grpc_server import journal as J

from grpc_harness import ServerProc, client


def _write(directory, payloads, **kw):  # type: ignore[no-untyped-def]
    j = J.Journal(directory, preallocate=True, **kw)
    j.open()
    for p in payloads:
        j.append_sync(p)
    j.close()
    return j


def _read(directory, **kw):  # type: ignore[no-untyped-def]
    j = J.Journal(directory, preallocate=True, **kw)
    recs = j.open()
    j.close()
    return j, recs


def _end_of_records(seg) -> int:  # type: ignore[no-untyped-def]
    rep = J.scan(seg.parent)
    return next(s.valid_bytes for s in rep.segments if s.path == seg)


def test_segment_is_preallocated_and_writes_continue_after_the_records(tmp_path):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b"a", b"bb", b"ccc"])
    (first, seg), = J.list_segments(tmp_path)
    assert seg.stat().st_size == J.PREALLOC_MIN  # the whole segment exists from the start
    assert not (tmp_path / J.SPARE_NAME).exists()  # the next one only once this one is half full
    rep = J.scan(tmp_path)
    assert rep.damage is None and rep.last_index == 3
    end = rep.segments[0].valid_bytes
    assert rep.segments[0].zero_tail == J.PREALLOC_MIN - end
    # blocks really written (not a sparse file), so an overwrite needs no allocation
    assert os.stat(seg).st_blocks * 512 >= J.PREALLOC_MIN
    _write(tmp_path, [b"dddd"])  # a reopen writes where the records end, not after the zeros
    j, recs = _read(tmp_path)
    assert recs == [(1, b"a"), (2, b"bb"), (3, b"ccc"), (4, b"dddd")] and j.recovered_damage is None
    assert seg.stat().st_size == J.PREALLOC_MIN
    assert seg.read_bytes()[end:end + J.REC_HEADER.size + 4] == J.encode_record(4, b"dddd")


def test_append_and_preallocated_segments_read_the_same(tmp_path):  # type: ignore[no-untyped-def]
    """A journal written without preallocation goes on preallocated (and back) unchanged."""
    j = J.Journal(tmp_path)
    j.open()
    j.append_sync(b"old")
    j.close()
    size = J.list_segments(tmp_path)[0][1].stat().st_size
    _write(tmp_path, [b"new"])
    assert J.list_segments(tmp_path)[0][1].stat().st_size == size + J.REC_HEADER.size + 3  # appended in place
    j = J.Journal(tmp_path)
    assert j.open() == [(1, b"old"), (2, b"new")]
    j.append_sync(b"third")
    j.close()
    assert _read(tmp_path)[1] == [(1, b"old"), (2, b"new"), (3, b"third")]


@pytest.mark.parametrize("cut", [1, 7, 15, 17])
def test_torn_batch_over_the_zeros_is_moved_aside_and_zeroed(tmp_path, caplog, cut):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b"one", b"two"])
    seg = J.list_segments(tmp_path)[0][1]
    end = _end_of_records(seg)
    torn = J.encode_record(3, b"three")[:-cut]  # a crash wrote part of the third record
    with open(seg, "r+b") as f:
        f.seek(end)
        f.write(torn)
    rep = J.scan(tmp_path)
    assert rep.damage is not None and rep.damage[1] == end and rep.last_index == 2
    j, recs = _read(tmp_path)
    assert recs == [(1, b"one"), (2, b"two")] and "dropped" in caplog.text
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == torn.rstrip(b"\0")
    # the damage is zeros again: the segment keeps its size and is whole
    assert seg.stat().st_size == J.PREALLOC_MIN and J.scan(tmp_path).damage is None
    _write(tmp_path, [b"four"])
    assert _read(tmp_path)[1] == [(1, b"one"), (2, b"two"), (3, b"four")]


def test_stale_record_after_a_zero_gap_is_never_replayed(tmp_path, caplog):  # type: ignore[no-untyped-def]
    """An unacknowledged batch whose first page never reached the disk but whose second did:
    zeros, then a record with a valid CRC and the next-but-one index. It must not be replayed,
    and must not line up with the records written after the restart."""
    _write(tmp_path, [b"x" * 50, b"y" * 50])
    seg = J.list_segments(tmp_path)[0][1]
    end = _end_of_records(seg)
    rec3 = J.encode_record(3, b"z" * 50)
    stale4 = J.encode_record(4, b"phantom" * 7 + b"!")
    with open(seg, "r+b") as f:
        f.seek(end + len(rec3))  # record 3's bytes are missing (zeros), record 4's are there
        f.write(stale4)
    rep = J.scan(tmp_path)
    assert rep.last_index == 2 and rep.damage is not None and "after the end" in rep.damage[2]
    j, recs = _read(tmp_path)
    assert [i for i, _ in recs] == [1, 2] and j.recovered_damage is not None
    # the restarted writer writes a record 3 of exactly the lost one's length: the stale
    # record 4 would now follow it, had recovery not zeroed it
    _write(tmp_path, [b"z" * 50])
    _j, recs = _read(tmp_path)
    assert recs == [(1, b"x" * 50), (2, b"y" * 50), (3, b"z" * 50)]
    assert b"phantom" not in seg.read_bytes()


def test_segments_roll_doubling_and_the_spare_is_prepared_ahead(tmp_path):  # type: ignore[no-untyped-def]
    seg_bytes = 1 << 16
    # 64 records of 1,016 bytes fill a 64 KiB segment: three full ones and 40 records, past half
    payloads = [bytes([65 + i % 26]) * 1000 for i in range(3 * 64 + 40)]
    _write(tmp_path, payloads, segment_bytes=seg_bytes)
    segs = J.list_segments(tmp_path)
    assert len(segs) >= 3 and all(p.stat().st_size == seg_bytes for _, p in segs)
    # the next one was zero-filled once the last was half full, ready for the rollover
    assert (tmp_path / J.SPARE_NAME).stat().st_size == seg_bytes
    assert not (tmp_path / (J.SPARE_NAME + ".tmp")).exists()
    _j, recs = _read(tmp_path, segment_bytes=seg_bytes)
    assert recs == list(enumerate(payloads, 1))
    rep = J.scan(tmp_path)
    assert rep.damage is None and rep.records == len(payloads) and all(s.problem is None for s in rep.segments)


def test_sizes_double_from_the_first_segment(tmp_path):  # type: ignore[no-untyped-def]
    j = J.Journal(tmp_path, preallocate=True, segment_bytes=64 << 20)
    j.open()
    assert j._next_size() == 2 * J.PREALLOC_MIN  # the next after the 4 MiB first one
    j._seg_limit = 64 << 20
    assert j._next_size() == 64 << 20  # never above segment_bytes
    j.close()


def _check(path):  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "acdcore.cli", "journal", "check", str(path)],
                          capture_output=True, text=True, timeout=60)


def test_journal_check_reads_preallocated_segments(tmp_path):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b"a", b"b", b"c"])
    r = _check(tmp_path)
    assert r.returncode == 0 and "3 valid records" in r.stdout and r.stdout.strip().endswith("OK"), r.stdout
    seg = J.list_segments(tmp_path)[0][1]
    with open(seg, "r+b") as f:
        f.seek(_end_of_records(seg) + 100)
        f.write(b"\x01")  # one stray byte in the zeros
    r = _check(tmp_path)
    assert r.returncode == 1 and "CORRUPT" in r.stdout and "after the end of the records" in r.stdout


_WRITER = textwrap.dedent("""
    import sys
    from grpc_server import journal as J
    j = J.Journal(sys.argv[1], preallocate=True, segment_bytes=int(sys.argv[2]))
    j.open()
    while True:
        i = j.last_index + 1
        idx = j.append_sync(b"rec-%d-" % i + b"p" * (i % 300))
        sys.stdout.write(f"{idx}\\n")   # acknowledged: durable before this line
        sys.stdout.flush()
""")


@pytest.mark.parametrize("seed", range(3))
def test_kill9_of_a_writer_replays_exactly_the_acknowledged_records(tmp_path, seed):  # type: ignore[no-untyped-def]
    """A writer killed -9 mid-stream leaves a preallocated zero tail (and maybe a torn or
    unacknowledged record); the restart replays every acknowledged record, in order, and
    nothing that was not written; the next writer continues the numbering."""
    seg_bytes = 1 << 16  # small segments: the kill also lands near rollovers
    acked = 0
    for rnd in range(3):
        p = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), str(seg_bytes)],
                             stdout=subprocess.PIPE, text=True)
        assert p.stdout is not None
        deadline = time.monotonic() + 30
        target = 150 + 97 * ((seed * 3 + rnd) % 5)  # acknowledged records before the kill
        last = 0
        while last < acked + target:
            line = p.stdout.readline()
            assert line and time.monotonic() < deadline
            last = int(line)
        os.kill(p.pid, signal.SIGKILL)
        p.wait(10)
        last = max([last] + [int(x) for x in p.stdout.read().split()])  # lines already written
        acked = last
        segs = J.list_segments(tmp_path)
        assert segs[-1][1].stat().st_size >= J.SEG_HEADER.size
        _j, recs = _read(tmp_path, segment_bytes=seg_bytes)
        idx = [i for i, _ in recs]
        # every acknowledged record, in order; at most the one in flight beyond them
        assert idx[:acked] == list(range(1, acked + 1)) and len(idx) <= acked + 1
        assert all(payload.startswith(b"rec-%d-" % i) for i, payload in recs)
        acked = len(idx)
    assert J.scan(tmp_path).damage is None


def test_server_preallocates_and_survives_kill9(tmp_path):  # type: ignore[no-untyped-def]
    """The server's default: preallocated segments; acknowledged enqueues survive kill -9."""
    srv = ServerProc(tmp_path).start()
    try:
        tel = client(srv.target, "telephony")
        for i in range(20):
            tel.enqueue_call(f"p-{i}", "general")
        tel.close()
        srv.kill()
        seg = J.list_segments(srv.journal)[-1][1]
        rep = J.scan(srv.journal)
        assert rep.damage is None and rep.segments[-1].zero_tail > 0 and seg.stat().st_size == J.PREALLOC_MIN
        srv.start()
        adm = client(srv.target, "admin")
        assert [c.call_id for c in adm.list_calls("general").calls] == [f"p-{i}" for i in range(20)]
        adm.close()
    finally:
        srv.kill()


@pytest.mark.parametrize("value, why", [(4096, "between 65536"), (0, "> 0"), (True, "must be int"),
                                        (2 << 30, "between 65536")])
def test_bad_segment_size_is_refused(tmp_path, value, why):  # type: ignore[no-untyped-def]
    cfg = tmp_path / "acd.toml"
    cfg.write_text(f'[server]\nstate_dir = "s"\njournal_segment_bytes = {str(value).lower()}\n')
    with pytest.raises(config_mod.ConfigError) as e:
        config_mod.load(cfg)
    assert "journal_segment_bytes" in str(e.value) and why in str(e.value)
    assert not (tmp_path / "s").exists()  # nothing created for a refused file


@pytest.mark.parametrize("fsync", [True, False])
def test_commit_with_and_without_fsync_and_a_failed_write(tmp_path, fsync):  # type: ignore[no-untyped-def]
    """fsync = false writes on the loop (no writer thread), fsync = true through the thread; both
    acknowledge in order, and a failed write fails its waiters and every later append."""
    import asyncio

    async def main() -> None:
        j = J.Journal(tmp_path, fsync=fsync, preallocate=True)
        j.open()
        j.bind(asyncio.get_running_loop())
        seen: list[int] = []
        j.on_durable(seen.append)
        idx = [j.append(b"r%d" % i) for i in range(50)]
        await asyncio.gather(*(j.wait_durable(i) for i in idx))
        assert j.durable_index == 50 and seen and seen == sorted(seen) and seen[-1] == 50
        assert J.scan(tmp_path).last_index == 50
        os.close(j._fd)  # the disk goes away under the journal
        j._fd = os.open(os.devnull, os.O_RDONLY)  # writes to it fail (EBADF)
        bad = j.append(b"lost")
        with pytest.raises(RuntimeError, match="journal write failed"):
            await j.wait_durable(bad)
        with pytest.raises(RuntimeError, match="journal failed"):
            j.append(b"refused")
        assert j.durable_index == 50
        os.close(j._fd)
        j._fd = None

    asyncio.run(main())
    _j, recs = _read(tmp_path)
    assert [i for i, _ in recs] == list(range(1, 51))  # nothing of the failed write
