"""HotpotQA on the official data (mirror) and end to end with the embedded model."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.data import resolve
from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.hotpotqa import HotpotQA
from tasks.services.wikicorpus import HOTPOTQA_SOURCE
from tests.embedded import embedded_model


async def test_oracle_scores_100_on_all_300_official_questions(mirror):
    resolved = resolve(HOTPOTQA_SOURCE, None)
    assert resolved.origin == "official"
    task = HotpotQA({"hotpotqa": Path(resolved.path)}, options={"wiki": "corpus"})
    samples = task.samples("all")
    assert len(samples) == 300 and len({s.id for s in samples}) == 300
    assert [len(task.samples(level)) for level in ("easy", "medium", "hard")] == [100, 100, 100]
    scores = []
    for sample in samples:
        record = await run_episode(task, sample, OracleModel(), RunContext(), "all")
        assert record.status is Status.COMPLETED and record.score == 1.0, (sample.id, record.error, record.metrics)
        assert "Could not find" not in record.trajectory[1].observation, sample.id
        scores.append((None, SampleScore(score=record.score, metrics=record.metrics)))
    total = task.aggregate(scores)
    assert total.value == pytest.approx(100.0) and total.metrics["em"] == pytest.approx(100.0)
    assert {k: v["n"] for k, v in total.metrics["per_level"].items()} == {"easy": 100, "hard": 100, "medium": 100}


@pytest.mark.slow
async def test_one_episode_with_theembedded_model():
    model = embedded_model()
    task = HotpotQA({"hotpotqa": Path(HotpotQA.sample_data) / "hotpotqa"}, options={"max_steps": 1, "wiki": "corpus"})
    sample = task.samples("easy")[0]
    try:
        record = await run_episode(task, sample, model, RunContext(), "easy")
    finally:
        await model.aclose()
    assert record.status.scored, record.error
    assert record.turns == 2  # one step: a thought call and an action call
    assert 0.0 <= record.score <= 1.0 and record.metrics["level"] == "easy"
