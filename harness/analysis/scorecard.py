"""The score card: task weights and suite Overalls in the AgentTuning form, plus the weight fit.

``Overall(suite) = mean_i(score_i / weight_i)`` over the suite's tasks, each score on its native
scale (AgentTuning's form); a suite marked ``plain_mean`` (Agent-FLAN's held-out Overall) is the
plain mean of its columns. A task may sit in several suites (Agent-FLAN reuses HotpotQA, SciWorld
and WebArena); its ``suite`` is the first one listing it. A suite computed over only some of its
tasks is *partial* and is never shown as the full one. The weights live in ``harness/analysis/scorecard.toml``; ``python -m harness.analysis.scorecard fit`` re-derives
them from the paper's table (``results/reference/agenttuning.csv``) and prints the check.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel

from harness.errors import HarnessError

SCORECARD_PATH = Path(__file__).with_name("scorecard.toml")
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "results" / "reference"


class TaskCard(BaseModel):
    """One task's line of the score card."""

    name: str
    label: str
    suite: str
    metric: str
    scale: Literal["percent", "rating"] = "percent"
    weight: float
    fitted: float | None = None


class SuiteCard(BaseModel):
    """A suite: its label and its tasks, in table order."""

    name: str
    label: str
    tasks: list[str]
    plain_mean: bool = False
    """Overall = plain mean of the scores (Agent-FLAN), instead of the mean of score / weight."""
    reference: str = "agenttuning"
    """The reference table that prints this suite's Overall."""


class SuiteScore(BaseModel):
    """A suite Overall over the tasks that have a score."""

    suite: str
    value: float | None
    n_tasks: int
    n_total: int

    @property
    def partial(self) -> bool:
        return 0 < self.n_tasks < self.n_total

    @property
    def coverage(self) -> str:
        return f"{self.n_tasks}/{self.n_total}"


class ScoreCard(BaseModel):
    """The versioned score card."""

    version: str
    reference: str = "agenttuning"
    suites: dict[str, SuiteCard]
    tasks: dict[str, TaskCard]

    def task(self, name: str) -> TaskCard | None:
        return self.tasks.get(name)

    def task_order(self) -> list[str]:
        """Every task, suite by suite, in the paper's column order (each task once)."""
        return list(dict.fromkeys(t for s in self.suites.values() for t in s.tasks))

    def weight(self, suite: str, task: str) -> float:
        """A task's weight in a suite's Overall (1 in a plain-mean suite)."""
        return 1.0 if self.suites[suite].plain_mean else self.tasks[task].weight

    def normalized(self, task: str, score: float, suite: str | None = None) -> float:
        """``score / weight`` for one task (in its own suite unless ``suite`` says otherwise)."""
        return score / self.weight(suite or self.tasks[task].suite, task)

    def overall(self, suite: str, scores: Mapping[str, float | None]) -> SuiteScore:
        """The suite's Overall over those of its tasks present (not None/NaN) in ``scores``."""
        card = self.suites[suite]
        have = [t for t in card.tasks if _present(scores.get(t))]
        value = float(np.mean([self.normalized(t, float(scores[t]), suite) for t in have])) if have else None  # type: ignore[arg-type]
        return SuiteScore(suite=suite, value=value, n_tasks=len(have), n_total=len(card.tasks))

    def overalls(self, scores: Mapping[str, float | None]) -> dict[str, SuiteScore]:
        return {s: self.overall(s, scores) for s in self.suites}


