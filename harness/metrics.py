"""Metrics and their statistics: a task's main metric, per-sample and aggregate scores, and the
confidence intervals every summary reports (Wilson for pass/fail, normal otherwise)."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Z95 = 1.959963984540054


def scale_factor(scale: str) -> float:
    """Per-sample score -> reported scale: ×100 for ``percent``, as is for ``rating``."""
    return 100.0 if scale == "percent" else 1.0


class Metric(BaseModel):
    """A task's main metric. ``percent``: per-sample scores in [0, 1], reported ×100;
    ``rating``: per-sample scores on their own scale (MT-Bench 1–10), reported as the mean."""

    model_config = ConfigDict(frozen=True)

    name: str
    scale: Literal["percent", "rating"] = "percent"
    low: float = 0.0
    high: float = 100.0
    higher_is_better: bool = True
    binary: bool = True
    """Per-sample scores are pass/fail (0 or 1): exact tests and Wilson intervals apply."""

    @property
    def factor(self) -> float:
        """Per-sample score -> reported scale."""
        return scale_factor(self.scale)


class SampleScore(BaseModel):
    """A scored sample: the main score (0–1 for percent metrics) and any secondary metrics."""

    score: float
    metrics: dict[str, Any] = Field(default_factory=dict)


class TaskScore(BaseModel):
    """A task's aggregate over its scored samples, on the metric's native scale."""

    value: float
    n: int
    ci95: tuple[float, float] | None = None
    metrics: dict[str, Any] = Field(default_factory=dict)


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
    factor = metric.factor
    if metric.binary and all(v in (0.0, 1.0) for v in values):
        lo, hi = wilson(sum(values), n)
    else:
        lo, hi = normal_ci(values)
    return TaskScore(value=mean * factor, n=n, ci95=(lo * factor, hi * factor))
