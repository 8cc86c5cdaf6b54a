"""The durable journal: append-only binary segments, group commit, torn-tail recovery.

Layout of a journal directory::

    journal-00000000000000000001.seg    records 1..N    (named by the first record index)
    journal-0000000000000000000N+1.seg  ...
    snapshot-00000000000000001234.json  the state after record 1234 (when the core can snapshot)

A segment starts with a 16-byte header: ``b"ACDJ"``, format version (u32 LE) and the index of
its first record (u64 LE). Then records, each::

    length  u32 LE   bytes of payload
    crc     u32 LE   CRC-32 (zlib) of index (8 bytes LE) + payload
    index   u64 LE   record number: 1, 2, 3, ... without gaps across segments
    payload          ``length`` bytes (JSON, see grpc_server.engine)

Writes go through :meth:`Journal.append` (on the event loop: buffers only) and a group
commit: one writer thread takes every record appended while its previous write+fdatasync
ran, writes them with one ``write`` and makes them durable with one ``fdatasync``; then the
records' waiters (:meth:`Journal.wait_durable`) resume. The server replies to a request
only after its record is durable, so an acknowledged request survives ``kill -9``.

On open, every segment is read and checked: a record that is short (torn by a crash), has a
bad CRC, an impossible length or an index out of sequence ends the valid journal there; the
bytes from that point on are moved aside to ``<segment>.corrupt-<offset>`` with a logged
warning (and later segments, which could only follow an invalid record, likewise), and are
never replayed.

Preallocated segments (``preallocate=True``, the server's default): a segment is created at
its full size with zeros really written (not a sparse file, not fallocate's unwritten
extents), and records overwrite it in place. fdatasync of an appending file must also commit
the new file size (an ext4 journal commit); an overwrite of blocks that already exist only
flushes the data blocks, which is faster and much steadier (docs/operations.md has the
numbers). The records then end at the first all-zero record header: an index is never 0, so
no record starts with 16 zero bytes. A tail that is all zeros is the unused preallocation
and ends the segment cleanly; anything else after the records (a torn batch, or pages of a
batch written out of order by a crash) is damage like any other, moved aside and zeroed, so
that a later record can never line up with a stale one. A new journal's first segment is
4 MiB and each next one twice its predecessor, up to ``segment_bytes``, so a small journal
(a test server, a fresh install) does not write 64 MiB of zeros up front. Once the current
segment is half full, a background thread zero-fills the next one
(``journal-next.prealloc``), so a rollover costs a rename, not a fill while requests wait.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import struct
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("acdcore.journal")

MAGIC = b"ACDJ"
VERSION = 1
SEG_HEADER = struct.Struct("<4sIQ")
REC_HEADER = struct.Struct("<IIQ")
_INDEX = struct.Struct("<Q")
#: no record is larger (a request is bounded by the server's receive limit, far below)
MAX_RECORD = 64 * 1024 * 1024
SEGMENT_BYTES = 64 * 1024 * 1024
_SEG_RE = re.compile(r"journal-(\d{20})\.seg\Z")
_SNAP_RE = re.compile(r"snapshot-(\d{20})\.json\Z")
#: the next segment, zero-filled ahead of need (not a segment name: never scanned)
SPARE_NAME = "journal-next.prealloc"
_ZEROS = bytes(1 << 20)
#: the first preallocated segment's size (each next one doubles, up to segment_bytes)
PREALLOC_MIN = 4 * 1024 * 1024


def seg_name(first: int) -> str:
    return f"journal-{first:020d}.seg"


def snap_name(index: int) -> str:
    return f"snapshot-{index:020d}.json"


def encode_record(index: int, payload: bytes) -> bytes:
    crc = zlib.crc32(payload, zlib.crc32(_INDEX.pack(index)))
    return REC_HEADER.pack(len(payload), crc, index) + payload


@dataclass
class SegmentReport:
    path: Path
    first: int
    records: int = 0
    last: int = 0
    valid_bytes: int = 0
    size: int = 0
    problem: str | None = None
    #: zero bytes after the records: the unused part of a preallocated segment
    zero_tail: int = 0


@dataclass
class ScanReport:
    """What :func:`scan` found: the valid records' extent and any damage."""

    directory: Path
    segments: list[SegmentReport] = field(default_factory=list)
    snapshots: list[int] = field(default_factory=list)
    first_index: int = 0
    last_index: int = 0
    #: (segment, offset, why) where the valid journal ends early; None if the whole is valid
    damage: tuple[Path, int, str] | None = None
    #: segments after the damage (never valid: they could only follow a bad record)
    orphans: list[Path] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(s.records for s in self.segments)


