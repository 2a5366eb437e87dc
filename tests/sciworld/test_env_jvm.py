"""Episodes on the real ScienceWorld JVM: oracle, invalid-action stop, Think turns, JVM reuse."""

from __future__ import annotations

import asyncio

import pytest

from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.sciworld import SciWorld

# Short test variations whose gold path reaches 100 under the full protocol (scienceworld 1.2.3);
# task02-var28 and task03-var32 need the gold policy's phrasing ("pick up recipe" is "pick up
# instructions to make sugar water" in the valid list; "pour X in Y" is "pour X into Y").
FAST_GOLD = ("task05-var261", "task07-var295", "task08-var229", "task02-var28", "task03-var32")


class Scripted(Model):
    """Answers the next output of a fixed list."""

    name = adapter = "scripted"

    def __init__(self, outputs: list[str]):
        self.outputs = list(outputs)
        self.calls = 0

    async def generate(self, request: GenerationRequest) -> Generation:
        self.calls += 1
        return Generation(text=self.outputs.pop(0) if self.outputs else "")


@pytest.fixture(scope="module")
def task():
    t = SciWorld()
    yield t
    asyncio.run(t.stop())


@pytest.fixture(scope="module")
def samples(task):
    return {s.id: s for s in task.samples("test")}


def test_test_split_selection(samples, task):
    assert len(samples) == 270
    by_task = {}
    for s in samples.values():
        by_task.setdefault(s.data["task_num"], []).append(s.data["variation"])
    assert len(by_task) == 30
    assert len(by_task[15]) == 9 and len(by_task[25]) == 5 and len(by_task[0]) == 9
    assert by_task[0] == [26, 27, 28, 25, 24, 21, 29, 22, 23]  # seed-1 shuffle of boil's test variations
    assert [s.data["variation"] for s in task.samples("dev") if s.data["task_num"] == 0] == [14, 15, 16]


async def test_oracle_reaches_100_with_a_fresh_jvm_per_episode(task, samples):
    for sid in FAST_GOLD:
        record = await run_episode(task, samples[sid], OracleModel(), RunContext(), "test")
        assert record.error is None, record.error
        assert record.status == Status.COMPLETED, (sid, record.metrics)
        assert record.score == 1.0 and record.metrics["env_score"] == 100, (sid, record.metrics)
        assert record.trajectory[0].output.startswith("Action: ")
    assert task.pool.started >= len(FAST_GOLD)  # every episode had a JVM that had loaded nothing


async def test_a_variation_plays_the_same_whatever_ran_before(task, samples):
    """The simulator keeps state across loads in one JVM (the same variation can hold other
    objects); with a fresh JVM per episode the world is the same whatever ran before: the same
    first prompt and the same first observations. (Not the whole trajectory: inside one JVM the
    simulator still draws the names of identical objects in its valid-action list from its random
    stream, so a later gold step can find its focus target under another name and be withheld:
    ``focus_withheld`` in tasks/sciworld/README.md; seen once in a full-suite run.)"""
    sid = "task05-var248"
    first = await run_episode(task, samples[sid], OracleModel(), RunContext(), "test")
    await run_episode(task, samples["task05-var243"], OracleModel(), RunContext(), "test")
    again = await run_episode(task, samples[sid], OracleModel(), RunContext(), "test")
    assert [m.content for m in first.messages] == [m.content for m in again.messages]
    assert [t.output for t in first.trajectory[:2]] == [t.output for t in again.trajectory[:2]]
    assert [t.observation for t in first.trajectory[:2]] == [t.observation for t in again.trajectory[:2]]
    for record in (first, again):  # 100, or a miss the oracle explains (the names, above)
        assert record.score == 1.0 or (record.oracle is not None and record.oracle.reason is not None), record.metrics


async def test_ten_consecutive_invalid_actions_stop(task, samples):
    outputs = [f"Action: zzq{i}" for i in range(12)]  # nothing to map onto; distinct, so no loop stop
    model = Scripted(outputs)
    record = await run_episode(task, samples["task05-var261"], model, RunContext(), "test")
    assert record.status == Status.INVALID_ACTION
    assert record.turns == 10 and model.calls == 10
    assert record.score < 0.1  # only what the start position is worth (find-animal: 8)
    assert all(t.invalid for t in record.trajectory)
    assert record.trajectory[0].observation == "No known action matches that input."


async def test_think_turns_and_malformed_output_are_scored(task, samples):
    outputs = ["Think: I should look for an animal.", "", "Think: again", "Action: zzq", "Action: zzr"] * 3
    model = Scripted(outputs)
    record = await run_episode(task, samples["task07-var261"], model, RunContext(), "test")
    assert record.error is None
    assert record.trajectory[0].observation == "OK." and not record.trajectory[0].invalid
    assert record.trajectory[1].invalid  # empty output: an invalid (mapped) action, not a crash
    assert record.status.scored and record.score is not None
    assert record.metrics["task_num"] == 7
