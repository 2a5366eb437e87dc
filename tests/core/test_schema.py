"""The run directory's schema: versions, the previous version's records, one reader."""

from __future__ import annotations

import json

import pytest

from harness.errors import HarnessError
from harness.schema import SCHEMA_VERSION, Manifest, RunSummary, SampleRecord, Status, TaskSummary, TurnRecord
from harness.store import iter_records, latest_records, read_manifest, read_summary


def test_v1_records_migrate_their_durations():
    rec = SampleRecord.model_validate({"task": "t", "split": "s", "sample_id": "1", "status": "completed", "score": 1.0,
                                       "latency_s": 2.5, "model_s": 1.0,
                                       "trajectory": [{"output": "x", "latency_s": 0.75, "env_s": 0.1}]})
    assert rec.wall_s == 2.5 and rec.model_s == 1.0 and rec.trajectory[0].model_s == 0.75
    summary = TaskSummary.model_validate({"task": "t", "wall_s": 9.0})
    assert summary.sample_s == 9.0
    manifest = Manifest.model_validate({"run_id": "r", "tasks": [{"name": "t", "protocol": {"rounds": 8}}]})
    assert manifest.schema_version == 1 and manifest.tasks[0].facts == {"rounds": 8}


def test_a_newer_schema_fails_with_one_clear_line(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1, "run_id": "r"}))
    with pytest.raises(HarnessError, match=f"schema_version {SCHEMA_VERSION + 1}.*upgrade"):
        read_manifest(tmp_path)
    (tmp_path / "summary.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(HarnessError, match="summary.json"):
        read_summary(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"run_id": 3, "tasks": "x"}))
    with pytest.raises(HarnessError, match="malformed"):
        read_manifest(tmp_path)


def test_one_rule_for_damaged_lines(tmp_path):
    path = tmp_path / "samples.jsonl"
    good = SampleRecord(task="t", split="s", sample_id="a", status=Status.COMPLETED, score=1.0,
                        trajectory=[TurnRecord(output="x")]).model_dump_json()
    errored = SampleRecord(task="t", split="s", sample_id="b", status=Status.ERRORED).model_dump_json()
    path.write_text("\n".join([good, "not json", '{"foreign": true}', "[1, 2]", errored]) + "\n" + good[:20])
    records = list(iter_records(path))
    assert [r.sample_id for r in records] == ["a", "b"]  # torn last line, corrupt and foreign lines skipped
    light = latest_records(path)
    assert light[("t", "s", "a")].trajectory == [] and latest_records(path, full=True)[("t", "s", "a")].trajectory


def test_summary_round_trip():
    s = RunSummary(schema_version=SCHEMA_VERSION, run_id="r", wall_s=3.0, tasks={"t": TaskSummary(task="t", score=50.0)})
    again = RunSummary.model_validate_json(s.model_dump_json())
    assert again == s and again.tasks["t"].comparable
