"""The run directory: manifest.json, append-only samples.jsonl, summary.json (the models are in
:mod:`harness.schema`). This module is the only code that parses ``samples.jsonl``: the runner
(resume) and every reader (leaderboard, compare, report) go through it.

Durability: each finished sample is one ``os.write`` of one complete line to a file opened with
O_APPEND, as soon as it finishes: once written, a kill -9 of the harness cannot lose it (the
kernel holds it). Against a machine crash the file is also fsync'd, off the event loop, at most
once per ``FSYNC_INTERVAL_S`` and at close. A kill can at worst leave a torn *last* line (a sample
being written, i.e. still in flight); :meth:`RunStore.open` cuts it off before appending again,
and readers ignore it. JSON documents are replaced atomically (temp + rename).
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from harness.errors import HarnessError
from harness.schema import Manifest, RunSummary, SampleRecord, Status

SAMPLES = "samples.jsonl"
LOCK = ".lock"
FSYNC_INTERVAL_S = 1.0
MANIFEST = "manifest.json"
SUMMARY = "summary.json"

Key = tuple[str, str, str]
Doc = TypeVar("Doc", bound=BaseModel)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to ``path`` so that readers see the old or the new file, never a torn one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False, default=str)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HarnessError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HarnessError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise HarnessError(f"{path} is not valid JSON ({exc.msg} at line {exc.lineno})") from None


def _read_document(path: Path, model: type[Doc]) -> Doc | None:
    if not path.exists():
        return None
    data = read_json(path)
    if not isinstance(data, dict):
        raise HarnessError(f"{path}: expected a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or path.name
        raise HarnessError(f"{path} is malformed ({where}: {first.get('msg')})") from None


def read_manifest(root: Path) -> Manifest | None:
    """A run directory's manifest (None when it has none; exit 2 when malformed or too new)."""
    return _read_document(root / MANIFEST, Manifest)


def read_summary(root: Path) -> RunSummary | None:
    """A run directory's summary (None when it has none)."""
    return _read_document(root / SUMMARY, RunSummary)


def _iter_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a samples file. One rule for damaged lines: a last line without its
    newline is torn (a sample that was in flight) and ends the file; a line that is not JSON, or
    not an object, is skipped."""
    try:
        f = path.open("rb")
    except FileNotFoundError:
        return
    with f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                rec = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if isinstance(rec, dict):
                yield rec


def iter_records(path: Path, full: bool = True) -> Iterator[SampleRecord]:
    """Every sample record of a samples file in file order; lines that are not sample records
    (hand-edited or foreign) are skipped. ``full=False`` leaves out messages and trajectories."""
    for raw in _iter_lines(path):
        if not full:
            raw = {k: v for k, v in raw.items() if k not in ("messages", "trajectory")}
        try:
            yield SampleRecord.model_validate(raw)
        except ValidationError:
            continue


def latest_records(path: Path, full: bool = False) -> dict[Key, SampleRecord]:
    """The record that counts for each sample: the last non-errored one, else the last errored
    one. Keys keep the order of their first appearance."""
    best: dict[Key, SampleRecord] = {}
    for rec in iter_records(path, full=full):
        old = best.get(rec.key)
        if old is None or rec.status is not Status.ERRORED or old.status is Status.ERRORED:
            best[rec.key] = rec
    return best


class RunStore:
    """One run directory, opened for appending."""

    def __init__(self, root: Path):
        self.root = root
        self.samples_path = root / SAMPLES
        self._fd: int | None = None
        self._lock_fd: int | None = None
        self._lock = threading.Lock()
        self._last_sync = 0.0
        self._sync_task: asyncio.Task | None = None

    @classmethod
    def open(cls, root: Path) -> "RunStore":
        """Open (creating) a run directory for appending; one harness process at a time."""
        try:
            root.mkdir(parents=True, exist_ok=True)
            lock_fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except (FileExistsError, NotADirectoryError):
            raise HarnessError(f"{root} is not a directory") from None
        except OSError as exc:
            raise HarnessError(f"cannot open run directory {root}: {exc.strerror}") from None
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock_fd)
            raise HarnessError(f"run directory {root} is in use by another harness process") from None
        store = cls(root)
        store._lock_fd = lock_fd
        store._repair_tail()
        store._fd = os.open(store.samples_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        return store

    def _repair_tail(self) -> None:
        """Cut a torn last line (left by a kill during a write) so the next append starts clean."""
        try:
            size = self.samples_path.stat().st_size
        except FileNotFoundError:
            return
        if size == 0:
            return
        with self.samples_path.open("rb+") as f:
            f.seek(-1, os.SEEK_END)
            if f.read(1) == b"\n":
                return
            # walk back to the last newline
            pos = size
            chunk = 1 << 16
            while pos > 0:
                start = max(0, pos - chunk)
                f.seek(start)
                data = f.read(pos - start)
                idx = data.rfind(b"\n")
                if idx >= 0:
                    f.truncate(start + idx + 1)
                    break
                pos = start
            else:
                f.truncate(0)
            f.flush()
            os.fsync(f.fileno())

    # -- records ---------------------------------------------------------------------------------
    def finished(self, full: bool = False) -> dict[Key, SampleRecord]:
        return latest_records(self.samples_path, full=full)

    def _append_line(self, data: bytes) -> None:
        with self._lock:
            assert self._fd is not None, "store is closed"
            view = memoryview(data)
            while view:
                n = os.write(self._fd, view)
                view = view[n:]

    def _fsync(self) -> None:
        with self._lock:  # held only to duplicate the fd: appends never wait for the disk
            if self._fd is None:
                return
            fd = os.dup(self._fd)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def append_line(self, record: SampleRecord) -> None:
        """Serialise once and append the line at once (call on the event loop); fsync in a
        background thread at most once per ``FSYNC_INTERVAL_S``."""
        self._append_line(record.model_dump_json().encode() + b"\n")
        now = time.monotonic()
        if now - self._last_sync >= FSYNC_INTERVAL_S and (self._sync_task is None or self._sync_task.done()):
            self._last_sync = now
            self._sync_task = asyncio.get_running_loop().create_task(asyncio.to_thread(self._fsync))

    async def append(self, record: SampleRecord) -> None:
        self.append_line(record)

    def append_sync(self, record: SampleRecord) -> None:
        self._append_line(record.model_dump_json().encode() + b"\n")
        self._fsync()

    # -- documents -------------------------------------------------------------------------------
    def read_manifest(self) -> Manifest | None:
        return read_manifest(self.root)

    def write_manifest(self, manifest: Manifest) -> None:
        write_json_atomic(self.root / MANIFEST, manifest.model_dump(mode="json"))

    def write_summary(self, summary: RunSummary) -> None:
        write_json_atomic(self.root / SUMMARY, summary.model_dump(mode="json"))

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.fsync(self._fd)
                os.close(self._fd)
                self._fd = None
            if self._lock_fd is not None:
                os.close(self._lock_fd)  # releases the flock
                self._lock_fd = None


def new_run_id(model_name: str) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in model_name)
    return f"{stamp}-{safe}-{os.getpid() % 10000:04d}"
