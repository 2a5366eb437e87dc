"""Aggregation (per-task mean, then mean over tasks) and trimming (no JVM)."""

from harness.model import Message
from harness.task import SampleScore
from tasks.sciworld import SciWorld
from tasks.sciworld.gold import miss_reason
from tasks.sciworld.trimming import render_llama2, token_counter, trim


def test_aggregate_macro_over_tasks():
    scores = [
        (None, SampleScore(score=1.0, metrics={"task_num": 0})),
        (None, SampleScore(score=0.5, metrics={"task_num": 0})),
        (None, SampleScore(score=0.25, metrics={"task_num": 3})),
    ]
    result = SciWorld().aggregate(scores)
    assert result.value == (75.0 + 25.0) / 2
    assert result.n == 3 and result.metrics["tasks"] == 2
    assert abs(result.metrics["micro_mean"] - 175 / 3) < 1e-9


def test_miss_reasons():
    assert miss_reason("step_limit", {"gold_left": 12}) == "step_limit"  # gold path longer than the move limit
    assert miss_reason("step_limit", {"gold_left": 0}) is None  # gold was done: nothing explains it
    assert miss_reason("loop", {"gold_left": 0, "withheld": ["focus on common toad"]}) == "focus_withheld"
    assert miss_reason("loop", {"gold_left": 0, "withheld": ["close door to outside"]}) == "door_withheld"
    assert miss_reason("loop", {"gold_left": 0, "no_counterpart": ["pick up cup"]}) is None


def test_trim_drops_example_pairs_then_example_opening():
    def u(t):
        return Message(role="user", content=t)

    def a(t):
        return Message(role="assistant", content=t)

    turns = [
        u("instr"),
        a("Ok."),
        u("ex-obs " * 50),
        a("ex-act1"),
        u("ex-o2 " * 50),
        a("ex-act2"),
        u("ex-o3 " * 50),
        a("ex-act3"),
    ]
    turns += [u("The preceding task has ended. Now, I will start a new task.\nnew"), a("act"), u("obs")]
    count = token_counter()[1]
    full = count(render_llama2("sys", turns))
    t1 = list(turns)
    trim("sys", t1, limit=full - 1)
    assert [m.content[:6] for m in t1] == [
        "instr",
        "Ok.",
        "ex-obs",
        "ex-act",
        "ex-o3 ",
        "ex-act",
        "The pr",
        "act",
        "obs",
    ]
    t2 = list(turns)
    trim("sys", t2, limit=count(render_llama2("sys", t1)) - 1)
    assert [m.content[:6] for m in t2] == ["instr", "Ok.", "The pr", "act", "obs"]
    assert token_counter()[0].endswith("cl100k_base")


def test_env_step_limit_option():
    import pytest

    from harness.errors import ConfigError

    assert SciWorld().step_limit == 100 and SciWorld().max_turns == 200
    task = SciWorld(options={"env_step_limit": "300"})
    assert task.step_limit == 300 and task.max_turns == 600
    with pytest.raises(ConfigError):
        SciWorld(options={"env_step_limit": "abc"})
