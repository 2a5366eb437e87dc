"""Loading finished (or interrupted) runs for scoring, comparing and reporting.

Everything here reads through :mod:`harness.store` (the only parser of ``samples.jsonl``) into
the models of :mod:`harness.schema`; a run directory written by the previous schema version loads
too (migrated), a newer one fails with one clear line.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from harness.errors import HarnessError
from harness.metrics import scale_factor
from harness.schema import Manifest, ManifestTask, SampleRecord, TaskSummary
from harness.store import SAMPLES, latest_records, read_manifest, read_summary


class Run(BaseModel):
    """A run directory's manifest and per-task summaries."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    path: Path
    run_id: str
    model: str
    model_info: dict[str, Any] = Field(default_factory=dict)
    created: str = ""
    git_revision: str | None = None
    command: str | list[str] | None = None
    wall_s: float = 0.0
    tasks: dict[str, TaskSummary] = Field(default_factory=dict)
    """Task name -> its summary (computed from the samples when summary.json lacks it)."""
    manifest: Manifest | None = None


def load_samples(run_dir: Path | str, full: bool = False) -> list[SampleRecord]:
    """The latest record of every sample of a run (with messages and trajectories when ``full``)."""
    return list(latest_records(Path(run_dir) / SAMPLES, full=full).values())


def _summary_from_samples(info: ManifestTask, samples: list[SampleRecord]) -> TaskSummary:
    """A plain-mean summary for a task that summary.json lacks (a run still in progress).
    Tasks with their own ``aggregate`` are only exact in summary.json."""
    scored = [s for s in samples if not s.errored]
    factor = scale_factor(info.scale)
    score = factor * sum(s.score for s in scored) / len(scored) if scored else None  # type: ignore[misc]
    return TaskSummary(
        task=info.name, version=info.version, suite=info.suite, split=info.split or (samples[0].split if samples else ""),
        metric=info.metric, scale=info.scale, score=score, n=len(scored), n_errored=len(samples) - len(scored),
        n_total=max(info.n_planned, len(samples)), statuses=dict(Counter(s.status.value for s in samples)),
        mean_turns=(sum(s.turns for s in scored) / len(scored)) if scored else 0.0,
        prompt_tokens=sum(s.prompt_tokens for s in samples), completion_tokens=sum(s.completion_tokens for s in samples),
        sample_s=sum(s.wall_s for s in samples), model_s=sum(s.model_s for s in samples),
        data_origin=",".join(sorted({d.get("origin", "official") for d in info.data})) or "official",
        protocol=info.protocol, summary_source="samples",
    )


def load_run(run_dir: Path | str) -> Run:
    """A run's manifest and per-task summaries (HarnessError when it is not a run directory)."""
    path = Path(run_dir)
    if not path.is_dir():
        raise HarnessError(f"no run directory {path}")
    manifest = read_manifest(path)
    if manifest is None:
        raise HarnessError(f"{path} is not a run directory (no manifest.json)")
    summary = read_summary(path)
    tasks: dict[str, TaskSummary] = dict(summary.tasks) if summary is not None else {}
    samples: list[SampleRecord] | None = None
    for info in manifest.tasks:
        if info.name in tasks:
            continue
        samples = samples if samples is not None else load_samples(path)
        mine = [s for s in samples if s.task == info.name]
        if mine:
            tasks[info.name] = _summary_from_samples(info, mine)
    model_info = manifest.model.model_dump(mode="json")
    return Run(
        path=path, run_id=manifest.run_id or path.name, model=str(manifest.model.name or (summary.model if summary else "") or "unknown"),
        model_info=model_info, created=manifest.created, git_revision=manifest.git_revision, command=manifest.command,
        wall_s=summary.wall_s if summary is not None else 0.0, tasks=tasks, manifest=manifest,
    )


def load_runs(run_dirs: Iterable[Path | str]) -> list[Run]:
    return [load_run(d) for d in run_dirs]


# -- DataFrames ------------------------------------------------------------------------------


def runs_frame(runs: Iterable[Run]) -> pd.DataFrame:
    """One row per (run, task): the summary line plus run id, model and creation time."""
    rows = []
    for run in runs:
        for res in run.tasks.values():
            row = res.model_dump(exclude={"statuses", "metrics", "ci95", "protocol", "oracle"})
            row.update(run_id=run.run_id, model=run.model, created=run.created, path=str(run.path),
                       ci95_low=res.ci95[0] if res.ci95 else math.nan, ci95_high=res.ci95[1] if res.ci95 else math.nan,
                       tokens=res.prompt_tokens + res.completion_tokens, comparable=res.comparable)
            rows.append(row)
    return pd.DataFrame(rows)


def samples_frame(runs: Iterable[Run]) -> pd.DataFrame:
    """One row per (run, sample): status, score, turns, tokens, times."""
    rows = []
    for run in runs:
        for s in load_samples(run.path):
            row = s.model_dump(mode="json", exclude={"metrics", "messages", "trajectory", "oracle"})
            row.update(run_id=run.run_id, model=run.model, errored=s.errored)
            rows.append(row)
    return pd.DataFrame(rows)
