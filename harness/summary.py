"""Per-run summaries: a task's main score on its native scale with a 95% confidence interval."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from pydantic import BaseModel, Field

from harness.task import Metric, SampleScore, Status, Task, TaskScore

Z95 = 1.959963984540054


def wilson(successes: float, n: int) -> tuple[float, float]:
    """Wilson score interval of a proportion (in [0, 1])."""
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    denom = 1 + Z95**2 / n
    centre = (p + Z95**2 / (2 * n)) / denom
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def normal_ci(values: list[float]) -> tuple[float, float]:
    """Mean ± 1.96 standard errors."""
    n = len(values)
    if n == 0:
        return (0.0, 0.0)
    mean = sum(values) / n
    if n == 1:
        return (mean, mean)
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = Z95 * math.sqrt(var / n)
    return (mean - half, mean + half)


def mean_score(values: list[float], metric: Metric) -> TaskScore:
    """Mean of per-sample scores on the metric's native scale, with a 95% CI."""
    n = len(values)
    if n == 0:
        return TaskScore(value=0.0, n=0, ci95=None)
    mean = sum(values) / n
    factor = 100.0 if metric.scale == "percent" else 1.0
    if metric.binary and all(v in (0.0, 1.0) for v in values):
        lo, hi = wilson(sum(values), n)
    else:
        lo, hi = normal_ci(values)
    return TaskScore(value=mean * factor, n=n, ci95=(lo * factor, hi * factor))


class TaskSummary(BaseModel):
    """One task's line of ``summary.json``."""

    task: str
    version: str
    suite: str
    split: str
    metric: str
    scale: str
    score: float | None
    """Main metric on its native scale (None when no sample was scored)."""
    ci95: tuple[float, float] | None = None
    n: int
    n_errored: int
    n_total: int
    """Samples planned for this task (finished or not)."""
    statuses: dict[str, int] = Field(default_factory=dict)
    metrics: dict[str, Any] = Field(default_factory=dict)
    mean_turns: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    wall_s: float = 0.0
    data_origin: str = "official"


def summarize_task(task: Task, split: str, records: list[dict[str, Any]], n_total: int, data_origin: str) -> TaskSummary:
    """Summarize the latest record of each sample of one task."""
    scored = [r for r in records if r["status"] != Status.ERRORED.value]
    statuses = Counter(r["status"] for r in records)
    agg = task.aggregate([(None, SampleScore(score=r["score"], metrics=r.get("metrics") or {})) for r in scored])
    n_sc = len(scored)
    return TaskSummary(
        task=task.name,
        version=task.version,
        suite=task.suite.value,
        split=split,
        metric=task.metric.name,
        scale=task.metric.scale,
        score=agg.value if n_sc else None,
        ci95=agg.ci95 if n_sc else None,
        n=n_sc,
        n_errored=len(records) - n_sc,
        n_total=n_total,
        statuses=dict(sorted(statuses.items())),
        metrics=agg.metrics,
        mean_turns=(sum(r["turns"] for r in scored) / n_sc) if n_sc else 0.0,
        prompt_tokens=sum(r.get("prompt_tokens", 0) for r in records),
        completion_tokens=sum(r.get("completion_tokens", 0) for r in records),
        wall_s=sum(r.get("latency_s", 0.0) for r in records),
        data_origin=data_origin,
    )

