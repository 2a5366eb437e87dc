"""kill -9 in the middle of a run loses at most the samples in flight; resume completes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True) if path.exists() else []


def _spawn(out: Path, delay: float, limit: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.slow_run", str(out), str(delay), str(limit)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ),
    )


def test_kill_9_then_resume(tmp_path, mirror):
    out = tmp_path / "run"
    samples = out / "samples.jsonl"
    limit = 120
    for _ in range(3):  # kill it three times at different moments
        proc = _spawn(out, 0.02, limit)
        before = len(_lines(samples))
        deadline = time.monotonic() + 60
        while len(_lines(samples)) < before + 15 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        kept = _lines(samples)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        after = _lines(samples)
        complete = [x for x in after if x.endswith(b"\n")]
        assert complete[: len([x for x in kept if x.endswith(b"\n")])] == [x for x in kept if x.endswith(b"\n")]
    proc = _spawn(out, 0.0, limit)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    records = [json.loads(x) for x in _lines(samples)]
    ids = [r["sample_id"] for r in records]
    assert len(ids) == len(set(ids)) == limit, "a sample was lost or duplicated"
    assert all(r["status"] == "completed" for r in records)
    # a second resume makes no model call
    proc = _spawn(out, 0.0, limit)
    stdout, _ = proc.communicate(timeout=120)
    assert b"calls=0" in stdout
