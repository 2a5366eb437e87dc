"""What sandboxes of killed processes leave behind is swept by the next process (no sandbox
needed: the sweep on directories laid out as the sandbox lays them out)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tasks.services.sandbox.leftovers import LEGACY_AGE_S, OWNER_FILE, RUNDIR_PREFIX, mark_owner, sweep


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_sweep_removes_only_what_dead_processes_left(tmp_path):
    tmp, cgroups = tmp_path / "tmp", tmp_path / "cgroup"
    tmp.mkdir()
    dead = _dead_pid()

    def rundir(name: str, owner: int | None, age_s: float = 0.0):
        d = tmp / (RUNDIR_PREFIX + name)
        (d / "upper" / "etc").mkdir(parents=True)
        if owner == os.getpid():
            mark_owner(d)
        elif owner is not None:
            (d / OWNER_FILE).write_text(str(owner))
        if age_s:
            old = time.time() - age_s
            os.utime(d, (old, old))
        return d

    orphan, mine = rundir("orphan", dead), rundir("mine", os.getpid())
    legacy_old, legacy_new = rundir("legacy-old", None, LEGACY_AGE_S + 60), rundir("legacy-new", None)
    unrelated = tmp / "something-else"
    unrelated.mkdir()
    for ctrl in ("pids", "memory"):  # cgroup v1 layout
        holder = cgroups / ctrl / "agentharness"
        (holder / f"{dead}-aaaa").mkdir(parents=True)
        (holder / f"{os.getpid()}-bbbb").mkdir()
        busy = holder / f"{dead}-cccc"  # a process still in it: the kernel refuses rmdir
        busy.mkdir()
        (busy / "cgroup.procs").write_text("4242\n")

    assert sweep(tmp, cgroups) == (2, 2)
    assert not orphan.exists() and not legacy_old.exists()
    assert mine.exists() and legacy_new.exists() and unrelated.exists()
    for ctrl in ("pids", "memory"):
        left = {p.name for p in (cgroups / ctrl / "agentharness").iterdir()}
        assert left == {f"{os.getpid()}-bbbb", f"{dead}-cccc"}
