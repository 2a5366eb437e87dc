"""The ReWOO episode: planner -> tool and LLM workers -> solver, scoring with and without a judge."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.rewoo import TOOLSETS, ReWOO
from tasks.rewoo.prompts import GSM8K_PWS, HOTPOTQA_PWS_BASE, SYSTEM_PROMPT
from tasks.rewoo.pws_env import clean_output, planner_prompt

SAMPLE = Path(ReWOO.sample_data)


def sample_task(**options) -> ReWOO:
    return ReWOO({name: SAMPLE / name for name in ("rewoo", "gsm8k", "hotpotqa")}, options=options)


class Scripted(Model):
    """Replays fixed outputs and records the requests."""

    def __init__(self, outputs: list[str]):
        self.outputs = list(outputs)
        self.requests: list[GenerationRequest] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        return Generation(text=self.outputs.pop(0))


def by_dataset(task: ReWOO, name: str):
    return task.samples(name)


def test_the_planner_prompt_is_the_original_layout():
    prompt = planner_prompt("Q?", ("Wikipedia", "LLM"), HOTPOTQA_PWS_BASE)
    assert prompt.startswith("For the following tasks, make plans that can solve the problem step-by-step.")
    assert "Tools can be one of the following:\nWikipedia[input]: Worker that search for similar page" in prompt
    assert "\nLLM[input]: A pretrained LLM like yourself." in prompt
    assert prompt.endswith("#E3 = LLM[Were Pavel Urysohn and Leonid Levin known for the same type of work? "
                           "Given context: #E1, #E2]\n\nBegin! Describe your plans with rich details. "
                           "Each Plan should be followed by only one #E.\n\nQ?\n")
    assert GSM8K_PWS.startswith("For Example:\n")


def test_output_cleaning_as_llm_llama():
    assert clean_output("  answer [INST] more") == "answer"
    assert clean_output("x<|end_of_turn|>y") == "x"


async def test_a_hotpot_plan_runs_wikipedia_then_an_llm_worker_then_the_solver():
    task = sample_task()
    sample = next(s for s in task.samples("hotpot_qa") if s.data["answer"] == "cello")
    plan = ("Plan: Search for the founder.\n#E1 = Wikipedia[Clara Venn]\n"
            "Plan: Find the instrument.\n#E2 = LLM[Which instrument? Given context: #E1]")
    model = Scripted([plan, "The cello. [INST] ignored", "cello"])
    record = await run_episode(task, sample, model, RunContext(), "hotpot_qa")
    assert record.status is Status.COMPLETED and record.score == 1.0
    assert record.turns == 3
    planner, worker, solver = model.requests
    assert planner.messages[0].content == SYSTEM_PROMPT and planner.params.max_new_tokens == 256
    assert worker.messages[1].content.startswith("Responds in short directly with no extra words.\n\n"
                                                 "Which instrument? Given context: [Clara Venn (1940-2015) was a cellist")
    log = solver.messages[1].content
    assert "Plan: Find the instrument.\nEvidence:\nThe cello.\n" in log
    assert log.endswith("Respond with the answer directly with no extra words.\n\n" + sample.data["question"] + "\n")
    assert record.metrics["main_metric"] == "f1" and record.metrics["tool_usage"] == {"Wikipedia": 1, "LLM": 1}


async def test_tools_outside_the_toolset_and_calculator_errors_give_no_evidence():
    task = sample_task()
    sample = task.samples("gsm8k")[0]
    assert TOOLSETS["gsm8k"] == ("LLM", "Calculator")
    plan = ("Plan: a\n#E1 = WolframAlpha[Solve x = 3]\nPlan: b\n#E2 = Calculator[3 * 4 - 5]\n"
            "Plan: c\n#E3 = Calculator[__import__('os')]\nPlan: d\n#E4 = Wikipedia[Pencil]")
    model = Scripted([plan, "7"])
    record = await run_episode(task, sample, model, RunContext(), "gsm8k")
    log = model.requests[1].messages[1].content
    assert "Plan: a\nEvidence:\nNo evidence found\nPlan: b\nEvidence:\n7\nPlan: c\nEvidence:\nNo evidence found\n" in log
    assert "Plan: d\nEvidence:\nNo evidence found\n" in log
    assert record.score == 1.0 and record.metrics["em"] == 1.0


async def test_sotu_search_returns_the_best_chunk():
    task = sample_task()
    sample = next(s for s in task.samples("sotu_qa") if "libraries" in s.data["question"])
    model = Scripted(["Plan: search\n#E1 = SearchSOTU[new libraries district]", "Twelve new libraries"])
    record = await run_episode(task, sample, model, RunContext(), "sotu_qa")
    assert "We will also build twelve new libraries" in model.requests[1].messages[1].content
    assert record.score == 1.0


@pytest.mark.parametrize("plan", ["Plan: a\n#E1 Wikipedia[x]", "Plan: a\nPlan: b\n#E1 = LLM[x]"])
async def test_a_malformed_plan_ends_the_episode_with_score_zero(plan):
    task = sample_task()
    sample = task.samples("strategy_qa")[0]
    record = await run_episode(task, sample, Scripted([plan]), RunContext(), "strategy_qa")
    assert record.status is Status.INVALID_FORMAT and record.score == 0.0 and record.turns == 1
    assert record.metrics["malformed_plan"]


async def test_llm_worker_turns_are_capped():
    task = sample_task(max_llm_calls=1)
    sample = task.samples("strategy_qa")[0]
    plan = "Plan: a\n#E1 = LLM[x]\nPlan: b\n#E2 = LLM[y]"
    model = Scripted([plan, "first", "Yes"])
    record = await run_episode(task, sample, model, RunContext(), "strategy_qa")
    assert record.turns == 3
    assert "Plan: b\nEvidence:\nNo evidence found\n" in model.requests[2].messages[1].content


class Judge(Model):
    def __init__(self, verdict: str):
        self.verdict = verdict
        self.prompts: list[str] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.prompts.append(request.raw_prompt)
        return Generation(text=self.verdict)


@pytest.mark.parametrize(("verdict", "acc"), [(" CORRECT\n", 1.0), ("INCORRECT", 0.0), ("Correct", 0.0)])
async def test_the_judge_sets_the_main_score(verdict, acc):
    task = sample_task()
    sample = task.samples("strategy_qa")[0]
    judge = Judge(verdict)
    record = await run_episode(task, sample, OracleModel(), RunContext(judge=judge), "strategy_qa")
    assert record.score == acc and record.metrics["judge_acc"] == acc
    assert record.metrics["main_metric"] == "judge_acc" and record.metrics["f1"] == 1.0
    prompt = judge.prompts[0]
    assert prompt.startswith("You are a teacher grading a quiz.")
    assert prompt.endswith(f"QUESTION: {sample.data['question']}\nSTUDENT ANSWER: {sample.data['answer']}\n"
                           f"TRUE ANSWER: {sample.data['answer']}\nGRADE:")
    total = task.aggregate([(None, SampleScore(score=record.score, metrics=record.metrics))])
    assert total.metrics["main_metric"] == "judge_acc" and total.value == 100.0 * acc


async def test_oracle_scores_100_on_the_bundled_sample():
    task = sample_task()
    samples = task.samples("all")
    assert len(samples) == 6 + 5 * 2  # all 6 HotpotQA sample questions, 2 of each other dataset
    scores = []
    for sample in samples:
        record = await run_episode(task, sample, OracleModel(), RunContext(), "all")
        assert record.status is Status.COMPLETED and record.score == 1.0, (sample.id, record.error)
        scores.append((None, SampleScore(score=record.score, metrics=record.metrics)))
    total = task.aggregate(scores)
    assert total.value == 100.0 and total.metrics["main_metric"] == "f1"
    assert set(total.metrics["per_dataset"]) == set(TOOLSETS)
