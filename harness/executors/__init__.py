"""Executors: where the samples' environments live while the runner plays them.

The runner (:func:`harness.runner._run_all`) owns the queue, the global concurrency slots and the
store; an executor only decides where one sample's environment runs:

- :class:`LocalExecutor` (the default): in this process, blocking environment work in threads.
- ``RayExecutor`` (``--executor ray``, :mod:`harness.executors.ray_executor`): in Ray actors placed on the
  cluster's nodes by the resources each task declares (``Task.env_resources``), while the agent loop
  and every model call stay in this process. Ray is an optional extra, imported only then.

Either way, every sample goes through the same :func:`harness.loop.run_episode` and comes back as
one :class:`~harness.schema.SampleRecord` that the runner appends to the run's store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from harness.executors.base import RAY_MISSING, Executor, LocalExecutor, Play, require_ray
from harness.model import Model

if TYPE_CHECKING:
    from harness.plan import PlannedTask, RunOptions

__all__ = ["RAY_MISSING", "Executor", "LocalExecutor", "Play", "make_executor", "require_ray"]


def make_executor(opts: RunOptions, model: Model, plans: list[PlannedTask]) -> Executor:
    """The executor ``opts.executor`` names, for a run of ``plans`` with ``model``."""
    if opts.executor == "ray":
        require_ray()
        from harness.executors.ray_executor import RayExecutor

        return RayExecutor(model, opts, plans)
    return LocalExecutor(model)
