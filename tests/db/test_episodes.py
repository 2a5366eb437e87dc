"""Whole episodes through the one agent loop: oracle on the bundled sample, malformed outputs,
the 15-statement limit, and the prompt."""

from __future__ import annotations

import asyncio

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.dbbench.prompt import BIG_PROMPT


def play(task, sample, model):
    return asyncio.run(run_episode(task, sample, model, RunContext(), sample.split))


def by_type(task):
    return {s.data["type"][0]: s for s in task.samples("std")}


def test_oracle_scores_the_bundled_sample(sample_task):
    samples = sample_task.samples("std")
    assert sorted(s.data["type"][0] for s in samples) == ["INSERT", "UPDATE", "counting"]
    records = [play(sample_task, s, OracleModel()) for s in samples]
    assert [(r.status, r.score) for r in records] == [(Status.COMPLETED, 1.0)] * 3
    agg = sample_task.aggregate([(None, _score(r)) for r in records])
    assert agg.value == 100.0 and agg.metrics["INSERT_n"] == 1


def _score(record):
    from harness.task import SampleScore

    return SampleScore(score=record.score, metrics=record.metrics)


def test_prompt_and_observations(sample_task, scripted):
    sample = by_type(sample_task)["counting"]
    model = scripted([
        "Let me count.\nAction: Operation\n```sql\nSELECT COUNT(*) FROM `Lighthouse Keepers Roster` WHERE Station = 'north rock';\n```",
        "Action: Operation\n```sql\nSELECT nope FROM `Lighthouse Keepers Roster`\n```",
        'Action: Answer\nFinal Answer: ["2"]',
    ])  # fmt: skip
    record = play(sample_task, sample, model)
    first = model.requests[0].messages
    assert [m.role for m in first] == ["user", "assistant", "user"]
    assert first[0].content == BIG_PROMPT and first[1].content == "Ok."
    assert first[2].content == sample.data["description"] + "\n" + sample.data["add_description"]
    assert [t.observation for t in record.trajectory[:2]] == [
        "[(2,)]",
        "1054 (42S22): Unknown column 'nope' in 'SELECT'",
    ]
    assert record.status == Status.COMPLETED and record.score == 1.0
    assert model.requests[-1].params.max_new_tokens == 128


def test_malformed_outputs_are_scored_invalid(sample_task, scripted):
    sample = by_type(sample_task)["counting"]
    for output in ["", "I do not know.", 'Final Answer: ["2"]', "Action: Operation\nSELECT 1;", "\x00\udcff garbage"]:
        record = play(sample_task, sample, scripted([output]))
        assert record.status == Status.INVALID_FORMAT, output
        assert record.score == 0.0 and record.error is None
        assert record.trajectory[-1].invalid


def test_answer_without_action_line_still_counts(sample_task, scripted):
    record = play(sample_task, by_type(sample_task)["counting"], scripted(['I am sure.\nFinal Answer: ["2.0"]']))
    assert record.status == Status.COMPLETED and record.score == 1.0


def test_fifteen_statements_then_the_last_output_must_answer(sample_task, scripted):
    sample = by_type(sample_task)["UPDATE"]
    op = "Action: Operation\n```sql\nSELECT 1;\n```"
    model = scripted([], last=op)
    record = play(sample_task, sample, model)
    assert record.status == Status.TASK_LIMIT_REACHED
    assert record.turns == 16 and record.metrics["rounds"] == 15
    assert record.trajectory[-1].observation is None  # the 16th statement is not run
    assert record.score == 0.0  # the table was not changed


def test_modification_is_scored_whatever_the_ending(sample_task, scripted):
    sample = by_type(sample_task)["UPDATE"]
    gold = sample.data["label"][0]
    record = play(sample_task, sample, scripted([f"Action: Operation\n```sql\n{gold}\n```", "no answer at all"]))
    assert record.status == Status.INVALID_FORMAT and record.score == 1.0


def test_wrong_insert_scores_zero(sample_task, scripted):
    sample = by_type(sample_task)["INSERT"]
    sql = "INSERT INTO `Community Garden Plots` (Plot, Gardener, Crop) VALUES ('C4', 'Ines Okafor', 'Kale ')"
    record = play(
        sample_task, sample, scripted([f"Action: Operation\n```sql\n{sql}\n```", "Action: Answer\nFinal Answer: []"])
    )
    assert record.status == Status.COMPLETED and record.score == 0.0


def test_unencodable_sql_is_an_observation_not_a_crash(sample_task, scripted):
    sample = by_type(sample_task)["counting"]
    op = "Action: Operation\n```sql\nSELECT '\udcff';\n```"
    record = play(sample_task, sample, scripted([op, 'Action: Answer\nFinal Answer: ["2"]']))
    assert record.status == Status.COMPLETED and record.error is None
    assert "codec can't encode" in record.trajectory[0].observation
