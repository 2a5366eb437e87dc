"""``--executor ray`` in local mode (``ray.init()`` on this machine): the same oracle runs give the
same sample records (as a set: order and timings aside) and the same summary as the local executor,
for a single-turn task (GSM8K), a multi-turn simulator (SciWorld) and the OS sandbox (on problems
whose set-up draws nothing at random: the others differ between any two runs)."""

from __future__ import annotations

import os

import pytest

from harness.cli import main
from harness.executors import RAY_MISSING
from harness.runner import RunOptions, execute
from tests.executors.ray_tasks import FAST_GOLD, FastSciWorld, SteadyOS, with_data
from tests.executors.same_run import record_set, task_summaries


def test_ray_executor_without_ray_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(__import__("sys").modules, "ray", None)  # `import ray` fails as if not installed
    code = main(["run", "--model", "oracle", "--task", "gsm8k", "--limit", "1", "--executor", "ray",
                 "--out", str(tmp_path / "run"), "--no-progress"])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == f"harness: error: {RAY_MISSING}"
    assert not (tmp_path / "run").exists()


def test_ray_address_without_ray_executor_is_bad_input(capsys, tmp_path):
    code = main(["run", "--model", "oracle", "--task", "gsm8k", "--ray-address", "auto", "--out", str(tmp_path / "r")])
    assert code == 2
    assert "--ray-address needs --executor ray" in capsys.readouterr().err


ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'agentharness[ray]')")


@pytest.fixture(scope="module")
def local_ray():
    """One private Ray instance for the module (the executor uses a session it finds)."""
    if ray.is_initialized():
        ray.shutdown()
    ray.init(address="local", num_cpus=2, resources={"sandbox": 2.0, "browser": 2.0}, include_dashboard=False,
             object_store_memory=256 * 2**20, logging_level="WARNING")  # fmt: skip
    yield
    ray.shutdown()


async def _both(tmp_path, **fields):
    """The same run with the local executor and with Ray; returns both run directories."""
    dirs = []
    overrides = fields.pop("task_overrides", None)
    for executor in ("local", "ray"):
        opts = RunOptions(model="oracle", out=tmp_path / executor, progress=False, executor=executor, **fields)
        result = await execute(opts, task_overrides=overrides() if overrides else None)
        assert result.n_errored == 0, executor
        dirs.append(result.run_dir)
    return dirs


def _assert_same(local_dir, ray_dir, n):
    local, remote = record_set(local_dir), record_set(ray_dir)
    assert len(local) == n
    assert remote == local
    assert task_summaries(ray_dir) == task_summaries(local_dir)


async def test_gsm8k_single_turn_same_records_and_summary(local_ray, tmp_path):
    local_dir, ray_dir = await _both(tmp_path, tasks=["gsm8k"], limit=6, concurrency=4)
    _assert_same(local_dir, ray_dir, 6)


async def test_sciworld_simulator_same_records_and_summary(local_ray, tmp_path):
    """Multi-turn on the real JVM; the gold policy runs on the host, next to the live simulator."""
    local_dir, ray_dir = await _both(tmp_path, tasks=["sciworld"], concurrency=2, task_overrides=lambda: [FastSciWorld()])
    _assert_same(local_dir, ray_dir, len(FAST_GOLD))
    summary = task_summaries(ray_dir)["sciworld"]
    assert summary["score"] == 100.0 and summary["n"] == len(FAST_GOLD)


def _sandbox_reason() -> str | None:
    if os.geteuid() != 0:
        return "needs root"
    try:
        from tasks.services.sandbox import SandboxUnavailable, check_available

        check_available("local")
    except SandboxUnavailable as exc:
        return str(exc)
    return None


async def test_os_sandbox_same_records_and_summary(local_ray, tmp_path):
    reason = _sandbox_reason()
    if reason is not None:
        pytest.skip(f"local sandbox unavailable: {reason}")
    local_dir, ray_dir = await _both(tmp_path, tasks=["os"], concurrency=2, task_overrides=lambda: [with_data(SteadyOS)])
    _assert_same(local_dir, ray_dir, 3)
