"""The run-directory loader: latest record per sample, torn lines, summary fallback, DataFrames."""

from __future__ import annotations

import json

import pytest

from harness.analysis.runs import load_run, load_samples, runs_frame, samples_frame
from harness.errors import HarnessError

from .fakeruns import write_run


def _line(sample_id: str, status: str, score: float | None) -> str:
    return json.dumps({"task": "os", "split": "test", "sample_id": sample_id, "status": status, "score": score,
                       "turns": 2, "trajectory": [], "messages": []})


def test_latest_record_wins_but_never_an_errored_one_over_a_scored_one(tmp_path):
    extra = [_line("os-0", "errored", None),           # retried and errored: the scored line stays
             _line("os-1", "completed", 1.0),          # a later scored line replaces the earlier one
             '{"task": "os", "split": "test", "sample_id": "os-2", "sta']  # torn last line
    run = write_run(tmp_path, "r", "m", {"os": [1.0, 0.0, 0.0, None]}, extra_lines=extra)
    by_id = {s.sample_id: s for s in load_samples(run)}
    assert len(by_id) == 4
    assert by_id["os-0"].status == "completed" and by_id["os-0"].score == 1.0
    assert by_id["os-1"].score == 1.0
    assert by_id["os-2"].score == 0.0
    assert by_id["os-3"].errored


def test_errored_sample_later_scored_counts_as_scored(tmp_path):
    run = write_run(tmp_path, "r", "m", {"os": [None]}, extra_lines=[_line("os-0", "completed", 1.0)])
    (s,) = load_samples(run)
    assert not s.errored and s.score == 1.0


def test_summary_is_computed_from_samples_when_summary_json_is_missing(tmp_path):
    run = write_run(tmp_path, "r", "m", {"os": [1.0, 0.0, None], "mtbench": [8.0, 6.0]}, summary=False)
    loaded = load_run(run)
    assert loaded.model == "m" and loaded.run_id == "r"
    assert loaded.tasks["os"].score == pytest.approx(50.0)
    assert loaded.tasks["os"].n == 2 and loaded.tasks["os"].n_errored == 1
    assert loaded.tasks["mtbench"].score == pytest.approx(7.0)


def test_not_a_run_directory(tmp_path):
    with pytest.raises(HarnessError, match="no run directory"):
        load_run(tmp_path / "missing")
    with pytest.raises(HarnessError, match="no manifest.json"):
        load_run(tmp_path)


def test_frames(tmp_path):
    a = load_run(write_run(tmp_path, "a", "m1", {"os": [1.0, 0.0], "db": [1.0]}))
    b = load_run(write_run(tmp_path, "b", "m2", {"os": [0.0, None]}))
    runs = runs_frame([a, b])
    assert sorted(zip(runs["run_id"], runs["task"])) == [("a", "db"), ("a", "os"), ("b", "os")]
    samples = samples_frame([a, b])
    assert len(samples) == 5 and samples["errored"].sum() == 1
    assert set(samples.columns) >= {"run_id", "model", "task", "sample_id", "status", "score", "turns"}
