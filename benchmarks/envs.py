"""Environment overheads (issue 13, "Environments"): the harness's time over the raw environment API
on the same oracle episodes, one entry per environment. Not measured yet: this is the hook.

An entry is a function ``() -> EnvFigure`` registered in :data:`ENV_BENCHMARKS`; it plays the
task's oracle episodes once through the harness (``execute`` with the oracle model) and once
straight through the environment's own API (e.g. SciWorld's ``ScienceWorldEnv.step``, a
Selenium page for MiniWoB, the sandbox for OS, the database for DB) and reports both wall times.
``bench_runner.py`` prints each as ``harness / raw - 1`` against the target (<= 10%).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvFigure:
    name: str
    episodes: int
    harness_s: float
    raw_s: float
    note: str = ""
    """e.g. the pool or warm reuse used, or why the protocol forbids one."""

    @property
    def overhead(self) -> float:
        return self.harness_s / self.raw_s - 1.0


ENV_BENCHMARKS: list[Callable[[], EnvFigure]] = []
"""Environment benchmarks, in the order they are printed."""
