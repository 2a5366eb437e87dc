"""The multi-node path on one machine: a Ray head and a second worker node (separate process
groups, each declaring its own custom ``envslot`` resource), the harness as a driver process
connecting with ``--ray-address`` (token authentication, as the README sets it up). Environments are placed on both nodes; kill -9 of the worker node mid-run
errs exactly its samples in flight (``environment``), and a resume finishes every sample."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'agentharness[ray]')")

from harness.schema import Status
from harness.store import latest_records

REPO = Path(__file__).resolve().parents[2]
RAY = Path(sys.executable).with_name("ray")
SLOTS = 2
"""``envslot`` units each node declares: 2 environments per node at most."""
FAST_HEALTH = json.dumps({"health_check_period_ms": 500, "health_check_failure_threshold": 4, "health_check_timeout_ms": 500})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    """``ray start --block`` in its own process group; returns once the node is up."""
    proc = subprocess.Popen([str(RAY), "start", "--block", "--disable-usage-stats", *args], stdout=log.open("w"),
                            stderr=subprocess.STDOUT, env=env, cwd=REPO, start_new_session=True)  # fmt: skip
    for _ in range(240):
        if "block forever" in log.read_text(errors="replace"):
            return proc
        if proc.poll() is not None:
            break
        subprocess.run(["sleep", "0.5"], check=False)
    _kill(proc)
    pytest.fail(f"ray node did not start: {log.read_text(errors='replace')[-2000:]}")


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        _kill_node(proc)


@pytest.fixture(scope="module")
def cluster():
    """A head and a worker node on this machine, token authentication (the node's ~/.ray/auth_token)."""
    subprocess.run([str(RAY), "get-auth-token", "--generate"], check=True, capture_output=True)
    env = {**os.environ, "RAY_AUTH_MODE": "token", "PYTHONPATH": str(REPO)}
    logs = Path(tempfile.mkdtemp(prefix="rayc-"))
    port = _free_port()
    slots = f"--resources={json.dumps({'envslot': SLOTS})}"
    head = _start(["--head", f"--port={port}", "--num-cpus=1", slots, "--include-dashboard=false",
                   f"--temp-dir={logs / 't'}", f"--system-config={FAST_HEALTH}"], logs / "head.log", env)  # fmt: skip
    worker = _start([f"--address=127.0.0.1:{port}", "--num-cpus=1", slots], logs / "worker.log", env)
    yield {"address": f"127.0.0.1:{port}", "worker": worker, "env": env, "logs": logs}
    _kill(worker)
    _kill(head)


def _driver(cluster, run_dir: Path, options: dict, resume: bool = False) -> subprocess.Popen:
    argv = [sys.executable, "-m", "tests.executors.ray_driver", str(run_dir), cluster["address"], json.dumps(options)]
    log = (cluster["logs"] / f"driver-{run_dir.parent.name}-{int(resume)}.log").open("w")
    return subprocess.Popen(argv + (["--resume"] if resume else []), cwd=REPO, env=cluster["env"], stdout=log,
                            stderr=subprocess.STDOUT)  # fmt: skip


def _finish(proc: subprocess.Popen, cluster) -> int:
    code = proc.wait(timeout=600)
    assert code in (0, 3), _last_log(cluster)
    return code


def _last_log(cluster) -> str:
    logs = sorted(cluster["logs"].glob("driver-*.log"), key=lambda p: p.stat().st_mtime)
    return logs[-1].read_text(errors="replace")[-3000:] if logs else ""


def _node_processes(root: int) -> set[int]:
    """Every process of a node: ``ray start`` (``root``), its process group, and all their
    descendants (the raylet's workers, whatever group they are in)."""
    parents: dict[int, int] = {}
    groups: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)], groups[int(entry.name)] = int(fields[1]), int(fields[2])
    found = {pid for pid, group in groups.items() if group == root} | {root}
    while True:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        if not more:
            return found
        found |= more


def _kill_node(proc: subprocess.Popen) -> None:
    """kill -9 of a whole node, as when its machine is lost."""
    for pid in _node_processes(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
    proc.wait(timeout=30)


def test_environments_are_placed_on_both_nodes(cluster, tmp_path):
    """Four environments held in reset together (a file barrier): with two slots per node, Ray
    must place two on each."""
    run_dir = tmp_path / "run"
    options = {"n": 2 * SLOTS, "barrier": str(tmp_path / "barrier"), "parties": 2 * SLOTS, "concurrency": 2 * SLOTS}
    assert _finish(_driver(cluster, run_dir, options), cluster) == 0, _last_log(cluster)
    records = latest_records(run_dir / "samples.jsonl", full=True)
    nodes = [r.trajectory[-1].info["node"] for r in records.values()]
    assert len(nodes) == 2 * SLOTS
    assert sorted(nodes.count(n) for n in set(nodes)) == [SLOTS, SLOTS]
    assert all(r.status is Status.COMPLETED for r in records.values())


def test_kill_9_of_the_worker_node_mid_run_then_resume_finishes_everything(cluster, tmp_path):
    """Eight samples, four in flight (two per node, held until the worker node is killed): the two
    on the killed node end ``errored`` (environment), the others finish on the head; a resume
    (head only) finishes every sample."""
    barrier, hold, run_dir = tmp_path / "barrier", tmp_path / "hold", tmp_path / "run"
    options = {"n": 8, "barrier": str(barrier), "parties": 2 * SLOTS, "hold": str(hold), "concurrency": 2 * SLOTS}
    driver = _driver(cluster, run_dir, options)
    while not (barrier.is_dir() and len(list(barrier.iterdir())) >= 2 * SLOTS):
        assert driver.poll() is None, _last_log(cluster)
        subprocess.run(["sleep", "0.1"], check=False)
    worker = cluster["worker"]
    on_worker = {f.name for f in barrier.iterdir() if int(f.read_text().split()[1]) in _node_processes(worker.pid)}
    assert len(on_worker) == SLOTS
    _kill_node(worker)
    hold.touch()
    assert _finish(driver, cluster) == 3, _last_log(cluster)
    records = latest_records(run_dir / "samples.jsonl")
    errored = {sid for (_, _, sid), r in records.items() if r.status is Status.ERRORED}
    assert errored == on_worker
    assert all(records[("where", "test", sid)].error_kind == "environment" for sid in errored)
    assert len(records) == 8  # every other sample finished on the head

    assert _finish(_driver(cluster, run_dir, options, resume=True), cluster) == 0, _last_log(cluster)
    final = latest_records(run_dir / "samples.jsonl")
    assert len(final) == 8 and all(r.status is Status.COMPLETED for r in final.values())
