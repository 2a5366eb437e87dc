"""Reading run directories: the one place that knows the on-disk format of a finished run.

A run directory holds ``manifest.json``, ``samples.jsonl`` (append-only; the last line per
``(task, split, sample_id)`` wins, a non-errored line beats an errored one, torn lines are
skipped) and ``summary.json``. Everything that scores, compares or reports runs reads them
through :func:`load_run` and :func:`load_samples`, so a format change is a change here only.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from harness.errors import HarnessError

ERRORED = "errored"


class TaskResult(BaseModel):
    """One task's line of ``summary.json`` (main score on its native scale)."""

    model_config = ConfigDict(extra="allow")

    task: str
    version: str = ""
    suite: str = ""
    split: str = ""
    metric: str = ""
    scale: str = "percent"
    score: float | None = None
    ci95: tuple[float, float] | None = None
    n: int = 0
    n_errored: int = 0
    n_total: int = 0
    statuses: dict[str, int] = Field(default_factory=dict)
    metrics: dict[str, Any] = Field(default_factory=dict)
    mean_turns: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    wall_s: float = 0.0
    data_origin: str = "official"


class Run(BaseModel):
    """A run directory's manifest and summary."""

    path: Path
    run_id: str
    model: str
    model_info: dict[str, Any] = Field(default_factory=dict)
    created: str = ""
    git_revision: str | None = None
    command: str | list[str] | None = None
    tasks: dict[str, TaskResult] = Field(default_factory=dict)
    """Task name -> its summary (computed from the samples when summary.json lacks it)."""


class SampleResult(BaseModel):
    """One sample's latest record, the fields scoring needs (the raw record is kept apart)."""

    task: str
    split: str
    sample_id: str
    status: str
    score: float | None = None
    metrics: dict[str, Any] = Field(default_factory=dict)
    turns: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    error: str | None = None

    @property
    def errored(self) -> bool:
        return self.status == ERRORED or self.score is None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise HarnessError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise HarnessError(f"{path}: expected a JSON object")
    return data


def iter_records(run_dir: Path) -> Iterator[dict[str, Any]]:
    """Every parseable line of ``samples.jsonl`` in file order (torn or foreign lines skipped)."""
    path = Path(run_dir) / "samples.jsonl"
    if not path.is_file():
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict) and {"task", "sample_id", "status"} <= rec.keys():
                yield rec


