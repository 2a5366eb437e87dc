"""The regression gate: paired per-task and per-suite deltas between a baseline run and a new run.

Samples are paired on ``(task, split, sample_id)`` among those both runs scored (errored in
either: left out). Per task the delta is ``mean(new) - mean(base)`` on the native scale (percent
points, or rating points) of the paired samples, so a task whose ``aggregate`` is not a plain
mean is compared on the plain mean of its per-sample scores.

* binary scores (every paired score 0 or 1): exact McNemar test (two-sided binomial test on the
  discordant pairs) and the Wald interval of a paired difference of proportions;
* other scores: paired bootstrap of the mean difference (``n_boot`` resamples, fixed seed),
  percentile interval and the centred two-sided bootstrap p-value;
* suites: the normalized Overall (``mean_i score_i / weight_i``) over the tasks both runs have,
  its delta by a paired bootstrap stratified by task.

A task (or suite) *regresses* when it drops by more than the tolerance with ``p < alpha``. The
tolerance is in percentage points; rating tasks (MT-Bench, 1–10) use ``tolerance / 10`` rating
points, and a suite uses ``mean_i tolerance_i / weight_i`` (a drop worth ``tolerance`` points on
every task) unless ``suite_tolerance`` gives it on the Overall scale.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
from pydantic import BaseModel, Field, computed_field
from scipy.stats import binomtest

from harness.analysis.runs import Run, load_run, load_samples
from harness.analysis.scorecard import ScoreCard, load_scorecard
from harness.errors import HarnessError
from harness.metrics import scale_factor
from harness.schema import SampleRecord

Z95 = 1.959963984540054
N_BOOT = 10_000
SEED = 20231019
_CHUNK_CELLS = 2_000_000
"""Largest resample matrix built at once (resamples x samples)."""


# -- statistics ------------------------------------------------------------------------------


def mcnemar_exact(base: np.ndarray, new: np.ndarray) -> tuple[int, int, float]:
    """Exact McNemar test on paired 0/1 outcomes: (b = base pass & new fail, c = base fail &
    new pass, two-sided p-value). No discordant pair: p = 1."""
    base_b, new_b = np.asarray(base) > 0.5, np.asarray(new) > 0.5
    b = int(np.sum(base_b & ~new_b))
    c = int(np.sum(~base_b & new_b))
    if b + c == 0:
        return b, c, 1.0
    return b, c, float(binomtest(c, b + c, 0.5, alternative="two-sided").pvalue)


def paired_proportion_ci(b: int, c: int, n: int) -> tuple[float, float]:
    """Wald 95% interval of p_new - p_base from the discordant counts of n pairs."""
    if n == 0:
        return (0.0, 0.0)
    d = (c - b) / n
    var = max(0.0, (b + c) - (c - b) ** 2 / n) / n**2
    half = Z95 * math.sqrt(var)
    return (d - half, d + half)


def bootstrap_statistic(strata: list[tuple[np.ndarray, float]], n_boot: int = N_BOOT,
                        seed: int = SEED) -> np.ndarray:
    """Bootstrap replicates of ``sum_k coef_k * mean(diffs_k)``, resampling each stratum's paired
    differences independently (one stratum with coefficient 1: the plain paired bootstrap)."""
    rng = np.random.default_rng(seed)
    total = np.zeros(n_boot)
    for diffs, coef in strata:
        d = np.asarray(diffs, dtype=float)
        n = len(d)
        if n == 0:
            continue
        rows = max(1, _CHUNK_CELLS // n)
        for start in range(0, n_boot, rows):
            stop = min(n_boot, start + rows)
            idx = rng.integers(0, n, size=(stop - start, n))
            total[start:stop] += coef * d[idx].mean(axis=1)
    return total


def bootstrap_test(observed: float, replicates: np.ndarray) -> tuple[tuple[float, float], float]:
    """Percentile 95% interval and centred two-sided p-value: the share of replicates at least
    as far from the observed value as the observed value is from 0 (with the +1 correction)."""
    lo, hi = np.percentile(replicates, [2.5, 97.5])
    extreme = int(np.sum(np.abs(replicates - observed) >= abs(observed) - 1e-12))
    p = (1 + extreme) / (len(replicates) + 1) if observed != 0 else 1.0
    return (float(lo), float(hi)), min(1.0, p)


# -- records ----------------------------------------------------------------------------------


class TaskDelta(BaseModel):
    task: str
    suite: str | None
    scale: str
    test: str
    """``mcnemar`` (binary scores) or ``bootstrap``."""
    n_paired: int
    n_base_only: int
    n_new_only: int
    base: float
    new: float
    delta: float
    ci95: tuple[float, float]
    p_value: float
    tolerance: float
    discordant: tuple[int, int] | None = None
    """McNemar's (base-only passes, new-only passes)."""
    regression: bool = False


