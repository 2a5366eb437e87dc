"""The HTML report: one self-contained file (inline CSS, JS, SVG and data; no network).

It shows the runs' task scores against the reference rows, the suite Overalls, the status and
turn distributions, and a trajectory viewer (filter by run/task/status, click a sample to read
every turn). The samples travel as JSON in a ``<script type="application/json">`` block, with
``<``, ``>``, ``&`` and the JavaScript line separators escaped so that no model output can close
the block; initial messages (instructions, few-shot turns) are stored once and referenced.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from harness.analysis import report_svg as svg
from harness.analysis.leaderboard import NON_COMPARABLE_MARK, build_leaderboard
from harness.analysis.runs import Run, load_runs, load_samples
from harness.analysis.scorecard import ScoreCard, load_scorecard
from harness.schema import Message, SampleRecord, full_next_messages

TEMPLATE = Path(__file__).with_name("report_template.html")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


class _Strings:
    """Interns long strings (shared instructions and few-shot turns) into one table."""

    def __init__(self) -> None:
        self.table: list[str] = []
        self.index: dict[str, int] = {}

    def ref(self, s: str) -> int:
        if s not in self.index:
            self.index[s] = len(self.table)
            self.table.append(s)
        return self.index[s]


def _clip(s: Any, limit: int) -> Any:
    if isinstance(s, str) and limit and len(s) > limit:
        return s[:limit] + f"\n… [{len(s) - limit} more characters cut by the report]"
    return s


def _finite_or_none(v: Any) -> Any:
    return v if not isinstance(v, float) or math.isfinite(v) else None


def _sample_payload(run_index: int, rec: SampleRecord, strings: _Strings, max_chars: int) -> dict[str, Any]:
    def refs(messages: list[Message]) -> list[list[Any]]:
        return [[m.role, strings.ref(_clip(m.content, max_chars))] for m in messages]

    turns = []
    for t in rec.trajectory:
        turn = {"output": _clip(t.output, max_chars), "observation": _clip(t.observation, max_chars)}
        turn.update(reward=_finite_or_none(t.reward), done=t.done, invalid=t.invalid, prompt_tokens=t.prompt_tokens,
                    completion_tokens=t.completion_tokens, model_s=_finite_or_none(t.model_s))
        full_next = full_next_messages(rec.messages, t)
        if full_next:
            turn["next"] = refs(full_next)
        turns.append(turn)
    return {"r": run_index, "task": rec.task, "split": rec.split, "id": rec.sample_id,
            "status": rec.status.value, "score": _finite_or_none(rec.score), "turns": rec.turns,
            "tokens": rec.prompt_tokens + rec.completion_tokens, "wall": _finite_or_none(rec.wall_s),
            "error": _clip(rec.error, max_chars), "metrics": rec.metrics, "m": refs(rec.messages), "t": turns}


def _summary_table(runs: list[Run], card: ScoreCard) -> str:
    order = [t for t in card.task_order() if any(t in r.tasks for r in runs)]
    order += sorted({t for r in runs for t in r.tasks} - set(order))
    head = "".join(f"<th>{escape(card.tasks[t].label if t in card.tasks else t)}</th>" for t in order)
    rows = []
    for r in runs:
        cells = []
        for t in order:
            res = r.tasks.get(t)
            if res is None or res.score is None:
                cells.append("<td>–</td>")
                continue
            ci = f" [{res.ci95[0]:.1f}, {res.ci95[1]:.1f}]" if res.ci95 else ""
            origin = "" if res.data_origin == "official" else f" · {res.data_origin}"
            why = "" if res.comparable else " · NOT comparable: " + "; ".join(res.protocol.reasons or [res.data_origin])
            mark = "" if res.comparable else NON_COMPARABLE_MARK
            cells.append(f'<td title="{escape(f"n={res.n} errored={res.n_errored}{ci}{origin}{why}")}">{res.score:.2f}{mark}'
                         f'<small> n={res.n}{" ⚠" + str(res.n_errored) if res.n_errored else ""}{escape(origin)}</small></td>')
        rows.append(f"<tr><th>{escape(r.model)}<br><small>{escape(r.run_id)}</small></th>{''.join(cells)}</tr>")
    return f'<table class="summary"><tr><th>model / run</th>{head}</tr>{"".join(rows)}</table>'


def build_report(run_dirs: list[str | Path], reference: str | None = "agenttuning", max_samples: int = 200,
                 max_chars: int = 20_000, card: ScoreCard | None = None) -> str:
    """The report's HTML text. ``max_samples`` caps the samples per (run, task) shown in the
    viewer (0: all); plots always use every sample."""
    card = card or load_scorecard()
    runs = load_runs(run_dirs)
    names = Counter(r.model for r in runs)
    run_label = [r.model if names[r.model] == 1 else f"{r.model} ({r.run_id})" for r in runs]
    # The plots show each run on its own (the leaderboard would merge runs of one model).
    boards = [build_leaderboard([r], reference=None, card=card) for r in runs]
    ref_board = build_leaderboard([], reference=reference, card=card) if reference else None
    frame = pd.concat([b.frame.assign(model=label) for b, label in zip(boards, run_label)]
                      + ([ref_board.frame] if ref_board is not None else []), ignore_index=True)
    order = card.task_order() + sorted({t for r in runs for t in r.tasks} - set(card.tasks))
    tasks_present = [t for t in order if t in frame and frame.loc[frame["source"] == "run", t].notna().any()]
    ref_tasks = tasks_present or card.task_order()

    def scores(row: Any, tasks: list[str]) -> dict[str, float]:
        return {t: float(row[t]) for t in tasks if t in row and not _isnan(row[t])}

    run_rows = [(str(r["model"]), scores(r, ref_tasks)) for _, r in frame[frame["source"] == "run"].iterrows()]
    ref_rows = [(str(r["model"]), scores(r, ref_tasks)) for _, r in frame[frame["source"] == "reference"].iterrows()]
    labels = [(t, card.tasks[t].label if t in card.tasks else t) for t in ref_tasks]
    rating = {t for t in card.tasks if card.tasks[t].scale == "rating"}
    dot_plot = svg.task_dot_plot(labels, run_rows, ref_rows, rating)

    suite_rows = []
    for _, r in frame.iterrows():
        data = {}
        for s in card.suites:
            value = r[s] if not _isnan(r[s]) else (r[f"{s}_partial"] if not _isnan(r[f"{s}_partial"]) else None)
            data[s] = (float(value) if value is not None else None, str(r[f"{s}_tasks"]))
        suite_rows.append((str(r["model"]), str(r["source"]), data))
    suites_svg = svg.suite_bars([(s, c.label) for s, c in card.suites.items()], suite_rows)

    strings = _Strings()
    samples: list[dict[str, Any]] = []
    status_rows, turn_rows, shown = [], [], Counter()
    for i, run in enumerate(runs):
        by_task: dict[str, list[SampleRecord]] = defaultdict(list)
        for rec in load_samples(run.path, full=True):
            by_task[rec.task].append(rec)
        for task in sorted(by_task, key=lambda t: (card.task_order() + [t]).index(t)):
            recs = by_task[task]
            label = f"{run_label[i]} · {task}"
            status_rows.append((label, dict(Counter(r.status.value for r in recs))))
            turn_rows.append((label, [r.turns for r in recs if not r.errored]))
            for rec in recs[: max_samples or None]:
                samples.append(_sample_payload(i, rec, strings, max_chars))
            shown[(i, task)] = (min(len(recs), max_samples or len(recs)), len(recs))
    payload = {
        "runs": [{"run_id": r.run_id, "model": r.model, "created": r.created} for r in runs],
        "strings": strings.table,
        "samples": samples,
        "shown": [{"r": i, "task": t, "shown": s, "total": n} for (i, t), (s, n) in shown.items()],
    }
    notes = "".join(f"<li>{escape(n)}</li>" for b in boards for n in b.notes)
    parts = {
        "TITLE": escape("agentharness report: " + ", ".join(dict.fromkeys(r.model for r in runs))),
        "META": escape(f"{len(runs)} run(s) · score card {card.version} · generated "
                       f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}"),
        "NOTES": f"<ul class='notes'>{notes}</ul>" if notes else "",
        "SUMMARY": _summary_table(runs, card),
        "PLOT_TASKS": dot_plot,
        "PLOT_SUITES": suites_svg,
        "PLOT_STATUS": svg.status_bars(status_rows),
        "PLOT_TURNS": svg.turn_histograms(turn_rows),
        "DATA": json_for_script(payload),
    }
    html = TEMPLATE.read_text(encoding="utf-8")
    for key, value in parts.items():
        html = html.replace(f"<!--@{key}@-->", value)
    return html


def _isnan(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))
