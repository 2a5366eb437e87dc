"""Wall and CPU time of this process and every process it started, read from ``/proc``.

The environments run in other processes (JVMs, MariaDB, Chromium and chromedriver, sandbox
launchers and the commands inside them), so process CPU time alone would miss most of their
cost. A worker makes itself a child subreaper (orphaned descendants, e.g. a JVM whose Python
parent never waited for it, are re-parented to it instead of to init, so nothing escapes), and a
:class:`Snapshot` adds up: this process (``os.times``: its own time and that of every child it has
reaped), plus, for every live or zombie descendant, its own time and its reaped children's time.
A descendant's time is counted exactly once: by itself while it lives, by whoever reaps it after.
"""

from __future__ import annotations

import ctypes
import os
import time
from dataclasses import dataclass

PR_SET_CHILD_SUBREAPER = 36
_TICK = os.sysconf("SC_CLK_TCK")


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux >= 3.4); False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_all() -> int:
    """Reap every exited child (adopted orphans included) without blocking; returns how many."""
    reaped = 0
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return reaped
        if pid == 0:
            return reaped
        reaped += 1


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, own + reaped children's CPU seconds) for every process in /proc."""
    table: dict[int, tuple[int, float]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                raw = f.read().decode(errors="replace")
        except OSError:
            continue  # exited meanwhile
        fields = raw[raw.rindex(")") + 2 :].split()
        # fields[0] is the state (field 3 of stat): ppid 4, utime 14, stime 15, cutime 16, cstime 17
        ppid = int(fields[1])
        ticks = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        table[int(name)] = (ppid, ticks / _TICK)
    return table


def descendants_cpu(root: int | None = None) -> tuple[float, int]:
    """(CPU seconds, count) of every descendant of ``root`` (default: this process)."""
    root = os.getpid() if root is None else root
    table = _proc_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, count, stack = 0.0, 0, list(children.get(root, ()))
    while stack:
        pid = stack.pop()
        total += table[pid][1]
        count += 1
        stack.extend(children.get(pid, ()))
    return total, count


@dataclass
class Snapshot:
    wall: float
    own_cpu: float
    """This process: its threads, and the children it has reaped."""
    tree_cpu: float
    """Live and zombie descendants (their own time and their reaped children's)."""

    @classmethod
    def take(cls) -> Snapshot:
        t = os.times()  # children: clock ticks; own threads: nanoseconds from process_time
        tree, _ = descendants_cpu()
        own = time.process_time() + t.children_user + t.children_system
        return cls(wall=time.monotonic(), own_cpu=own, tree_cpu=tree)

    @property
    def cpu(self) -> float:
        return self.own_cpu + self.tree_cpu


@dataclass
class Interval:
    wall_s: float
    cpu_s: float
    """This process and all its descendants."""
    python_cpu_s: float
    """This process's own threads only (the harness or the raw client; excludes reaped children)."""


def interval(start: Snapshot, end: Snapshot, start_py: float, end_py: float) -> Interval:
    return Interval(wall_s=end.wall - start.wall, cpu_s=end.cpu - start.cpu, python_cpu_s=end_py - start_py)


class Window:
    """Marks the start and the end of the measured episodes."""

    def __init__(self) -> None:
        self.start: Snapshot | None = None
        self.end: Snapshot | None = None
        self.start_py = self.end_py = 0.0

    def open(self) -> None:
        reap_all()
        self.start_py = time.process_time()
        self.start = Snapshot.take()

    def close(self) -> None:
        self.end = Snapshot.take()
        self.end_py = time.process_time()

    def result(self) -> Interval:
        assert self.start is not None and self.end is not None, "the window was not opened and closed"
        return interval(self.start, self.end, self.start_py, self.end_py)


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()
