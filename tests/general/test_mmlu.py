"""MMLU: prompt rendering, letter extraction, log-prob scoring, modes, oracle on the full data."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from harness.data import resolve
from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.mmlu import MMLU
from tasks.mmlu.categories import CATEGORY_SUBJECTS, category_of
from tasks.mmlu.prompt import CHOICES, build_messages, raw_prompt
from tasks.mmlu.scoring import aggregate_scores, argmax_letter, extract_letter, score_answer
from tasks.mmlu.source import SOURCE, SUBJECTS, Question
from tests.embedded import embedded_model

SAMPLE = Path(MMLU.sample_data) / "mmlu"


def sample_task() -> MMLU:
    return MMLU({"mmlu": SAMPLE})


def test_prompt_is_llama2_chat_with_answer_suffix():
    shots = [
        Question(question=f"q{i}?", options=(f"a{i}", f"b{i}", f"c{i}", f"d{i}"), answer="ABCDA"[i]) for i in range(5)
    ]
    test = Question(question="Which?", options=("w", "x", "y", "z "), answer="B")
    expected = (
        "[INST] <<SYS>>\n"
        "The following is a multiple-choice question about college physics. Please choose the most "
        "suitable one among A, B, C and D as the answer to this question.\n<</SYS>>\n\n"
        "Question: q0?\nA. a0\nB. b0\nC. c0\nD. d0 [/INST] Answer: A </s><s>"
        "[INST] Question: q1?\nA. a1\nB. b1\nC. c1\nD. d1 [/INST] Answer: B </s><s>"
        "[INST] Question: q2?\nA. a2\nB. b2\nC. c2\nD. d2 [/INST] Answer: C </s><s>"
        "[INST] Question: q3?\nA. a3\nB. b3\nC. c3\nD. d3 [/INST] Answer: D </s><s>"
        "[INST] Question: q4?\nA. a4\nB. b4\nC. c4\nD. d4 [/INST] Answer: A </s><s>"
        "[INST] Question: Which?\nA. w\nB. x\nC. y\nD. z [/INST] Answer: "
    )
    messages = build_messages("college_physics", shots, test)
    assert [m.role for m in messages] == ["system"] + ["user", "assistant"] * 5 + ["user"]
    assert raw_prompt(messages) == expected


def test_prompt_matches_fastchat_llama2_template():
    conversation = pytest.importorskip("fastchat.conversation", reason="fschat not installed")
    task = sample_task()
    sample = task.samples("test")[0]
    env = task.make_env(sample, RunContext())
    conv = conversation.get_conv_template("llama-2")
    conv.set_system_message(env.messages[0].content)
    for m in env.messages[1:]:
        conv.append_message(conv.roles[0 if m.role == "user" else 1], m.content)
    conv.append_message(conv.roles[1], None)
    assert env.raw_prompt == conv.get_prompt() + " Answer: "
    assert env.choices == (" A", " B", " C", " D")


def test_template_option_model_sends_messages_only():
    task = MMLU({"mmlu": SAMPLE}, {"mmlu_template": "model"})
    env = task.make_env(task.samples("test")[0], RunContext())
    assert env.raw_prompt is None and env.messages[-1].role == "user"


def test_samples_and_splits_of_bundled_set():
    task = sample_task()
    test = task.samples("test")
    assert [s.id for s in test] == ["astronomy/0", "astronomy/1", "high_school_geography/0", "high_school_geography/1"]
    assert len(task.samples("val")) == 2
    assert test[0].data["answer"] == "C"


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("B", "B"),
        (" C", "C"),
        ("(D)", "D"),
        ("A. Mercury", "A"),
        ("Answer: C", "C"),
        ("The answer is B.", "B"),
        ("A good guess: the answer is D", "D"),
        ("I think it is\nC) Distance", "C"),
        ("distance", "C"),
        ("I do not know", None),
        ("", None),
    ],
)
def test_extract_letter(text, letter):
    assert extract_letter(text, ("Time", "Brightness", "Distance", "Mass")) == letter


def test_argmax_letter_uses_logprobs_not_text():
    assert argmax_letter({" A": -3.0, " B": -0.5, " C": -1.0, " D": -math.inf}) == "B"
    assert argmax_letter({" A": -1.0, " B": -1.0}) == "A"  # ties: first, as numpy argmax
    score = score_answer(
        " A", {" A": -2.0, " B": -1.0, " C": -0.1, " D": -5.0}, gold="C", subject="anatomy", category="x", options=()
    )
    assert score.score == 1.0 and score.metrics["mode"] == "logprob" and score.metrics["pred"] == "C"


def test_invalid_generation_is_scored_zero():
    score = score_answer("no idea", None, gold="A", subject="anatomy", category=category_of("anatomy"), options=())
    assert score.score == 0.0 and score.metrics["invalid"] and score.metrics["mode"] == "generation"


def test_aggregate_does_not_mix_modes():
    def s(mode, ok, subject="anatomy"):
        return (
            None,
            SampleScore(score=float(ok), metrics={"mode": mode, "subject": subject, "category": category_of(subject)}),
        )

    agg = aggregate_scores(
        [s("logprob", 1), s("logprob", 0), s("generation", 1), s("generation", 1), s("generation", 1)]
    )
    assert agg.value == 50.0 and agg.n == 2
    assert agg.metrics["mode"] == "logprob" and agg.metrics["mixed_modes"] is True
    assert agg.metrics["by_mode"]["generation"] == {"accuracy": 100.0, "n": 3}
    only_gen = aggregate_scores([s("generation", 1, "sociology"), s("generation", 0, "virology")])
    assert only_gen.metrics["mode"] == "generation" and not only_gen.metrics["mixed_modes"]
    assert only_gen.metrics["by_category"]["social sciences"] == {"accuracy": 100.0, "n": 1}


def test_category_map_covers_the_57_subjects():
    listed = [s for subjects in CATEGORY_SUBJECTS.values() for s in subjects]
    assert sorted(listed) == sorted(SUBJECTS) and len(listed) == 57


class _DisagreeingModel(Model):
    """Generates "A" but its log-probabilities favour the gold letter."""

    name = "disagree"
    supports_logprobs = True

    def __init__(self, gold: str):
        self.gold = gold

    async def generate(self, request: GenerationRequest) -> Generation:
        lps = {c: (-0.1 if c.strip() == self.gold else -4.0) for c in request.choices or ()}
        return Generation(text="A", choice_logprobs=lps)


async def test_loop_logprobs_decide_the_answer():
    task = sample_task()
    sample = task.samples("test")[0]  # gold C
    record = await run_episode(task, sample, _DisagreeingModel("C"), RunContext(), "test")
    assert record.metrics["mode"] == "logprob" and record.score == 1.0


async def test_oracle_on_bundled_sample():
    task = sample_task()
    for sample in task.samples("test") + task.samples("val"):
        record = await run_episode(task, sample, OracleModel(), RunContext(), sample.split)
        assert record.status is Status.COMPLETED and record.score == 1.0, record.metrics


@pytest.mark.slow
async def test_logprob_scoring_withembedded_model():
    model = embedded_model()
    task = sample_task()
    try:
        for sample in task.samples("test")[:2]:
            env = task.make_env(sample, RunContext())
            messages = await env.areset()
            request = GenerationRequest(
                messages=tuple(messages), params=task.params(sample), choices=env.choices, raw_prompt=env.raw_prompt
            )
            gen = await model.generate(request)
            assert gen.choice_logprobs is not None and set(gen.choice_logprobs) == set(CHOICES)
            assert all(math.isfinite(v) and v <= 0.0 for v in gen.choice_logprobs.values())
            env.last_generation = gen
            await env.astep(gen.text)
            score = await env.aevaluate(Status.COMPLETED)
            assert score.metrics["mode"] == "logprob"
            assert score.metrics["pred"] == argmax_letter(gen.choice_logprobs)
            assert score.score == float(score.metrics["pred"] == sample.data["answer"])
    finally:
        await model.aclose()


@pytest.mark.slow
async def test_oracle_scores_100_on_full_mirror(mirror):
    resolved = resolve(SOURCE, None)
    assert resolved.origin == "official"
    task = MMLU({"mmlu": Path(resolved.path)})
    samples = task.samples("test")
    assert len(samples) == 14079 and len(task.samples("val")) == 1542
    scores = []
    for sample in samples:
        record = await run_episode(task, sample, OracleModel(), RunContext(), "test")
        assert record.status is Status.COMPLETED, record.error
        scores.append((None, SampleScore(score=record.score, metrics=record.metrics)))
    agg = task.aggregate(scores)
    assert agg.value == 100.0 and agg.n == 14079
    assert sum(v["n"] for v in agg.metrics["by_category"].values()) == 14079