def _present(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> ScoreCard:
    try:
        raw = tomllib.loads(Path(path).read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise HarnessError(f"cannot read score card {path}: {exc}") from exc
    suites = {k: SuiteCard(name=k, **v) for k, v in raw.get("suites", {}).items()}
    suite_of: dict[str, str] = {}
    for s, card in suites.items():
        for t in card.tasks:
            suite_of.setdefault(t, s)
    tasks: dict[str, TaskCard] = {}
    for name, spec in raw.get("tasks", {}).items():
        if name not in suite_of:
            raise HarnessError(f"score card {path}: task {name!r} belongs to no suite")
        tasks[name] = TaskCard(name=name, suite=suite_of[name], **spec)
    missing = sorted(set(suite_of) - set(tasks))
    if missing:
        raise HarnessError(f"score card {path}: suites name tasks without an entry: {', '.join(missing)}")
    return ScoreCard(version=raw["version"], reference=raw.get("reference", "agenttuning"), suites=suites, tasks=tasks)


def load_scorecard(path: Path | None = None) -> ScoreCard:
    """The score card (default: the one shipped with the harness)."""
    return _load_cached(str(path or SCORECARD_PATH))


def load_reference(name: str = "agenttuning", path: Path | None = None) -> pd.DataFrame:
    """A reference table (one row per model; columns: task names and suite names)."""
    # The table lives in the repository (results/reference/); from a non-editable install, look
    # under the working directory's results/reference/ too.
    candidates = [path] if path else [REFERENCE_DIR / f"{name}.csv", Path.cwd() / "results" / "reference" / f"{name}.csv"]
    file = next((c for c in candidates if c.is_file()), candidates[0])
    if not file.is_file():
        raise HarnessError(f"no reference table {name!r} (looked for {file})")
    return pd.read_csv(file)


# -- fitting the weights ---------------------------------------------------------------------


class SuiteFit(BaseModel):
    """The weights fitted for one suite and how well they reproduce the printed Overalls."""

    suite: str
    least_squares: dict[str, float]
    weights: dict[str, float]
    max_error: float
    errors: list[float]


def fit_suite(table: pd.DataFrame, suite: SuiteCard, radius: int = 2) -> SuiteFit:
    """Fit one suite's weights from a table holding its task columns and its Overall column.

    1/w_i by least squares (``Overall * k = sum_i score_i * (1/w_i)``), then the integer weights
    within ``radius`` of each fitted value minimising the largest absolute error on the table.
    """
    x = table[suite.tasks].to_numpy(dtype=float)
    y = table[suite.name].to_numpy(dtype=float)
    k = len(suite.tasks)
    inv, *_ = np.linalg.lstsq(x, y * k, rcond=None)
    ls = 1.0 / inv
    grids = [[float(c) for c in range(max(1, round(w) - radius), round(w) + radius + 1)] for w in ls]
    best_err, best = np.inf, None
    for combo in itertools.product(*grids):
        err = float(np.abs(x @ (1.0 / np.asarray(combo)) / k - y).max())
        if err < best_err:
            best_err, best = err, combo
    assert best is not None
    errors = (x @ (1.0 / np.asarray(best)) / k - y).tolist()
    return SuiteFit(
        suite=suite.name,
        least_squares={t: round(float(w), 3) for t, w in zip(suite.tasks, ls)},
        weights=dict(zip(suite.tasks, best)),
        max_error=best_err,
        errors=[round(e, 4) for e in errors],
    )


def check_reference(card: ScoreCard, table: pd.DataFrame) -> pd.DataFrame:
    """Recompute every suite Overall a reference table prints: one row per (model, suite)."""
    rows = []
    for _, row in table.iterrows():
        scores = {t: row[t] for t in card.task_order() if t in row}
        for name in card.suites:
            if name not in row or pd.isna(row[name]):
                continue
            got = card.overall(name, scores)
            rows.append({"model": row["model"], "suite": name, "printed": float(row[name]), "computed": got.value,
                         "error": (got.value - float(row[name])) if got.value is not None else None})
    return pd.DataFrame(rows)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.analysis.scorecard", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    fit = sub.add_parser("fit", help="fit the suite weights from a reference table and check the score card")
    fit.add_argument("--reference", default="agenttuning", help="agenttuning (weights fitted) or agentflan (checked)")
    fit.add_argument("--radius", type=int, default=2)
    args = parser.parse_args(argv)
    card = load_scorecard()
    table = load_reference(args.reference)
    for suite in card.suites.values():
        if suite.plain_mean or suite.reference != args.reference:
            continue  # nothing to fit: a plain mean, or printed by another reference table
        res = fit_suite(table, suite, args.radius)
        print(f"[{suite.label}] least squares: {res.least_squares}")
        print(f"[{suite.label}] integer weights: {res.weights}  max |error| {res.max_error:.4f}")
    check = check_reference(card, table)
    worst = check["error"].abs().max()
    # AgentTuning prints Overalls to 0.01, Agent-FLAN to 0.1 (and some of its task cells to 0.1)
    tolerance = 0.01 if args.reference == "agenttuning" else 0.06
    print(f"score card {card.version}: max |computed - printed| over {len(check)} Overall cells = {worst:.4f} "
          f"(tolerance {tolerance})")
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(_main())