class SuiteDelta(BaseModel):
    suite: str
    tasks: list[str]
    coverage: str
    partial: bool
    base: float
    new: float
    delta: float
    ci95: tuple[float, float]
    p_value: float
    tolerance: float
    regression: bool = False


class Comparison(BaseModel):
    baseline: dict[str, str]
    new: dict[str, str]
    scorecard: str
    tolerance: float
    alpha: float
    n_boot: int
    seed: int
    tasks: list[TaskDelta]
    suites: list[SuiteDelta]
    notes: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def regressed(self) -> bool:
        return any(t.regression for t in self.tasks) or any(s.regression for s in self.suites)


# -- the comparison ---------------------------------------------------------------------------


def native_tolerance(scale: str, tolerance: float) -> float:
    """The tolerance on a task's native scale (rating tasks: 1–10, so points / 10)."""
    return tolerance / 10.0 if scale == "rating" else tolerance


def _scale(task: str, base: Run, new: Run, card: ScoreCard) -> str:
    for run in (new, base):
        if task in run.tasks and run.tasks[task].scale:
            return run.tasks[task].scale
    tc = card.task(task)
    return tc.scale if tc else "percent"


def _pairs(base: list[SampleRecord], new: list[SampleRecord]) -> dict[str, tuple[np.ndarray, np.ndarray, int, int]]:
    """Per task: paired (base, new) score arrays, and counts scored in only one run."""
    def by_key(samples: list[SampleRecord]) -> dict[str, dict[tuple[str, str], float]]:
        out: dict[str, dict[tuple[str, str], float]] = defaultdict(dict)
        for s in samples:
            if not s.errored:
                out[s.task][(s.split, s.sample_id)] = float(s.score)  # type: ignore[arg-type]
        return out

    b, n = by_key(base), by_key(new)
    result = {}
    for task in sorted(set(b) & set(n)):
        keys = sorted(set(b[task]) & set(n[task]))
        result[task] = (np.array([b[task][k] for k in keys]), np.array([n[task][k] for k in keys]),
                        len(set(b[task]) - set(keys)), len(set(n[task]) - set(keys)))
    return result