def list_segments(directory: Path) -> list[tuple[int, Path]]:
    out = []
    if directory.is_dir():
        for p in directory.iterdir():
            m = _SEG_RE.match(p.name)
            if m:
                out.append((int(m.group(1)), p))
    out.sort()
    return out


def list_snapshots(directory: Path) -> list[tuple[int, Path]]:
    out = []
    if directory.is_dir():
        for p in directory.iterdir():
            m = _SNAP_RE.match(p.name)
            if m:
                out.append((int(m.group(1)), p))
    out.sort()
    return out


def _read_segment(path: Path, first: int, expect: int | None,
                  sink: list[tuple[int, bytes]] | None) -> SegmentReport:
    """Check one segment; collect (index, payload) into ``sink`` if given."""
    rep = SegmentReport(path=path, first=first)
    data = path.read_bytes()
    rep.size = len(data)
    if len(data) < SEG_HEADER.size:
        rep.problem = "segment header torn"
        return rep
    magic, version, hdr_first = SEG_HEADER.unpack_from(data, 0)
    if magic != MAGIC or version != VERSION or hdr_first != first:
        rep.problem = f"bad segment header (magic {magic!r}, version {version}, first {hdr_first})"
        return rep
    if expect is not None and first != expect:
        rep.problem = f"segment starts at record {first}, expected {expect}"
        return rep
    off = SEG_HEADER.size
    nxt = first
    n = len(data)
    while off < n:
        if data[off] == 0 and data.count(0, off, off + REC_HEADER.size) == min(REC_HEADER.size, n - off):
            # no record header is all zeros (an index is never 0): the records end here; a
            # clean end when everything after is zeros too (the preallocated tail)
            if data.count(0, off) == n - off:
                rep.zero_tail = n - off
            else:
                rep.problem = "data after the end of the records"
            break
        if n - off < REC_HEADER.size:
            rep.problem = "record header torn"
            break
        length, crc, index = REC_HEADER.unpack_from(data, off)
        if length > MAX_RECORD:
            rep.problem = f"record length {length} impossible"
            break
        end = off + REC_HEADER.size + length
        if end > n:
            rep.problem = "record torn"
            break
        payload = data[off + REC_HEADER.size:end]
        if zlib.crc32(payload, zlib.crc32(_INDEX.pack(index))) != crc:
            rep.problem = "CRC mismatch"
            break
        if index != nxt:
            rep.problem = f"record index {index}, expected {nxt}"
            break
        if sink is not None:
            sink.append((index, payload))
        rep.records += 1
        rep.last = index
        nxt += 1
        off = end
    rep.valid_bytes = off
    return rep


def scan(directory: Path, *, collect_after: int | None = None,
         sink: list[tuple[int, bytes]] | None = None) -> ScanReport:
    """Read-only check of a journal directory (``acdcore journal check`` and open())."""
    directory = Path(directory)
    rep = ScanReport(directory=directory)
    rep.snapshots = [i for i, _ in list_snapshots(directory)]
    segs = list_segments(directory)
    expect: int | None = None
    for k, (first, path) in enumerate(segs):
        if rep.damage is not None:
            rep.orphans.append(path)
            continue
        s = _read_segment(path, first, expect, sink)
        rep.segments.append(s)
        if s.records:
            if not rep.first_index:
                rep.first_index = s.first
            rep.last_index = s.last
        if s.problem is not None:
            rep.damage = (path, s.valid_bytes, s.problem)
        expect = (s.last + 1) if s.records else first
    if sink is not None and collect_after is not None:
        sink[:] = [(i, p) for i, p in sink if i > collect_after]
    return rep


