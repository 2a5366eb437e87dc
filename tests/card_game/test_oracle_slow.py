"""The oracle player over the paper's whole split: at least 90% wins in each of the four cells."""

from __future__ import annotations

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.card_game import CardGame


@pytest.mark.slow
async def test_oracle_wins_at_least_90_percent_of_ext_games_in_every_cell():
    task = CardGame()
    scores = []
    for sample in task.samples("ext"):
        record = await run_episode(task, sample, OracleModel(), RunContext(seed=0), "ext")
        assert record.status is Status.COMPLETED, (sample.id, record.error)
        assert record.oracle is not None and (record.score == 1.0) == record.oracle.solvable
        scores.append((sample, SampleScore(score=record.score, metrics=record.metrics)))
    total = task.aggregate(scores)
    cells = {k: v for k, v in total.metrics.items() if k.startswith("win_rate_")}
    assert len(cells) == 4 and all(v >= 90.0 for v in cells.values()), cells
