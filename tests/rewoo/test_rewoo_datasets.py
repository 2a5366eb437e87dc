"""ReWOO's dataset sampling: pandas' sampler, the HF train splits' files and row order, bad input."""

from __future__ import annotations

import io
import json
import tarfile

import pandas as pd
import pytest

from harness.errors import HarnessError
from tasks.rewoo import ReWOO
from tasks.rewoo.datasets import DATASETS, load_dataset, sample_positions
from tests.rewoo.helpers import SAMPLE, SOURCES, sample_task


def test_positions_are_pandas_sample_draws():
    frame = pd.DataFrame({"x": [f"row{i}" for i in range(90447)]})
    expected = frame.sample(50, random_state=2024).index.tolist()
    assert sample_positions(90447, 50, 2024) == expected
    assert sample_positions(3, 50, 2024) == [0, 1, 2]


def test_seven_datasets_in_eval_tgi_order():
    assert DATASETS == ("hotpot_qa", "trivia_qa", "gsm8k", "strategy_qa", "physics_question", "sports_understanding", "sotu_qa")
    assert set(ReWOO.splits) == {*DATASETS, "all"}
    assert {s.name for s in ReWOO.sources_for("strategy_qa")} == {"rewoo", "hotpotqa"}
    assert {s.name for s in ReWOO.sources_for("trivia_qa")} == {"rewoo", "triviaqa-rc", "hotpotqa"}


def test_trivia_qa_reads_web_then_wikipedia_train_with_stripped_fields():
    rows = load_dataset("trivia_qa", {n: SAMPLE / n for n in SOURCES}, None)
    assert [r["question"] for r in rows] == [
        "Which river flows through the market town of Eddington?", "Which instrument did Clara Venn play?",
        "In which year was the band Northlight formed?", "What kind of ship was the SS Calder?",
    ]
    assert [r["answer"] for r in rows] == ["River Wend", "Cello", "1994", "Cargo ship"]


def test_hotpot_qa_rows_carry_their_context_and_gsm8k_labels_follow_the_evaluator():
    task = sample_task()
    hotpot = task.samples("hotpot_qa")
    assert [s.id for s in hotpot] == [f"hotpot_qa/{i}" for i in range(6)]
    assert hotpot[0].data["context"][0][0] and hotpot[0].data["supporting_facts"][0][0] == "Marlow Clockworks"
    assert [s.data["answer"] for s in task.samples("gsm8k")] == ["7", "120"]


def _write_tar(path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    ("dataset", "write", "needle"),
    [
        ("hotpot_qa", lambda d: (d / "hotpotqa-train" / "hotpot_train_v1.1.json").write_text('{"a": 1}'), "expected a JSON array"),
        ("hotpot_qa", lambda d: (d / "hotpotqa-train" / "hotpot_train_v1.1.json").write_text('[{"question": "q"}]'), "lacks question or answer"),
        ("trivia_qa", lambda d: _write_tar(d / "triviaqa-rc" / "triviaqa-rc.tar.gz",
                                           {"qa/web-train.json": json.dumps({"Data": []}).encode()}), "lacks qa/wikipedia-train.json"),
        ("trivia_qa", lambda d: (d / "triviaqa-rc" / "triviaqa-rc.tar.gz").write_bytes(b"not a tar"), "malformed triviaqa-rc.tar.gz"),
        ("gsm8k", lambda d: (d / "gsm8k" / "train.jsonl").write_text('{"question": "q", "answer": "no marker"}\n'), "line 1"),
    ],
)
def test_malformed_files_are_one_line_errors(tmp_path, dataset, write, needle):
    for name in SOURCES:
        (tmp_path / name).mkdir()
    write(tmp_path)
    with pytest.raises(HarnessError, match="rewoo: malformed") as exc:
        load_dataset(dataset, {n: tmp_path / n for n in SOURCES}, 50)
    assert needle in str(exc.value) and "\n" not in str(exc.value)
