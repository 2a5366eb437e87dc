"""ReWOO on the official data (mirror) and end to end with the embedded model."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from harness.data import resolve
from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.rewoo import ReWOO
from tasks.rewoo.datasets import DATASETS
from tests.embedded import embedded_model
from tests.rewoo.helpers import SAMPLE, SOURCES

MIRRORED = ("rewoo", "gsm8k", "hotpotqa")
"""The sources the data mirror holds (the HotpotQA/TriviaQA training files are not mirrored)."""


def official_task(**options) -> ReWOO:
    options.setdefault("wiki", "corpus")
    dirs = {}
    for source in ReWOO.sources:
        resolved = resolve(source, ReWOO.sample_data)
        assert (resolved.origin == "official") == (source.name in MIRRORED), source.name
        dirs[source.name] = Path(resolved.path)
    return ReWOO(dirs, options=options)


async def test_oracle_scores_100_on_the_official_samples(mirror):
    task = official_task()
    samples = task.samples("all")
    assert len(samples) == 50 * 5 + 6 + 4 and len({s.id for s in samples}) == len(samples)
    scores = []
    for sample in samples:
        record = await run_episode(task, sample, OracleModel(), RunContext(), "all")
        assert record.status is Status.COMPLETED and record.score == 1.0, (sample.id, record.error, record.metrics)
        scores.append((None, SampleScore(score=record.score, metrics=record.metrics)))
    total = task.aggregate(scores)
    assert total.value == pytest.approx(100.0)
    assert {k: v["n"] for k, v in total.metrics["per_dataset"].items()} == {
        d: 50 if d not in ("hotpot_qa", "trivia_qa") else (6 if d == "hotpot_qa" else 4) for d in DATASETS}


def test_samples_are_the_ones_rewoo_drew(mirror):
    """``df.sample(50, random_state=2024)`` as ReWOO's DataLoader: same rows in the same order, for
    the CSVs and for the GSM8K train split (the HF script's rows: train.jsonl in line order)."""
    task = official_task()
    frame = pd.read_csv(task.data["rewoo"] / "data/bigbench/strategy_qa.csv")
    expected = frame.sample(50, random_state=2024)["input"].tolist()
    assert [s.data["question"] for s in task.samples("strategy_qa")] == expected
    lines = (task.data["gsm8k"] / "train.jsonl").read_text(encoding="utf-8").splitlines()
    train = pd.DataFrame([json.loads(line) for line in lines])
    assert len(train) == 7473
    drawn = train.sample(50, random_state=2024)
    gsm = task.samples("gsm8k")
    assert [s.data["question"] for s in gsm] == drawn["question"].tolist()
    assert [s.data["answer"] for s in gsm] == [a.split("#### ")[1] for a in drawn["answer"]]


async def test_offline_wikipedia_for_datasets_without_context_is_the_union_of_hotpotqa_pages(mirror):
    task = official_task()
    wiki = task._union_wiki()
    assert len(wiki) > 2500
    env = task.make_env(task.samples("strategy_qa")[0], RunContext())
    assert env.toolbox.run("Wikipedia", "Barack Obama").startswith("Barack Hussein Obama II")
    assert env.toolbox.run("LookUp", "president").startswith("(Result 1/")


@pytest.mark.slow
async def test_one_episode_with_theembedded_model():
    model = embedded_model()
    task = ReWOO({name: SAMPLE / name for name in SOURCES}, options={"max_llm_calls": 1, "wiki": "corpus"})
    sample = task.samples("gsm8k")[0]
    try:
        record = await run_episode(task, sample, model, RunContext(), "gsm8k")
    finally:
        await model.aclose()
    assert record.status.scored, record.error
    assert 1 <= record.turns <= 4
    assert 0.0 <= record.score <= 1.0 and record.metrics["main_metric"] == "f1"
