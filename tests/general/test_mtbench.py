"""MT-Bench: rating parsing, judge prompt choice, retries and judge errors, temperatures, a run
judged by the embedded SmolLM2 model."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from harness.data import resolve
from harness.errors import HarnessError
from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.mtbench import MAX_NEW_TOKENS, ORACLE_PLACEHOLDER, MTBench
from tasks.mtbench.judge import JUDGE_ATTEMPTS, parse_rating, prompt_name
from tasks.mtbench.source import SOURCE
from tests.embedded import embedded_model

SAMPLE = Path(MTBench.sample_data) / "mtbench"


def sample_task() -> MTBench:
    return MTBench({"mtbench": SAMPLE})


class ScriptedJudge(Model):
    """Answers judge requests from a script (one entry per call, the last repeated)."""

    name = "scripted-judge"

    def __init__(self, outputs: list[str]):
        self.outputs = outputs
        self.requests: list[GenerationRequest] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        return Generation(text=self.outputs[min(len(self.requests), len(self.outputs)) - 1])


@pytest.mark.parametrize(
    ("judgment", "rating"),
    [
        ("Good answer. Rating: [[8]]", 8.0),
        ("Rating: [[7.5]] and later [[2]]", 7.5),
        ("Rating: [9]", 9.0),  # FastChat's [x] fallback
        ("[[3]] beats [10]", 3.0),
        ("Rating: 8/10", None),
        ("Rating: [[0]]", None),  # outside the 1-10 scale
        ("as of [2023] this is fine", None),
        ("", None),
    ],
)
def test_parse_rating(judgment, rating):
    assert parse_rating(judgment) == rating


def test_prompt_choice_per_category_and_turn():
    assert prompt_name("writing", 1) == "single-v1"
    assert prompt_name("stem", 2) == "single-v1-multi-turn"
    assert prompt_name("math", 1) == "single-math-v1"
    assert prompt_name("coding", 2) == "single-math-v1-multi-turn"
    assert prompt_name("reasoning", 2) == "single-math-v1-multi-turn"


def test_temperatures_per_category(mirror):
    task = MTBench({"mtbench": Path(resolve(SOURCE, None).path)})
    samples = task.samples("test")
    assert len(samples) == 80
    assert Counter(s.data["category"] for s in samples) == Counter(
        {c: 10 for c in ("writing", "roleplay", "reasoning", "math", "coding", "extraction", "stem", "humanities")}
    )
    expected = {"writing": 0.7, "roleplay": 0.7, "stem": 0.1, "humanities": 0.1}
    for s in samples:
        p = task.params(s)
        assert p.max_new_tokens == 4096
        t = expected.get(s.data["category"], 0.0)
        assert p.temperature == t and p.do_sample is (t > 0) and p.sampling is (t > 0)


async def test_start_without_judge_is_a_clear_error():
    with pytest.raises(HarnessError, match="needs --judge"):
        await sample_task().start(RunContext())


async def test_conversation_and_judge_prompts():
    task = sample_task()
    math_q = task.samples("test")[1]
    judge = ScriptedJudge(["fine [[6]]", "ok [[4]]"])
    ctx = RunContext(judge=judge)
    await task.start(ctx)
    record = await run_episode(task, math_q, OracleModel(), ctx, "test")
    assert record.status is Status.COMPLETED and record.score == 5.0
    assert [m.role for m in record.messages] == ["system", "user"]
    assert record.messages[0].content == "You are a helpful, respectful and honest assistant."
    turn = record.trajectory[0]
    turn2_context = record.messages[: turn.next_messages_prefix] + turn.next_messages
    assert [m.role for m in turn2_context] == ["system", "user", "assistant", "user"]
    assert turn2_context[-1].content == math_q.data["turns"][1]
    first, second = judge.requests
    assert first.params.temperature == 0.0 and first.params.max_new_tokens == 2048
    assert first.messages[0].content == "You are a helpful assistant."
    assert "[The Start of Reference Answer]\nThe area of a rectangle" in first.messages[1].content
    assert "### Reference answer:\nDoubling both sides" in second.messages[1].content
    assert second.messages[0].content.startswith("Please act as an impartial judge")
    m = record.metrics
    assert (m["turn1_rating"], m["turn2_rating"], m["category"], m["judge"]) == (6.0, 4.0, "math", "scripted-judge")
    assert [j["prompt"] for j in m["judgments"]] == ["single-math-v1", "single-math-v1-multi-turn"]


async def test_unparseable_judgment_is_retried_then_recorded():
    task = sample_task()
    writing = task.samples("test")[0]
    # turn 1: garbage, then a rating on the retry; turn 2: garbage on every attempt
    judge = ScriptedJudge(["no rating here", "Rating: [[9]]"] + ["still nothing"] * JUDGE_ATTEMPTS)
    ctx = RunContext(judge=judge)
    record = await run_episode(task, writing, OracleModel(), ctx, "test")
    assert record.status is Status.COMPLETED
    m = record.metrics
    assert m["turn1_rating"] == 9.0 and m["turn1_judge_error"] is None
    assert m["turn2_rating"] is None and "no [[rating]]" in m["turn2_judge_error"]
    assert m["judge_errors"] == 1 and record.score == 9.0
    assert len(m["judgments"][1]["judgments"]) == JUDGE_ATTEMPTS
    retry = judge.requests[1].params
    assert retry.temperature > 0 and retry.seed is not None  # a greedy retry would repeat itself
    agg = task.aggregate([(None, SampleScore(score=record.score, metrics=m))])
    assert agg.value == 9.0 and agg.metrics["judge_errors"] == 1
    assert agg.metrics["by_turn"] == {"turn1": {"mean": 9.0, "n": 1}}


async def test_judge_attempts_option():
    task = MTBench({"mtbench": SAMPLE}, {"judge_attempts": "1"})
    judge = ScriptedJudge(["no rating", "Rating: [[2]]"])
    record = await run_episode(task, task.samples("test")[0], OracleModel(), RunContext(judge=judge), "test")
    assert len(judge.requests) == 2  # one call per turn, no retry
    assert record.metrics["turn1_judge_error"] and record.metrics["turn2_rating"] == 2.0
    with pytest.raises(HarnessError):
        MTBench({"mtbench": SAMPLE}, {"judge_attempts": "0"})


async def test_no_rating_at_all_errors_the_sample():
    task = sample_task()
    record = await run_episode(
        task, task.samples("test")[0], OracleModel(), RunContext(judge=ScriptedJudge(["meh"])), "test"
    )
    assert record.status is Status.ERRORED and "no usable rating" in record.error


def test_oracle_answers_and_aggregate():
    task = sample_task()
    writing, math_q = task.samples("test")
    assert task.oracle(writing, None) == [ORACLE_PLACEHOLDER, ORACLE_PLACEHOLDER]
    assert task.oracle(math_q, None)[0].startswith("The area of a rectangle")
    scores = [
        (
            None,
            SampleScore(
                score=7.0, metrics={"category": "writing", "turn1_rating": 8.0, "turn2_rating": 6.0, "judge": "j"}
            ),
        ),
        (
            None,
            SampleScore(
                score=2.0,
                metrics={
                    "category": "math",
                    "turn1_rating": 2.0,
                    "turn2_rating": None,
                    "judge_errors": 1,
                    "judge": "j",
                },
            ),
        ),
    ]
    agg = task.aggregate(scores)
    assert agg.value == pytest.approx(16 / 3) and agg.n == 2
    assert agg.metrics["by_category"]["math"] == {"mean": 2.0, "n": 1}
    assert agg.metrics["by_turn"]["turn2"] == {"mean": 6.0, "n": 1}
    assert agg.metrics["judge"] == ["j"] and agg.metrics["judge_errors"] == 1


@pytest.mark.slow
async def test_run_judged_by_embedded_model(monkeypatch):
    """SmolLM2 answers one question and judges it; its judgments are often unparseable, so the
    retry and judge-error paths run for real. Token limits are cut for CI time only."""
    import tasks.mtbench.judge as judge_mod
    from tasks import mtbench

    assert MAX_NEW_TOKENS == 4096
    monkeypatch.setattr(mtbench, "MAX_NEW_TOKENS", 96)
    monkeypatch.setattr(judge_mod, "JUDGE_PARAMS", judge_mod.JUDGE_PARAMS.model_copy(update={"max_new_tokens": 96}))
    model = embedded_model()
    try:
        task = sample_task()
        ctx = RunContext(judge=model)
        await task.start(ctx)
        record = await run_episode(task, task.samples("test")[1], model, ctx, "test")
    finally:
        await model.aclose()
    assert record.turns == 2
    if record.status is Status.ERRORED:  # no usable rating in any turn: recorded, not dropped
        assert "no usable rating" in record.error
        return
    assert record.status is Status.COMPLETED
    m = record.metrics
    assert m["judge"] == model.name and len(m["judgments"]) == 2
    for turn in (1, 2):
        verdict = m["judgments"][turn - 1]
        assert 1 <= len(verdict["judgments"]) <= JUDGE_ATTEMPTS
        assert (m[f"turn{turn}_rating"] is None) == (m[f"turn{turn}_judge_error"] is not None)
    rated = [m[f"turn{t}_rating"] for t in (1, 2) if m[f"turn{t}_rating"] is not None]
    assert record.score == pytest.approx(sum(rated) / len(rated))
