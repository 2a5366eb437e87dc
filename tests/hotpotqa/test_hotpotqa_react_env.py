"""The BOLAA ReAct episode: prompt plumbing, action parsing, invalid actions, halting, scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.hotpotqa import HotpotQA
from tasks.hotpotqa.prompts import REACT_EXAMPLE, REACT_INSTRUCTION
from tasks.hotpotqa.react_env import ReactEnv, parse_action
from tasks.services.wikicorpus import Corpus, Explorer, Page

SAMPLE = Path(HotpotQA.sample_data) / "hotpotqa"


def make_env(**limits) -> ReactEnv:
    corpus = Corpus([
        Page(title="Clara Venn", sentences=("Clara Venn was a cellist.", " She played the cello in a quartet.")),
        Page(title="Orrin Festival", sentences=("The Orrin Festival was founded by Clara Venn.",)),
    ])
    return ReactEnv("What did Clara Venn play?", "cello", Explorer(corpus),
                    max_steps=limits.get("max_steps", 10), max_context_len=limits.get("max_context_len", 1700),
                    group={"level": "easy", "type": "bridge"})


def test_the_prompt_is_the_original_template_with_its_examples():
    assert REACT_INSTRUCTION.startswith("This task involves solving a question-answering exercise")
    assert "{examples}" in REACT_INSTRUCTION and REACT_INSTRUCTION.endswith("Question: {question}{scratchpad}")
    assert REACT_EXAMPLE.count("Question: ") == 2 and "(Result 1 / 1)" in REACT_EXAMPLE
    env = make_env()
    messages = env.reset()
    assert env.raw_prompt.endswith("(END OF EXAMPLES)\nQuestion: What did Clara Venn play?\nThought 1:")
    assert messages[0].content == env.raw_prompt


def test_a_full_episode_appends_thoughts_actions_and_observations():
    env = make_env()
    env.reset()
    r = env.step(" I should search Clara Venn.\nAction 1: Search[wrong]")  # cut at the newline
    assert r.observation == "\nAction 1:" and not r.done
    r = env.step(" Search[Clara Venn]")
    assert r.observation == (
        "\nObservation 1: Clara Venn was a cellist. She played the cello in a quartet.\nThought 2:"
    )
    env.step("Look up the instrument.")
    r = env.step("Lookup[cell]")
    assert "Observation 2: (Result 1/2) Clara Venn was a cellist." in r.observation
    env.step("So the answer is cello.")
    r = env.step("Finish[the cello]")
    assert r.done and r.status is Status.COMPLETED
    assert env.raw_prompt.endswith("\nThought 3: So the answer is cello.\nAction 3:")
    assert env.scratchpad.endswith("Action 3: Finish[the cello]\nObservation 3: Answer is CORRECT")
    score = env.evaluate(Status.COMPLETED)
    assert score.score == 1.0 and score.metrics["em"] == 1.0 and score.metrics["level"] == "easy"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Search[Clara Venn]", ("Search", "Clara Venn")),
        ("Finish[a [b] c]", ("Finish", "a [b] c")),
        ("Search[Clara Venn].", ("Search", "Clara Venn")),  # fuzzy: trailing dot
        ("Lookup[x] because", ("Lookup", "x")),  # fuzzy: leading action
        ("Finish[]", ("Finish[]", "")),
        ("I think the answer is cello", ("I think the answer is cello", "")),
    ],
)
def test_action_parsing(text, expected):
    assert parse_action(text) == expected


@pytest.mark.parametrize("bad", ["", "finish[cello]", "Answer: cello", "Search[]", "Finish cello"])
def test_malformed_actions_are_scored_invalid_steps(bad):
    env = make_env()
    env.reset()
    env.step("thinking")
    r = env.step(bad)
    assert r.invalid and not r.done
    assert "Invalid Action. Valid Actions are Lookup[<topic>] Search[<topic>] and Finish[<answer>]." in r.observation
    assert env.evaluate(Status.TASK_LIMIT_REACHED).score == 0.0


def test_lookup_after_a_failed_search_gets_the_original_message():
    env = make_env()
    env.reset()
    env.step("t")
    r = env.step("Search[Clara]")
    assert "Could not find [Clara]. Similar: ['Clara Venn'" in r.observation
    env.step("t")
    r = env.step("Lookup[cello]")
    assert "The last page Searched was not found, so you cannot Lookup a keyword in it." in r.observation
    assert not r.invalid


def test_the_episode_halts_after_max_steps():
    env = make_env(max_steps=2)
    env.reset()
    for _ in range(2):
        env.step("t")
        r = env.step("Search[Orrin Festival]")
    assert r.done and r.status is Status.TASK_LIMIT_REACHED
    assert env.evaluate(r.status).metrics["halted"] == "max_steps"


def test_the_episode_halts_when_the_prompt_passes_max_context_len():
    env = make_env(max_context_len=700)  # the bare prompt is ~640 cl100k tokens
    env.reset()
    halted = None
    for _ in range(5):
        env.step("a thought that is not short at all, it goes on and on for quite a few tokens indeed")
        r = env.step("Search[Clara Venn]")
        if r.done:
            halted = r.status
            break
    assert halted is Status.CONTEXT_LIMIT


async def test_oracle_scores_100_on_the_bundled_sample():
    task = HotpotQA(data={"hotpotqa": SAMPLE}, options={"wiki": "corpus"})
    samples = task.samples("all")
    assert [s.data["level"] for s in samples] == ["easy", "easy", "medium", "medium", "hard", "hard"]
    records = [await run_episode(task, s, OracleModel(), RunContext(), "all") for s in samples]
    assert all(r.status is Status.COMPLETED and r.score == 1.0 for r in records), [r.error for r in records]
    # the oracle's Search found its page (exact match on both context layouts)
    assert all("Could not find" not in r.trajectory[1].observation for r in records)


class Silent(Model):
    """Answers every request with nothing."""

    async def generate(self, request: GenerationRequest) -> Generation:
        assert request.raw_prompt is not None and request.params.stop == ("\n",)
        return Generation(text="")


async def test_a_silent_model_is_scored_zero_at_the_step_limit():
    task = HotpotQA(data={"hotpotqa": SAMPLE}, options={"wiki": "corpus"})
    sample = task.samples("easy")[0]
    record = await run_episode(task, sample, Silent(), RunContext(), "easy")
    assert record.status is Status.TASK_LIMIT_REACHED and record.score == 0.0
    assert record.turns == 20 and record.metrics["invalid_actions"] == 10
