"""``--executor ray`` in local mode (``ray.init()`` on this machine): the same oracle runs give the
same sample records (as a set: order and timings aside) and the same summary as the local executor,
for a single-turn task (GSM8K), a multi-turn simulator (SciWorld) and the OS sandbox (on problems
whose set-up draws nothing at random: the others differ between any two runs)."""

from __future__ import annotations

import json
import os
import re

import pytest

from harness.errors import HarnessError
from harness.runner import RunOptions, execute
from tests.executors.ray_tasks import FAST_GOLD, FastSciWorld, JudgedTask, SteadyOS, WhereTask, with_data
from tests.executors.same_run import record_set, task_summaries

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


def _assert_same(local_dir, ray_dir, n, scrub=None):
    local, remote = record_set(local_dir, scrub), record_set(ray_dir, scrub)
    assert len(local) == n > 0
    assert remote == local
    assert task_summaries(ray_dir) == task_summaries(local_dir)


async def test_gsm8k_single_turn_same_records_and_summary(local_ray, tmp_path):
    local_dir, ray_dir = await _both(tmp_path, tasks=["gsm8k"], limit=6, concurrency=4)
    _assert_same(local_dir, ray_dir, task_summaries(local_dir)["gsm8k"]["n_total"])  # 6, or the bundled 5


async def test_kg_authored_set_light_environment_same_records_and_summary(local_ray, tmp_path):
    """A light environment (calls on the host's loop) whose task reads its authored set in place of
    the resolved source: the host rebuilds the task and reads its data the same way."""
    local_dir, ray_dir = await _both(tmp_path, tasks=["kg"], limit=4, concurrency=2)
    assert task_summaries(local_dir)["kg"]["data_origin"] == "authored"
    _assert_same(local_dir, ray_dir, 4)


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
    _assert_same(local_dir, ray_dir, 3, scrub=_container_name)


def _container_name(text: str) -> str:
    """Each sandbox is named like a docker container, a fresh 12-hex-digit id (the raw terminal's
    prompt shows it): the same in every record of both runs once masked."""
    return CONTAINER_PROMPT.sub("root@<container>", text)


CONTAINER_PROMPT = re.compile(r"root@[0-9a-f]{12}\b")


async def test_judge_and_auxiliary_calls_of_hosted_environments_are_answered_by_the_driver(local_ray, tmp_path):
    """An environment on a host calls the run's judge (and its task opened an auxiliary model in
    ``start``): the driver answers through the relay, failures included (an endpoint error ends
    the sample ``errored`` as locally)."""
    from tests.fakes.fake_tgi import FakeTGI

    with FakeTGI(name="judge") as tgi:
        spec = f"tgi:{tgi.url}"
        dirs = []
        for executor in ("local", "ray"):
            tgi.fail_next("400")  # the first judge request: a permanent endpoint error
            opts = RunOptions(model="oracle", out=tmp_path / executor, progress=False, executor=executor, concurrency=1,
                              judge=spec, cache=False)  # fmt: skip
            result = await execute(opts, task_overrides=[JudgedTask(options={"aux": spec})])
            assert result.n_errored == 1
            dirs.append(result.run_dir)
    local, remote = record_set(dirs[0]), record_set(dirs[1])
    assert remote == local
    scored = [json.loads(r) for r in remote if json.loads(r)["status"] == "completed"]
    assert len(scored) == 2 and all(r["metrics"]["verdict"].startswith("judge says ") for r in scored)
    assert {r["metrics"]["aux"] for r in scored} == {r["metrics"]["judge"] for r in scored} != {None}
    errored = [json.loads(r) for r in remote if json.loads(r)["status"] == "errored"]
    assert errored[0]["error_kind"] == "endpoint"


async def test_resources_no_node_offers_are_bad_input(local_ray, tmp_path):
    """WhereTask asks for an ``envslot``, which this instance does not declare."""
    opts = RunOptions(model="oracle", out=tmp_path / "run", progress=False, executor="ray")
    with pytest.raises(HarnessError, match="no Ray node offers .*envslot"):
        await execute(opts, task_overrides=[WhereTask()])
