"""The journal on its own: format, group commit, torn and corrupt tails, segments, and
``acdcore journal check``."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

from grpc_server import journal as J


def _write(directory, payloads, **kw):  # type: ignore[no-untyped-def]
    j = J.Journal(directory, **kw)
    j.open()
    for p in payloads:
        j.append_sync(p)
    j.close()


def _read(directory):  # type: ignore[no-untyped-def]
    j = J.Journal(directory)
    recs = j.open()
    j.close()
    return j, recs


def test_round_trip_and_indexes(tmp_path):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b"a", b"bb", b"ccc"])
    j, recs = _read(tmp_path)
    assert recs == [(1, b"a"), (2, b"bb"), (3, b"ccc")]
    assert j.last_index == j.durable_index == 3 and j.recovered_damage is None
    _write(tmp_path, [b"d"])  # appends continue the numbering
    assert _read(tmp_path)[1][-1] == (4, b"d")
    assert _read(tmp_path)[1][2:] == [(3, b"ccc"), (4, b"d")]


def test_group_commit_batches_concurrent_appends(tmp_path):  # type: ignore[no-untyped-def]
    async def main() -> tuple[int, int]:
        j = J.Journal(tmp_path)
        j.open()
        j.bind(asyncio.get_running_loop())
        durable_seen = []
        j.on_durable(durable_seen.append)
        idxs = [j.append(f"r{i}".encode()) for i in range(500)]
        await asyncio.gather(*(j.wait_durable(i) for i in idxs))
        more = [j.append(b"x") for _ in range(10)]
        await j.wait_durable(more[-1])
        assert durable_seen == sorted(durable_seen) and durable_seen[-1] == 510
        commits = j.commits
        j.close()
        return commits, len(idxs)

    commits, n = asyncio.run(main())
    assert commits <= 4 < n  # one fsync per batch, not per record
    assert [i for i, _ in _read(tmp_path)[1]] == list(range(1, 511))


@pytest.mark.parametrize("cut", [1, 5, 15, 17])
def test_torn_tail_is_dropped_with_a_warning(tmp_path, caplog, cut):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b"one", b"two", b"three"])
    seg = J.list_segments(tmp_path)[0][1]
    data = seg.read_bytes()
    seg.write_bytes(data[:-cut])  # the last record is torn by a crash
    j, recs = _read(tmp_path)
    assert recs == [(1, b"one"), (2, b"two")]
    assert j.recovered_damage is not None and "torn" in j.recovered_damage[2]
    assert "dropped" in caplog.text
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == data[len(data) - (len(data) - seg.stat().st_size):-cut]
    # the next append continues after the last valid record and the journal is whole again
    _write(tmp_path, [b"four"])
    assert _read(tmp_path)[1] == [(1, b"one"), (2, b"two"), (3, b"four")]
    assert J.scan(tmp_path).damage is None


def test_crc_mismatch_is_detected_and_never_replayed(tmp_path, caplog):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b"alpha", b"bravo", b"charlie"])
    seg = J.list_segments(tmp_path)[0][1]
    data = bytearray(seg.read_bytes())
    pos = data.index(b"bravo")
    data[pos] ^= 0x20  # one flipped bit in the middle record
    seg.write_bytes(bytes(data))
    rep = J.scan(tmp_path)
    assert rep.damage is not None and rep.damage[2] == "CRC mismatch" and rep.last_index == 1
    j, recs = _read(tmp_path)
    assert recs == [(1, b"alpha")]  # neither the bad record nor anything after it
    assert "CRC mismatch" in caplog.text


def test_index_gap_and_garbage_length(tmp_path):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b"a", b"b"])
    seg = J.list_segments(tmp_path)[0][1]
    with open(seg, "ab") as f:
        f.write(J.encode_record(7, b"skipped ahead"))
    assert J.scan(tmp_path).damage[2] == "record index 7, expected 3"
    seg2 = tmp_path / "other"
    _write(seg2, [b"a"])
    s = J.list_segments(seg2)[0][1]
    with open(s, "ab") as f:
        f.write(b"\xff\xff\xff\x7f" + b"\0" * 12)
    assert "impossible" in J.scan(seg2).damage[2]


def test_segments_roll_and_a_damaged_middle_drops_what_follows(tmp_path):  # type: ignore[no-untyped-def]
    _write(tmp_path, [bytes([65 + i % 26]) * 100 for i in range(50)], segment_bytes=1000)
    segs = J.list_segments(tmp_path)
    assert len(segs) > 5 and segs[0][0] == 1
    assert [i for i, _ in _read(tmp_path)[1]] == list(range(1, 51))
    mid = segs[2][1]
    data = bytearray(mid.read_bytes())
    data[40] ^= 1
    mid.write_bytes(bytes(data))
    j, recs = _read(tmp_path)
    assert recs and recs[-1][0] < segs[3][0] and [i for i, _ in recs] == list(range(1, recs[-1][0] + 1))
    assert not [p for p in J.list_segments(tmp_path) if p[0] > segs[2][0]]  # later segments moved aside


def _check(path, *extra):  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "acdcore.cli", "journal", "check", str(path), *extra],
                          capture_output=True, text=True, timeout=60)


def test_journal_check_command(tmp_path):  # type: ignore[no-untyped-def]
    _write(tmp_path, [b'{"t":0.0,"op":"init","a":{"format":1,"seed":0,"ended_call_memory":3600.0,'
                      b'"ended_call_limit":100000}}', b'{"t":1.0,"op":"create_queue","a":{"config":{"name":"q",'
                      b'"strategy":1,"wrap_up":0.0,"max_waiting":0,"offer_timeout":20.0,"retry_delay":5.0,'
                      b'"service_level_threshold":20.0,"short_abandon_threshold":5.0,"weight":1.0,"skills":{},'
                      b'"max_penalty":null,"penalty_rules":[],"overflow_after":null,"overflow_target":null,'
                      b'"join_empty":1,"leave_empty":1,"max_priority_overtake":null,"auto_pause_after":3,'
                      b'"default_handle_time":180.0}}}'])
    r = _check(tmp_path, "--replay")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 valid records" in r.stdout and "0 mismatches" in r.stdout and r.stdout.strip().endswith("OK")
    seg = J.list_segments(tmp_path)[0][1]
    with open(seg, "ab") as f:
        f.write(b"\x10\x00\x00")
    r = _check(tmp_path)
    assert r.returncode == 1 and "CORRUPT" in r.stdout and "record header torn" in r.stdout
    assert _check(tmp_path / "missing").returncode == 2
    os.mkdir(tmp_path / "empty")
    assert _check(tmp_path / "empty").returncode == 1
