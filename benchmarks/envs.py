"""Environment overheads (issue 13, "Environments"): the harness's time over the raw environment API
on the same oracle episodes, one entry per environment, as ``bench_runner.py`` prints them.

An entry is a function ``() -> EnvFigure`` registered in :data:`ENV_BENCHMARKS`; it plays the
task's oracle episodes through the harness (``execute`` with the oracle model, then replaying its
outputs) and straight through the environment's own API (SciWorld's ``ScienceWorldEnv``, a
Selenium page for MiniWoB, the sandbox for OS, the database for DB), each in a worker process of
its own, and reports both wall times per episode (:mod:`benchmarks.bench_envs`, which prints the
full table with CPU times and the other environments: ``python benchmarks/bench_envs.py``).
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


def _figure(name: str) -> Callable[[], EnvFigure]:
    def run() -> EnvFigure:
        from benchmarks.bench_envs import measure_env

        row = measure_env(name)
        note = (f"CPU {row['overhead_cpu']:+.0%}; raw {row['raw_wall']:.3f} s/ep, harness {row['harness_wall']:.3f} s/ep; "
                f"{row['setup']}")
        return EnvFigure(name=name, episodes=row["episodes"], harness_s=row["harness_wall"], raw_s=row["raw_wall"],
                         note=note)

    return run


ENV_BENCHMARKS: list[Callable[[], EnvFigure]] = [_figure(name) for name in ("sciworld", "miniwob", "os", "db")]
"""Environment benchmarks, in the order they are printed (the four of issue 13; the others:
``benchmarks/bench_envs.py``)."""
