"""ReWOO on the official data (mirror) and end to end with the embedded model."""

from __future__ import annotations

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


def official_task(**options) -> ReWOO:
    dirs = {}
    for source in ReWOO.sources:
        resolved = resolve(source, None)
        assert resolved.origin == "official"
        dirs[source.name] = Path(resolved.path)
    return ReWOO(dirs, options=options)


async def test_oracle_scores_100_on_the_300_official_samples(mirror):
    task = official_task()
    samples = task.samples("all")
    assert len(samples) == 50 * len(DATASETS) and len({s.id for s in samples}) == len(samples)
    scores = []
    for sample in samples:
        record = await run_episode(task, sample, OracleModel(), RunContext(), "all")
        assert record.status is Status.COMPLETED and record.score == 1.0, (sample.id, record.error, record.metrics)
        scores.append((None, SampleScore(score=record.score, metrics=record.metrics)))
    total = task.aggregate(scores)
    assert total.value == pytest.approx(100.0)
    assert {k: v["n"] for k, v in total.metrics["per_dataset"].items()} == {d: 50 for d in DATASETS}


def test_csv_samples_are_the_ones_rewoo_drew(mirror):
    """``df.sample(50, random_state=2024)`` as ReWOO's DataLoader, same rows in the same order."""
    task = official_task()
    frame = pd.read_csv(task.data["rewoo"] / "data/bigbench/strategy_qa.csv")
    expected = frame.sample(50, random_state=2024)["input"].tolist()
    assert [s.data["question"] for s in task.samples("strategy_qa")] == expected
    gsm = task.samples("gsm8k")
    assert all(s.data["answer"].replace(",", "").lstrip("-").isdigit() for s in gsm)
    assert task.samples("gsm8k") == gsm  # deterministic


async def test_wikipedia_for_datasets_without_context_is_the_union_of_hotpotqa_pages(mirror):
    task = official_task()
    wiki = task._union_wiki()
    assert len(wiki) > 2500
    env = task.make_env(task.samples("strategy_qa")[0], RunContext())
    assert env.toolbox.run("Wikipedia", "Barack Obama").startswith("Barack Hussein Obama II")
    assert env.toolbox.run("LookUp", "president").startswith("(Result 1/")


@pytest.mark.slow
async def test_one_episode_with_theembedded_model():
    model = embedded_model()
    task = ReWOO({name: Path(ReWOO.sample_data) / name for name in ("rewoo", "gsm8k", "hotpotqa")},
                 options={"max_llm_calls": 1})
    sample = task.samples("gsm8k")[0]
    try:
        record = await run_episode(task, sample, model, RunContext(), "gsm8k")
    finally:
        await model.aclose()
    assert record.status.scored, record.error
    assert 1 <= record.turns <= 3
    assert 0.0 <= record.score <= 1.0 and record.metrics["main_metric"] == "f1"
