"""The leaderboard: one row per model, every task's main score and the three suite Overalls.

Runs of the same model are merged; when two runs hold the same task the later run (manifest
``created``, then command-line order) wins and a note says so. Reference rows (the paper's table)
carry ``source = reference``. A suite Overall is filled only when every task of the suite has a
score; otherwise ``<suite>_partial`` holds the Overall over the tasks present and
``<suite>_tasks`` says how many (e.g. ``4/6``), so a partial value is never read as the full one.

Comparability: a task score that is not comparable with the paper's protocol (bundled sample
data, options other than the protocol's, a substitute judge, tool or environment) has
``<task>_comparable = False`` and its reasons in ``<task>_why``; a suite Overall built from any
such cell has ``<suite>_comparable = False``; ``not_comparable`` lists the tasks. The Markdown and
terminal tables mark those cells with ``†``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from harness.analysis.runs import Run
from harness.analysis.scorecard import ScoreCard, load_reference, load_scorecard
from harness.schema import TaskSummary

PER_TASK_STATS = ("n", "errored", "tokens", "sample_s")
NON_COMPARABLE_MARK = "†"
"""Marks a score that is not comparable with the paper (Markdown, terminal, report)."""


class Leaderboard(BaseModel):
    """The leaderboard frame and the notes gathered while merging runs."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    frame: pd.DataFrame
    notes: list[str] = Field(default_factory=list)
    tasks: list[str]
    scorecard: str


def merge_by_model(runs: Iterable[Run]) -> tuple[dict[str, dict[str, tuple[TaskSummary, str]]], list[str]]:
    """Model -> task -> (result, run id), the later run winning; plus notes on what was replaced."""
    ordered = sorted(enumerate(runs), key=lambda p: (p[1].created, p[0]))
    merged: dict[str, dict[str, tuple[TaskSummary, str]]] = {}
    notes: list[str] = []
    for _, run in ordered:
        tasks = merged.setdefault(run.model, {})
        for name, res in run.tasks.items():
            if name in tasks:
                notes.append(f"{run.model}: task {name} from run {run.run_id} replaces run {tasks[name][1]} (later run wins)")
            tasks[name] = (res, run.run_id)
    return merged, notes


def _suite_columns(card: ScoreCard, scores: dict[str, float | None], comparable: dict[str, bool]) -> dict[str, object]:
    row: dict[str, object] = {}
    for name, res in card.overalls(scores).items():
        full = res.n_tasks == res.n_total
        row[name] = res.value if full else math.nan
        row[f"{name}_partial"] = res.value if res.partial else math.nan
        row[f"{name}_tasks"] = res.coverage
        used = [t for t in card.suites[name].tasks if scores.get(t) is not None]
        row[f"{name}_comparable"] = all(comparable.get(t, True) for t in used) if used else pd.NA
    return row


DEFAULT_REFERENCES = "agenttuning,agentflan"


def build_leaderboard(runs: Iterable[Run], reference: str | None = DEFAULT_REFERENCES, card: ScoreCard | None = None,
                      reference_path: Path | None = None) -> Leaderboard:
    """The leaderboard of some runs and the reference rows (``reference``: comma-separated table
    names under results/reference/, None for none; rows of one model in several tables merge)."""
    card = card or load_scorecard()
    merged, notes = merge_by_model(runs)
    extra = sorted({t for tasks in merged.values() for t in tasks} - set(card.tasks))
    for t in extra:
        notes.append(f"task {t} is not on score card {card.version}: shown, but in no suite Overall")
    order = card.task_order() + extra
    rows: list[dict[str, object]] = []
    for model, tasks in merged.items():
        row: dict[str, object] = {"model": model, "source": "run",
                                  "runs": " ".join(sorted({rid for _, rid in tasks.values()}))}
        scores: dict[str, float | None] = {}
        for t in order:
            res = tasks.get(t, (None, ""))[0]
            scores[t] = res.score if res is not None else None
            tc = card.task(t)
            if res is not None and tc is not None and res.scale != tc.scale:
                notes.append(f"{model}: task {t} reports scale {res.scale!r}, score card expects {tc.scale!r}")
            if res is not None and res.data_origin != "official":
                notes.append(f"{model}: task {t} ran on {res.data_origin} data, not the official set")
        row.update({t: (scores[t] if scores[t] is not None else math.nan) for t in order})
        comparable = {t: tasks[t][0].comparable for t in order if t in tasks}
        row.update(_suite_columns(card, {t: scores[t] for t in card.tasks}, comparable))
        for t in order:
            res = tasks.get(t, (None, ""))[0]
            stats = {"n": res.n, "errored": res.n_errored, "tokens": res.prompt_tokens + res.completion_tokens,
                     "sample_s": res.sample_s} if res is not None else {}
            for key in PER_TASK_STATS:
                row[f"{t}_{key}"] = stats.get(key, math.nan)
            row[f"{t}_comparable"] = comparable.get(t, pd.NA)
            row[f"{t}_why"] = _why(res) if res is not None else ""
        present = [tasks[t][0] for t in order if t in tasks]
        row["non_official"] = " ".join(t for t in order if t in tasks and tasks[t][0].data_origin != "official")
        row["not_comparable"] = " ".join(t for t in order if t in tasks and not tasks[t][0].comparable)
        row.update(n=sum(r.n for r in present), errored=sum(r.n_errored for r in present),
                   tokens=sum(r.prompt_tokens + r.completion_tokens for r in present),
                   sample_s=sum(r.sample_s for r in present))
        rows.append(row)
    if reference:
        rows.extend(_reference_rows(card, [r.strip() for r in reference.split(",") if r.strip()], order, reference_path))
    frame = pd.DataFrame(rows)
    columns = (["model", "source", "runs"] + order
               + [c for s in card.suites for c in (s, f"{s}_partial", f"{s}_tasks", f"{s}_comparable")]
               + ["n", "errored", "tokens", "sample_s", "non_official", "not_comparable"]
               + [f"{t}_{k}" for t in order for k in (*PER_TASK_STATS, "comparable", "why")])
    frame = frame.reindex(columns=columns)
    counts = ["n", "errored", "tokens"] + [f"{t}_{k}" for t in order for k in ("n", "errored", "tokens")]
    frame[counts] = frame[counts].astype("Float64").round().astype("Int64")
    frame.insert(3, "scorecard", card.version)
    return Leaderboard(frame=frame, notes=notes, tasks=order, scorecard=card.version)


