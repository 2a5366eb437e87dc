"""The scripted oracle solves every covered task on the real pages (one episode each)."""

import asyncio
from pathlib import Path

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.miniwob import MiniWoB, browser

pytestmark = pytest.mark.skipif(
    not (Path(browser.CHROMEDRIVER).exists() and Path(browser.CHROME_BINARY).exists()),
    reason="Debian chromium / chromium-driver not installed",
)


async def _run_all(task: MiniWoB):
    ctx = RunContext()
    await task.start(ctx)
    sem = asyncio.Semaphore(2)

    async def one(sample):
        async with sem:
            return await run_episode(task, sample, OracleModel(), ctx, "test")

    try:
        return await asyncio.gather(*[one(s) for s in task.samples("test")])
    finally:
        await task.stop()


@pytest.mark.slow
async def test_oracle_solves_covered_tasks():
    task = MiniWoB(options={"tasks": "oracle", "episodes": 1})
    records = await _run_all(task)
    assert len(records) == len(MiniWoB.oracle_tasks) >= 10
    failed = [(r.sample_id, r.status, r.error, r.metrics) for r in records if r.score != 1.0]
    assert not failed
    agg = task.aggregate([(None, SampleScore(score=r.score, metrics=r.metrics)) for r in records])
    assert agg.value == 100.0 and agg.metrics["oracle_covered_success_rate"] == 100.0


async def test_oracle_fails_uncovered_task():
    records = await _run_all(MiniWoB(options={"tasks": "email-inbox", "episodes": 1}))
    assert records[0].score == 0.0 and records[0].status is Status.INVALID_FORMAT
    assert records[0].metrics["oracle_covered"] is False