class Journal:
    """An open journal directory: recovery on open, then appends with group commit."""

    def __init__(self, directory: str | os.PathLike[str], *, fsync: bool = True,
                 segment_bytes: int = SEGMENT_BYTES, preallocate: bool = False) -> None:
        self.dir = Path(directory)
        self.fsync = fsync
        self.segment_bytes = segment_bytes
        #: segments created at full size (zeros written) and overwritten in place
        self.preallocate = preallocate
        self._spare: threading.Thread | None = None
        #: the current segment rolls over past this size (its preallocated size)
        self._seg_limit = segment_bytes
        self.last_index = 0          # last record appended (maybe not yet durable)
        self.durable_index = 0       # last record known to be on disk
        self._fd: int | None = None
        self._seg_size = 0
        self._pending: list[tuple[int, bytes]] = []
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []
        self._flushing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._on_durable: list = []
        self._error: BaseException | None = None
        self._closed = False
        self.commits = 0             # fsync batches, for statistics
        self.recovered_damage: tuple[Path, int, str] | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ open / recovery
    def open(self, *, after: int = 0) -> list[tuple[int, bytes]]:
        """Recover: cut any torn/corrupt tail; return the records with index > ``after``."""
        self.dir.mkdir(parents=True, exist_ok=True)
        records: list[tuple[int, bytes]] = []
        rep = scan(self.dir, collect_after=after, sink=records)
        if rep.damage is not None:
            path, offset, why = rep.damage
            self.recovered_damage = rep.damage
            log.warning("journal %s: %s at byte %d; the tail from there is dropped (moved aside), "
                        "not replayed", path, why, offset)
            self._move_aside(path, offset)
            for orphan in rep.orphans:
                log.warning("journal %s follows the damaged segment: moved aside, not replayed", orphan)
                orphan.rename(orphan.with_name(orphan.name + ".corrupt"))
        self.last_index = self.durable_index = rep.last_index
        if rep.first_index == 0 and after:
            # everything before `after` lives in a snapshot; the next record continues it
            self.last_index = self.durable_index = after
        if self.last_index < after:
            raise RuntimeError(f"journal {self.dir} ends at record {self.last_index}, before the "
                               f"snapshot's record {after}")
        segs = list_segments(self.dir)
        if segs:
            first, path = segs[-1]
            if path.stat().st_size < SEG_HEADER.size:
                path.unlink()
                self._new_segment(self.last_index + 1)
            else:
                # writes go on where the records end: the file's end, or the start of the
                # preallocated zeros (O_APPEND would write after them)
                end = _read_segment(path, first, None, None)
                if end.problem is not None:  # pragma: no cover - recovery above cut it
                    raise RuntimeError(f"journal {path}: {end.problem} at byte {end.valid_bytes} after recovery")
                self._fd = os.open(path, os.O_WRONLY)
                self._seg_size = end.valid_bytes
                self._seg_limit = end.size if end.zero_tail else max(end.size, self.segment_bytes)
        else:
            self._new_segment(self.last_index + 1)
        return records

    def _move_aside(self, path: Path, offset: int) -> None:
        data = path.read_bytes()
        aside = path.with_name(f"{path.name}.corrupt-{offset}")
        # the zeros of a preallocated tail are not data: keep what was written
        aside.write_bytes(data[offset:].rstrip(b"\0") if self.preallocate else data[offset:])
        if offset < SEG_HEADER.size:
            path.unlink()
        else:
            with open(path, "r+b") as f:
                f.truncate(offset)
                if self.preallocate and len(data) > offset:
                    # zeros again where the damage was, so the segment stays preallocated
                    f.seek(offset)
                    _write_zeros(f.fileno(), len(data) - offset)
                f.flush()
                os.fsync(f.fileno())
        self._sync_dir()

    def _sync_dir(self) -> None:
        fd = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _new_segment(self, first: int) -> None:
        size = self._next_size()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        path = self.dir / seg_name(first)
        header = SEG_HEADER.pack(MAGIC, VERSION, first)
        if self.preallocate:
            spare = self._take_spare(size)
            # the header goes in before the rename: a segment name always has its header
            fd = os.open(spare, os.O_WRONLY)
            os.pwrite(fd, header, 0)
            os.fsync(fd)
            os.rename(spare, path)
        else:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
            os.write(fd, header)
            os.fsync(fd)
        self._sync_dir()
        self._fd = fd
        self._seg_size = SEG_HEADER.size
        self._seg_limit = os.fstat(fd).st_size if self.preallocate else self.segment_bytes

    # ------------------------------------------------------------------ preallocation
    def _next_size(self) -> int:
        if self._fd is None:  # the first segment of this run
            return min(self.segment_bytes, PREALLOC_MIN)
        return min(self.segment_bytes, max(PREALLOC_MIN, 2 * self._seg_limit))

    def _maybe_prepare_spare(self) -> None:
        """Past half the current segment: zero-fill the next one in a background thread."""
        if self._spare is None and 2 * self._seg_size > self._seg_limit:
            size = self._next_size()
            self._spare = threading.Thread(target=self._fill_spare, args=(size,), name="journal-prealloc",
                                           daemon=True)
            self._spare.start()

    def _make_spare(self, size: int) -> Path:
        spare = self.dir / SPARE_NAME
        if spare.exists() and spare.stat().st_size == size:
            return spare  # ready (filled and synced before its rename, maybe by the previous run)
        tmp = self.dir / (SPARE_NAME + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        try:
            _write_zeros(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(tmp, spare)
        return spare

    def _fill_spare(self, size: int) -> None:
        try:
            self._make_spare(size)
        except OSError as e:  # the rollover tries again itself and reports what fails
            log.warning("journal: preparing the next segment failed: %s", e)

    def _take_spare(self, size: int) -> Path:
        """The zero-filled next segment: the background fill's, or filled here."""
        if self._spare is not None:
            self._spare.join()
            self._spare = None
        return self._make_spare(size)

    # ------------------------------------------------------------------ appends
    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def on_durable(self, callback) -> None:  # type: ignore[no-untyped-def]
        """Call ``callback(durable_index)`` on the loop after every commit."""
        self._on_durable.append(callback)

    def append(self, payload: bytes) -> int:
        """Add a record (on the loop, no I/O); returns its index. Durable after wait_durable()."""
        if self._closed:
            raise RuntimeError("journal is closed")
        if self._error is not None:
            raise RuntimeError(f"journal failed: {self._error}")
        self.last_index += 1
        self._pending.append((self.last_index, payload))
        if not self._flushing and self._loop is not None:
            self._flushing = True
            self._loop.call_soon(self._start_flush)
        return self.last_index

    def append_sync(self, payload: bytes) -> int:
        """Append and make durable at once (startup, tools, tests without a loop)."""
        idx = self.append(payload)
        self._write_batch(self._take())
        self.durable_index = idx
        return idx

    def flush_sync(self) -> None:
        """Write and sync everything appended (only while no loop drives the journal)."""
        if self._pending:
            last = self._pending[-1][0]
            self._write_batch(self._take())
            self.durable_index = last

    def _take(self) -> list[tuple[int, bytes]]:
        batch, self._pending = self._pending, []
        return batch

    def _start_flush(self) -> None:
        assert self._loop is not None
        batch = self._take()
        if not batch:
            self._flushing = False
            return
        if not self.fsync:
            # without fdatasync a write only copies into the page cache (microseconds): done
            # here, not through the writer thread, whose two hand-offs would cost more
            try:
                self._write_batch(batch)
            except Exception as e:  # noqa: BLE001 - reported like the thread's failure
                self._committed(e, batch[-1][0])
            else:
                self._committed(None, batch[-1][0])
            return
        fut = self._loop.run_in_executor(None, self._write_batch, batch)
        fut.add_done_callback(lambda f, last=batch[-1][0]: self._committed(f.exception(), last))

    def _committed(self, exc: BaseException | None, last: int) -> None:
        if exc is not None:
            # a journal that cannot write must not acknowledge anything again
            log.critical("journal write failed: %s", exc)
            self._error = exc
            for _i, w in self._waiters:
                if not w.done():
                    w.set_exception(RuntimeError(f"journal write failed: {exc}"))
            self._waiters.clear()
            self._flushing = False
            return
        self.commits += 1
        self.durable_index = last
        if self._waiters:
            keep = []
            for i, w in self._waiters:
                if i <= last:
                    if not w.done():
                        w.set_result(None)
                else:
                    keep.append((i, w))
            self._waiters = keep
        for cb in self._on_durable:
            cb(last)
        if self._pending:
            self._start_flush()
        else:
            self._flushing = False

    def _write_batch(self, batch: list[tuple[int, bytes]]) -> None:
        with self._lock:
            buf: list[bytes] = []
            size = 0
            for index, payload in batch:
                rec = encode_record(index, payload)
                if self._seg_size + size + len(rec) > self._seg_limit and self._seg_size + size > SEG_HEADER.size:
                    self._write_out(buf)
                    buf, size = [], 0
                    self._new_segment(index)
                buf.append(rec)
                size += len(rec)
            self._write_out(buf)

    def _write_out(self, buf: list[bytes]) -> None:
        if not buf:
            return
        assert self._fd is not None
        data = b"".join(buf) if len(buf) > 1 else buf[0]
        view = memoryview(data)
        off = self._seg_size
        while view:
            n = os.pwrite(self._fd, view, off)
            view = view[n:]
            off += n
        self._seg_size = off
        if self.fsync:
            os.fdatasync(self._fd)
        if self.preallocate:
            self._maybe_prepare_spare()

    async def wait_durable(self, index: int) -> None:
        if index <= self.durable_index:
            return
        if self._error is not None:
            raise RuntimeError(f"journal write failed: {self._error}")
        assert self._loop is not None
        fut = self._loop.create_future()
        self._waiters.append((index, fut))
        await asyncio.shield(fut)

    async def flush(self) -> None:
        """Wait until everything appended so far is durable."""
        await self.wait_durable(self.last_index)

    def close(self) -> None:
        if self._pending:
            self._write_batch(self._take())
            self.durable_index = self.last_index
        self._closed = True
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._spare is not None:
            self._spare.join()  # a half-filled spare is redone by the next open, but why waste it
            self._spare = None

    # ------------------------------------------------------------------ snapshots
    def write_snapshot(self, index: int, data: bytes) -> Path:
        """Atomically store a snapshot covering records <= index; drop older segments it makes
        unnecessary (keeping those the previous snapshot still needs)."""
        path = self.dir / snap_name(index)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        self._sync_dir()
        snaps = list_snapshots(self.dir)
        older = [i for i, _ in snaps if i < index]
        if older:
            keep_from = older[-1]  # the previous snapshot stays usable if this one is damaged
            for i, p in snaps:
                if i < keep_from:
                    p.unlink()
            segs = list_segments(self.dir)
            for k, (first, p) in enumerate(segs[:-1]):
                nxt_first = segs[k + 1][0]
                if nxt_first - 1 <= keep_from:
                    p.unlink()
        return path

    def snapshots(self) -> list[tuple[int, Path]]:
        return list_snapshots(self.dir)


def _write_zeros(fd: int, size: int) -> None:
    """Write ``size`` zero bytes at the fd's position (real blocks, unlike a sparse file or
    fallocate's unwritten extents, which the first overwrite would have to convert)."""
    left = size
    while left > 0:
        left -= os.write(fd, _ZEROS[:min(len(_ZEROS), left)])