def latest_records(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The winning record per (task, split, sample_id): the last one, but never an errored
    line over a scored one. Order: first appearance of each key."""
    best: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rec in records:
        key = (rec["task"], rec.get("split", ""), str(rec["sample_id"]))
        old = best.get(key)
        if old is not None and rec.get("status") == ERRORED and old.get("status") != ERRORED:
            continue
        best[key] = rec
    return list(best.values())


def load_samples(run_dir: Path | str, raw: bool = False) -> list[SampleResult] | list[dict[str, Any]]:
    """The latest record of every sample of a run, as :class:`SampleResult` (or raw dicts with
    trajectories and messages when ``raw``)."""
    recs = latest_records(iter_records(Path(run_dir)))
    if raw:
        return recs
    return [_to_result(r) for r in recs]


def _to_result(rec: dict[str, Any]) -> SampleResult:
    return SampleResult(
        task=rec["task"],
        split=rec.get("split", ""),
        sample_id=str(rec["sample_id"]),
        status=str(rec["status"]),
        score=rec.get("score"),
        metrics=rec.get("metrics") or {},
        turns=int(rec.get("turns") or 0),
        prompt_tokens=int(rec.get("prompt_tokens") or 0),
        completion_tokens=int(rec.get("completion_tokens") or 0),
        latency_s=float(rec.get("latency_s") or 0.0),
        error=rec.get("error"),
    )


def _summary_from_samples(task: str, info: dict[str, Any], samples: list[SampleResult]) -> TaskResult:
    """A plain-mean summary for a task that summary.json lacks (a run still in progress).
    Tasks with their own ``aggregate`` are only exact in summary.json."""
    scored = [s for s in samples if not s.errored]
    scale = info.get("scale", "percent")
    factor = 100.0 if scale == "percent" else 1.0
    score = factor * sum(s.score for s in scored) / len(scored) if scored else None  # type: ignore[misc]
    return TaskResult(
        task=task, version=str(info.get("version", "")), suite=info.get("suite", ""),
        split=info.get("split", samples[0].split if samples else ""), metric=info.get("metric", ""), scale=scale,
        score=score, n=len(scored), n_errored=len(samples) - len(scored), n_total=int(info.get("n_total", len(samples))),
        statuses=dict(Counter(s.status for s in samples)),
        mean_turns=(sum(s.turns for s in scored) / len(scored)) if scored else 0.0,
        prompt_tokens=sum(s.prompt_tokens for s in samples), completion_tokens=sum(s.completion_tokens for s in samples),
        wall_s=sum(s.latency_s for s in samples), data_origin=str(info.get("data_origin", "official")),
        summary_source="samples",
    )


def load_run(run_dir: Path | str) -> Run:
    """A run's manifest and per-task summaries (HarnessError when it is not a run directory)."""
    path = Path(run_dir)
    if not path.is_dir():
        raise HarnessError(f"no run directory {path}")
    manifest_path = path / "manifest.json"
    if not manifest_path.is_file():
        raise HarnessError(f"{path} is not a run directory (no manifest.json)")
    manifest = _read_json(manifest_path)
    summary = _read_json(path / "summary.json") if (path / "summary.json").is_file() else {}
    model = manifest.get("model") or summary.get("model") or {}
    model_info = model if isinstance(model, dict) else {"name": str(model)}
    tasks: dict[str, TaskResult] = {}
    for name, line in (summary.get("tasks") or {}).items():
        tasks[name] = TaskResult.model_validate({"task": name, **line})
    declared = {t["name"]: t for t in manifest.get("tasks", []) if isinstance(t, dict) and "name" in t}
    samples: list[SampleResult] | None = None
    for name, info in declared.items():
        if name in tasks:
            continue
        samples = samples if samples is not None else load_samples(path)  # type: ignore[assignment]
        mine = [s for s in samples if s.task == name]  # type: ignore[union-attr]
        if mine:
            tasks[name] = _summary_from_samples(name, info, mine)
    return Run(
        path=path, run_id=str(manifest.get("run_id") or path.name), model=str(model_info.get("name") or "unknown"),
        model_info=model_info, created=str(manifest.get("created") or ""), git_revision=manifest.get("git_revision"),
        command=manifest.get("command"), tasks=tasks,
    )


def load_runs(run_dirs: Iterable[Path | str]) -> list[Run]:
    return [load_run(d) for d in run_dirs]


# -- DataFrames ------------------------------------------------------------------------------


def runs_frame(runs: Iterable[Run]) -> pd.DataFrame:
    """One row per (run, task): the summary line plus run id, model and creation time."""
    rows = []
    for run in runs:
        for res in run.tasks.values():
            row = res.model_dump(exclude={"statuses", "metrics", "ci95"})
            row.update(run_id=run.run_id, model=run.model, created=run.created, path=str(run.path),
                       ci95_low=res.ci95[0] if res.ci95 else math.nan, ci95_high=res.ci95[1] if res.ci95 else math.nan,
                       tokens=res.prompt_tokens + res.completion_tokens)
            rows.append(row)
    return pd.DataFrame(rows)


def samples_frame(runs: Iterable[Run]) -> pd.DataFrame:
    """One row per (run, sample): status, score, turns, tokens, latency."""
    rows = []
    for run in runs:
        for s in load_samples(run.path):
            row = s.model_dump(exclude={"metrics"})  # type: ignore[union-attr]
            row.update(run_id=run.run_id, model=run.model, errored=s.errored)  # type: ignore[union-attr]
            rows.append(row)
    return pd.DataFrame(rows)
