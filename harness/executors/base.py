"""The executor interface and the local executor (see :mod:`harness.executors`)."""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TYPE_CHECKING

from harness.errors import HarnessError
from harness.loop import run_episode
from harness.model import Model
from harness.schema import SampleRecord
from harness.task import RunContext, Sample

if TYPE_CHECKING:
    from harness.plan import PlannedTask, RunOptions

Play = Callable[[Sample], Awaitable[SampleRecord]]
"""Plays one sample to its record (never raises for model or environment failures)."""

RAY_MISSING = "--executor ray needs Ray, which is not installed: pip install 'agentharness[ray]'"


def require_ray() -> None:
    """Bad input (exit 2, one line) when Ray is not installed."""
    try:
        import ray  # noqa: F401
    except ImportError:
        raise HarnessError(RAY_MISSING) from None


class Executor(abc.ABC):
    """Hosts the environments of a run's samples."""

    @abc.abstractmethod
    async def start(self, plan: PlannedTask, ctx: RunContext) -> None:
        """Before a task's first sample (its shared services, or where they will run)."""

    @abc.abstractmethod
    async def stop(self, plan: PlannedTask) -> None:
        """After a task's last sample; always called once ``start`` was."""

    @abc.abstractmethod
    def worker(
        self, plan: PlannedTask, ctx: RunContext, idle: Callable[[], bool]
    ) -> AbstractAsyncContextManager[Play | None]:
        """One of a task's workers: yields how it plays a sample, or None when there is nothing
        left to do (``idle()``: the queue ran dry) before it could start."""

    @abc.abstractmethod
    def workers(self, plan: PlannedTask, opts: RunOptions, pending: int) -> int:
        """How many workers a task gets."""

    async def aclose(self) -> None:
        """After the whole run (also after errors)."""


class LocalExecutor(Executor):
    """Environments in this process: the task's shared services start here, blocking environment
    work runs in worker threads (``Env.blocking``)."""

    def __init__(self, model: Model):
        self.model = model

    async def start(self, plan: PlannedTask, ctx: RunContext) -> None:
        await plan.task.start(ctx)
        plan.task.upcoming(list(plan.pending))  # this process plays them all, in this order

    async def stop(self, plan: PlannedTask) -> None:
        await plan.task.stop()

    @asynccontextmanager
    async def worker(self, plan: PlannedTask, ctx: RunContext, idle: Callable[[], bool]) -> AsyncIterator[Play]:
        task, model, split = plan.task, self.model, plan.split

        def play(sample: Sample) -> Awaitable[SampleRecord]:
            return run_episode(task, sample, model, ctx, split)

        yield play

    def workers(self, plan: PlannedTask, opts: RunOptions, pending: int) -> int:
        return max(1, min(opts.concurrency, plan.task.max_concurrency or opts.concurrency, pending))
