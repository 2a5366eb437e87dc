"""What sandboxes of dead processes left behind: their run directories and their cgroups.

A sandbox's directory (``harness-sandbox-*`` in the temporary directory) and cgroup
(``agentharness/<pid>-<id>``) are removed when it closes, off the sample's path. A process killed
outright (SIGKILL, a crash, a machine that ran out of memory) never gets there; its sandboxes die
with it (their pid 1 has a parent-death signal), but the directories and the empty cgroups stay.
The first sandbox a process starts sweeps them: a directory whose ``owner`` file names a process
that no longer runs (or, from before that file existed, one untouched for a day), a cgroup named
after such a process with no process left in it. A process that still runs keeps everything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

RUNDIR_PREFIX = "harness-sandbox-"
OWNER_FILE = "owner"
LEGACY_AGE_S = 24 * 3600
CGROUP_ROOT = Path("/sys/fs/cgroup")

_swept = False
_lock = threading.Lock()


def rundir_parent() -> Path:
    return Path(os.environ.get("HARNESS_SANDBOX_TMP") or tempfile.gettempdir())


def mark_owner(rundir: Path) -> None:
    """Record this process as the directory's owner."""
    (rundir / OWNER_FILE).write_text(str(os.getpid()))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale_rundir(path: Path, now: float) -> bool:
    try:
        return not alive(int((path / OWNER_FILE).read_text().strip()))
    except FileNotFoundError:
        try:
            return now - path.stat().st_mtime > LEGACY_AGE_S
        except OSError:
            return False
    except (OSError, ValueError):
        return False


def _cgroup_parents(root: Path) -> list[Path]:
    if (root / "cgroup.controllers").is_file():  # v2
        return [root / "agentharness"]
    return [root / ctrl / "agentharness" for ctrl in ("pids", "memory")]


def sweep(parent: Path | None = None, cgroup_root: Path = CGROUP_ROOT) -> tuple[int, int]:
    """Remove leftovers of dead processes; returns (directories, cgroups) removed."""
    now = time.time()
    dirs = 0
    for path in (parent or rundir_parent()).glob(RUNDIR_PREFIX + "*"):
        if path.is_dir() and _stale_rundir(path, now):
            shutil.rmtree(path, ignore_errors=True)
            dirs += not path.exists()
    groups = 0
    for holder in _cgroup_parents(cgroup_root):
        if not holder.is_dir():
            continue
        for group in holder.iterdir():
            pid, dash, _ = group.name.partition("-")
            if not (dash and pid.isdigit() and group.is_dir()) or alive(int(pid)):
                continue
            try:
                group.rmdir()  # refused while a process is still in it
                groups += 1
            except OSError:
                pass
    return dirs, groups


def sweep_once() -> None:
    """:func:`sweep`, the first time a process calls it."""
    global _swept
    with _lock:
        if _swept:
            return
        _swept = True
    sweep()