def _why(res: TaskSummary) -> str:
    reasons = list(res.protocol.reasons)
    if res.data_origin != "official" and not any("sample data" in r for r in reasons):
        reasons.append(f"{res.data_origin} data")
    return "; ".join(reasons)


def _reference_rows(card: ScoreCard, names: list[str], order: list[str], path: Path | None) -> list[dict[str, object]]:
    """The reference tables' rows: task cells and the suite Overalls as printed there (a model in
    several tables gets one row; the first table's cell wins where both print one)."""
    rows: dict[str, dict[str, object]] = {}
    for name in names:
        table = load_reference(name, path if len(names) == 1 else None)
        for _, ref in table.iterrows():
            model = str(ref["model"])
            row = rows.setdefault(model, {"model": model, "source": "reference", "runs": ""})
            row["runs"] = "+".join(filter(None, [str(row["runs"]), name]))
            for t in order:
                if pd.isna(row.get(t, math.nan)):  # type: ignore[arg-type]
                    row[t] = float(ref[t]) if t in ref and pd.notna(ref[t]) else math.nan
            for s in card.suites:
                printed = ref.get(s)
                if printed is not None and pd.notna(printed):
                    row[s] = float(printed)
                    row[f"{s}_tasks"] = f"{len(card.suites[s].tasks)}/{len(card.suites[s].tasks)}"
                    row[f"{s}_comparable"] = True
                row.setdefault(s, math.nan)
                row[f"{s}_partial"] = math.nan
    for row in rows.values():
        row.update({f"{t}_comparable": True for t in order if not math.isnan(row[t])})  # type: ignore[arg-type]
    return list(rows.values())


# -- rendering -------------------------------------------------------------------------------


def not_comparable(flag: object) -> bool:
    """True for a cell flagged not comparable (a missing flag is not a flag)."""
    return flag is not None and flag is not pd.NA and not (isinstance(flag, float) and math.isnan(flag)) and not bool(flag)


def _fmt(value: object, digits: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{float(value):.{digits}f}"  # type: ignore[arg-type]


def table_cells(board: Leaderboard, card: ScoreCard | None = None,
                suites: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """The compact table in the paper's layout: each suite's tasks, then its Overall (partial
    ones marked), tasks outside the score card last; non-comparable cells marked. ``suites``
    picks some suites only (then no extra tasks)."""
    card = card or load_scorecard()
    columns: list[tuple[str, str]] = []
    for s, sc in card.suites.items():
        if suites is None or s in suites:
            columns += [("task", t) for t in sc.tasks] + [("suite", s)]
    if suites is None:
        columns += [("task", t) for t in board.tasks if t not in card.tasks]
    head = ["model", "source"] + [(card.tasks[n].label if k == "task" and n in card.tasks else
                                   card.suites[n].label if k == "suite" else n) for k, n in columns]
    rows = []
    for _, row in board.frame.iterrows():
        cells = [str(row["model"]), str(row["source"])]
        for kind, name in columns:
            mark = NON_COMPARABLE_MARK if not_comparable(row.get(f"{name}_comparable")) else ""
            if kind == "task":
                cells.append(_fmt(row[name], 2) + (mark if pd.notna(row[name]) else ""))
            elif pd.notna(row[name]):
                cells.append(_fmt(row[name], 2) + mark)
            elif pd.notna(row[f"{name}_partial"]):
                cells.append(f"{_fmt(row[f'{name}_partial'], 2)}{mark} (partial {row[f'{name}_tasks']})")
            else:
                cells.append("–")
        rows.append(cells)
    return head, rows


def footnote(board: Leaderboard) -> str:
    return (f"Score card {board.scorecard}: Overall = mean over a suite's tasks of score / weight. "
            f"{NON_COMPARABLE_MARK}: not comparable with the paper's protocol (the CSV's *_why columns say why).")


def to_markdown(board: Leaderboard, card: ScoreCard | None = None) -> str:
    """The compact table as Markdown."""
    head, rows = table_cells(board, card)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n\n" + footnote(board) + "\n"