def compare_runs(base_dir: str, new_dir: str, tolerance: float = 1.0, alpha: float = 0.05,
                 n_boot: int = N_BOOT, seed: int = SEED, suite_tolerance: float | None = None,
                 card: ScoreCard | None = None) -> Comparison:
    """Compare two run directories (HarnessError when they share no scored sample)."""
    if tolerance < 0 or not 0 < alpha < 1 or n_boot < 100:
        raise HarnessError("need tolerance >= 0, 0 < alpha < 1 and at least 100 bootstrap resamples")
    card = card or load_scorecard()
    base, new = load_run(base_dir), load_run(new_dir)
    pairs = _pairs(load_samples(base.path), load_samples(new.path))
    notes: list[str] = []
    if base.model != new.model:
        notes.append(f"different models: {base.model} (baseline) vs {new.model} (new)")
    for t in [t for t, p in pairs.items() if len(p[0]) == 0]:
        notes.append(f"task {t}: no sample scored in both runs")
        del pairs[t]
    if not pairs:
        raise HarnessError(f"runs {base.run_id} and {new.run_id} have no task with a sample scored in both")
    for t in sorted(set(pairs) & set(base.tasks) & set(new.tasks)):
        origins = (base.tasks[t].data_origin, new.tasks[t].data_origin)
        if origins != ("official", "official"):
            notes.append(f"task {t}: data {origins[0]} (baseline) vs {origins[1]} (new), not the official set")
        for label, res in (("baseline", base.tasks[t]), ("new", new.tasks[t])):
            if res.protocol.reasons:
                notes.append(f"task {t} ({label}) is not comparable with the paper: {'; '.join(res.protocol.reasons)}")
    for t in sorted(set(base.tasks) ^ set(new.tasks)):
        notes.append(f"task {t} is in only one run: not compared")
    tasks = [_task_delta(t, p, _scale(t, base, new, card), card, tolerance, alpha, n_boot, seed)
             for t, p in pairs.items()]
    suites = []
    for s in card.suites:
        common = [t for t in card.suites[s].tasks if t in pairs]
        if common:
            suites.append(_suite_delta(s, common, pairs, tasks, card, tolerance, suite_tolerance, alpha, n_boot, seed))
    return Comparison(
        baseline={"run_id": base.run_id, "model": base.model, "path": str(base.path)},
        new={"run_id": new.run_id, "model": new.model, "path": str(new.path)},
        scorecard=card.version, tolerance=tolerance, alpha=alpha, n_boot=n_boot, seed=seed,
        tasks=tasks, suites=suites, notes=notes,
    )


def _task_delta(task: str, pair: tuple[np.ndarray, np.ndarray, int, int], scale: str, card: ScoreCard,
                tolerance: float, alpha: float, n_boot: int, seed: int) -> TaskDelta:
    b, n, base_only, new_only = pair
    factor = scale_factor(scale)
    delta = factor * float(n.mean() - b.mean())
    binary = scale == "percent" and bool(np.isin(b, (0.0, 1.0)).all() and np.isin(n, (0.0, 1.0)).all())
    discordant = None
    if binary:
        nb, nc, p = mcnemar_exact(b, n)
        lo, hi = paired_proportion_ci(nb, nc, len(b))
        ci = (factor * lo, factor * hi)
        discordant = (nb, nc)
    else:
        reps = bootstrap_statistic([(n - b, factor)], n_boot, seed)
        ci, p = bootstrap_test(delta, reps)
    tol = native_tolerance(scale, tolerance)
    tc = card.task(task)
    return TaskDelta(
        task=task, suite=tc.suite if tc else None, scale=scale, test="mcnemar" if binary else "bootstrap",
        n_paired=len(b), n_base_only=base_only, n_new_only=new_only, base=factor * float(b.mean()),
        new=factor * float(n.mean()), delta=delta, ci95=ci, p_value=p, tolerance=tol, discordant=discordant,
        regression=delta < -tol and p < alpha,
    )


def _suite_delta(suite: str, common: list[str], pairs: dict, deltas: list[TaskDelta], card: ScoreCard,
                 tolerance: float, suite_tolerance: float | None, alpha: float, n_boot: int, seed: int) -> SuiteDelta:
    by_task = {d.task: d for d in deltas}
    k = len(common)
    weight = {t: card.weight(suite, t) for t in common}
    strata = [(pairs[t][1] - pairs[t][0], scale_factor(by_task[t].scale) / (weight[t] * k))
              for t in common]
    base = sum(by_task[t].base / weight[t] for t in common) / k
    new = sum(by_task[t].new / weight[t] for t in common) / k
    delta = new - base
    ci, p = bootstrap_test(delta, bootstrap_statistic(strata, n_boot, seed))
    tol = suite_tolerance if suite_tolerance is not None else \
        sum(native_tolerance(by_task[t].scale, tolerance) / weight[t] for t in common) / k
    total = len(card.suites[suite].tasks)
    return SuiteDelta(suite=suite, tasks=common, coverage=f"{k}/{total}", partial=k < total, base=base, new=new,
                      delta=delta, ci95=ci, p_value=p, tolerance=tol, regression=delta < -tol and p < alpha)
