"""Comparing two runs of the same samples: records as a set and summaries, timings left out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.store import iter_records, read_summary

RECORD_TIMING = ("wall_s", "model_s", "finished_at")
TURN_TIMING = ("model_s", "env_s")
SUMMARY_TIMING = ("sample_s", "model_s")


def record_set(run_dir: Path, scrub: Callable[[str], str] | None = None) -> set[str]:
    """Every sample record of a run, without its timings, as canonical JSON (passed through
    ``scrub``: what differs between any two runs whatever runs them)."""
    out = set()
    for rec in iter_records(run_dir / "samples.jsonl"):
        data: dict[str, Any] = rec.model_dump(mode="json")
        for key in RECORD_TIMING:
            data.pop(key, None)
        for turn in data["trajectory"]:
            for key in TURN_TIMING:
                turn.pop(key, None)
        text = json.dumps(data, sort_keys=True)
        out.add(scrub(text) if scrub is not None else text)
    return out


def task_summaries(run_dir: Path) -> dict[str, dict[str, Any]]:
    summary = read_summary(run_dir)
    assert summary is not None, f"no summary in {run_dir}"
    out = {}
    for name, task in summary.tasks.items():
        data = task.model_dump(mode="json")
        for key in SUMMARY_TIMING:
            data.pop(key, None)
        out[name] = data
    return out
