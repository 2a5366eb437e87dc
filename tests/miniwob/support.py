"""Helpers for the MiniWoB++ tests: the task with its data resolved as a run resolves it (the
AgentTuning pages from the mirror when it is present, else the bundled fallback: the PyPI pages),
and oracle episodes in a shared pool of Debian Chromium."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.plan import plan_task
from harness.schema import SampleRecord
from harness.task import RunContext
from tasks.miniwob import MiniWoB, browser

needs_chromium = pytest.mark.skipif(
    not (Path(browser.CHROMEDRIVER).exists() and Path(browser.CHROME_BINARY).exists()),
    reason="Debian chromium / chromium-driver not installed",
)


def planned(**options: Any) -> MiniWoB:
    """A MiniWoB task with its data resolved (official with the mirror, bundled sample without)."""
    task = plan_task(MiniWoB, None, None, {k: str(v) for k, v in options.items()}).task
    assert isinstance(task, MiniWoB)
    return task


def run_oracle(task: MiniWoB, pool: browser.BrowserPool, concurrency: int = 2) -> list[SampleRecord]:
    """Every sample of ``task`` played by the oracle in the shared pool."""
    task._pool = pool  # the module's browsers instead of the task's own

    async def go() -> list[SampleRecord]:
        sem = asyncio.Semaphore(concurrency)

        async def one(sample):
            async with sem:
                return await run_episode(task, sample, OracleModel(), RunContext(), "test")

        return await asyncio.gather(*[one(s) for s in task.samples("test")])

    return asyncio.run(go())
