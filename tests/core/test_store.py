"""The append-only store: torn tails, which record counts, atomic documents."""

from __future__ import annotations

import json

from harness.schema import Manifest, SampleRecord
from harness.store import RunStore, latest_records
from harness.task import Status


def _rec(sid: str, status: Status = Status.COMPLETED, score: float | None = 1.0) -> SampleRecord:
    return SampleRecord(task="t", split="test", sample_id=sid, status=status, score=score)


def test_torn_last_line_is_cut_before_appending(tmp_path):
    store = RunStore.open(tmp_path)
    store.append_sync(_rec("a"))
    store.close()
    with (tmp_path / "samples.jsonl").open("ab") as f:
        f.write(b'{"task": "t", "split": "test", "sample_id": "b", "sta')  # killed mid-write
    store = RunStore.open(tmp_path)
    assert set(k[2] for k in store.finished()) == {"a"}
    store.append_sync(_rec("c"))
    store.close()
    lines = (tmp_path / "samples.jsonl").read_bytes().splitlines()
    assert [json.loads(x)["sample_id"] for x in lines] == ["a", "c"]


def test_finished_beats_errored_whatever_the_order(tmp_path):
    store = RunStore.open(tmp_path)
    store.append_sync(_rec("a", Status.ERRORED, None))
    store.append_sync(_rec("a", Status.COMPLETED, 0.0))
    store.append_sync(_rec("b", Status.COMPLETED, 1.0))
    store.append_sync(_rec("b", Status.ERRORED, None))
    store.close()
    latest = latest_records(tmp_path / "samples.jsonl")
    assert latest[("t", "test", "a")].status is Status.COMPLETED
    assert latest[("t", "test", "b")].status is Status.COMPLETED


def test_documents_are_replaced_atomically(tmp_path):
    store = RunStore.open(tmp_path)
    store.write_manifest(Manifest(run_id="one"))
    store.write_manifest(Manifest(run_id="two"))
    assert json.loads((tmp_path / "manifest.json").read_text())["run_id"] == "two"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_run_directory_is_used_by_one_process_at_a_time(tmp_path):
    import pytest

    from harness.errors import HarnessError

    first = RunStore.open(tmp_path)
    with pytest.raises(HarnessError, match="in use"):
        RunStore.open(tmp_path)
    first.close()
    RunStore.open(tmp_path).close()


def test_foreign_lines_are_ignored(tmp_path):
    store = RunStore.open(tmp_path)
    store.append_sync(_rec("a"))
    store.close()
    with (tmp_path / "samples.jsonl").open("a") as f:
        f.write('{"note": "hand-written"}\n[1, 2]\n')
    assert list(latest_records(tmp_path / "samples.jsonl")) == [("t", "test", "a")]
