"""The ReWOO episode: planner -> tool and model-backed workers -> solver, scoring, the judge."""

from __future__ import annotations

import pytest

from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.rewoo import TOOLSETS
from tasks.rewoo.prompts import GSM8K_PWS, HOTPOTQA_PWS_BASE, SYSTEM_PROMPT, TRIVIAQA_PWS
from tasks.rewoo.pws_env import clean_output, planner_prompt
from tests.rewoo.helpers import Provider, Scripted, sample_task


def test_the_planner_prompt_is_the_original_layout_with_every_tool():
    prompt = planner_prompt("Q?", ("Wikipedia", "LLM"), HOTPOTQA_PWS_BASE)
    assert prompt.startswith("For the following tasks, make plans that can solve the problem step-by-step.")
    assert "Tools can be one of the following:\nWikipedia[input]: Worker that search for similar page" in prompt
    assert prompt.endswith("#E3 = LLM[Were Pavel Urysohn and Leonid Levin known for the same type of work? "
                           "Given context: #E1, #E2]\n\nBegin! Describe your plans with rich details. "
                           "Each Plan should be followed by only one #E.\n\nQ?\n")
    strategy = planner_prompt("Q?", TOOLSETS["strategy_qa"], GSM8K_PWS)
    names = [line.split("[input]")[0] for line in strategy.splitlines() if "[input]:" in line]
    assert names == ["Wikipedia", "LLM", "WolframAlpha", "Calculator", "Google"]
    assert "Google[input]: Worker that searches results from Google." in strategy
    assert TOOLSETS["sotu_qa"] == ("LLM", "Calculator", "Google", "SearchSOTU")
    assert TRIVIAQA_PWS.startswith("Which Asian capital city is known as Krung Thep")


def test_output_cleaning_as_llm_llama():
    assert clean_output("  answer [INST] more") == "answer"
    assert clean_output("x<|end_of_turn|>y") == "x"


def cello_sample(task):
    return next(s for s in task.samples("hotpot_qa") if s.data["answer"] == "cello")


PLAN = ("Plan: Search for the founder.\n#E1 = Wikipedia[Clara Venn]\n"
        "Plan: Find the instrument.\n#E2 = LLM[Which instrument? Given context: #E1]")


async def test_the_llm_worker_is_its_own_model():
    worker = Scripted(["The cello.\n"], name="gpt-3.5-turbo")
    ctx = RunContext(models=Provider({"gpt-3.5-turbo": worker}))
    task = sample_task()
    sample = cello_sample(task)
    await task.start(ctx)
    model = Scripted([PLAN, "cello"])
    record = await run_episode(task, sample, model, ctx, "hotpot_qa")
    assert record.status is Status.COMPLETED and record.score == 1.0 and record.turns == 2
    (request,) = worker.requests
    assert [m.role for m in request.messages] == ["user"] and request.params.temperature == 0.0
    assert request.messages[0].content.startswith(
        "Respond in short directly with no extra words.\n\nWhich instrument? Given context: [Clara Venn (1940-2015) was a cellist")
    planner, solver = model.requests
    assert planner.messages[0].content == SYSTEM_PROMPT and planner.params.max_new_tokens == 256
    assert "Plan: Find the instrument.\nEvidence:\nThe cello.\n" in solver.messages[1].content
    assert task.comparability() == ["Wikipedia is the offline closed corpus, not the live MediaWiki API"]
    assert task.describe()["models"]["worker"]["used"] == "gpt-3.5-turbo"


async def test_without_an_api_key_the_worker_is_the_model_under_test(capsys):
    ctx = RunContext(models=Provider(missing=("gpt-3.5-turbo",)))
    task = sample_task()
    await task.start(ctx)
    assert "no API key for the worker model 'gpt-3.5-turbo'" in capsys.readouterr().err
    model = Scripted([PLAN, "The cello. [INST] ignored", "cello"])
    record = await run_episode(task, cello_sample(task), model, ctx, "hotpot_qa")
    assert record.score == 1.0 and record.turns == 3
    worker = model.requests[1]
    assert worker.messages[0].content == SYSTEM_PROMPT
    assert worker.messages[1].content.startswith("Responds in short directly with no extra words.\n\n")
    assert "Plan: Find the instrument.\nEvidence:\nThe cello.\n" in model.requests[2].messages[1].content
    assert "the LLM[...] worker is the model under test, not the protocol's gpt-3.5-turbo" in task.comparability()
    assert task.describe()["models"]["worker"]["used"].startswith("under-test (fallback")


GSM_PLAN = "Plan: a\n#E1 = 37\nPlan: b\n#E2 = Calculator[(2 * #E1 - 10) - 8]"
CHAIN_OUTPUT = '```text\n(2 * 37 - 10) - 8\n```\n...numexpr.evaluate("(2 * 37 - 10) - 8")...\n'


async def test_the_calculator_is_langchains_llm_math_chain_on_its_own_model():
    calc = Scripted([CHAIN_OUTPUT])
    ctx = RunContext(models=Provider({"gpt-3.5-turbo": calc}))
    task = sample_task()
    await task.start(ctx)
    model = Scripted([GSM_PLAN, "56"])
    record = await run_episode(task, task.samples("gsm8k")[0], model, ctx, "gsm8k")
    (request,) = calc.requests
    assert request.params.stop == ("```output",) and request.params.max_new_tokens == 256
    prompt = request.messages[0].content
    assert prompt.startswith("Translate a math problem into a expression that can be executed using Python's numexpr library.")
    assert "Question: ${Question with math problem.}\n```text\n" in prompt
    assert prompt.endswith("Answer: 8.222831614237718\n\nQuestion: (2 * [37] - 10) - 8\n")
    assert "Plan: b\nEvidence:\n56\n" in model.requests[1].messages[1].content
    assert record.turns == 2 and record.metrics["tool_usage"] == {"Calculator": 1}


@pytest.mark.parametrize("output", ["I think it is 56", "```text\n__import__('os').system('x')\n```"])
async def test_a_calculator_chain_error_fails_the_question(output):
    ctx = RunContext(models=Provider({"gpt-3.5-turbo": Scripted([output])}))
    task = sample_task()
    await task.start(ctx)
    record = await run_episode(task, task.samples("gsm8k")[0], Scripted([GSM_PLAN]), ctx, "gsm8k")
    assert record.status is Status.INVALID_ACTION and record.score == 0.0 and record.turns == 1
    assert record.metrics["failed"].startswith(("unknown format from LLM", "LLMMathChain._evaluate("))


async def test_without_a_key_the_calculator_chain_runs_on_the_model_under_test():
    ctx = RunContext(models=Provider(missing=("gpt-3.5-turbo",)))
    task = sample_task()
    await task.start(ctx)
    model = Scripted([GSM_PLAN, "Answer: 56", "56"])
    record = await run_episode(task, task.samples("gsm8k")[0], model, ctx, "gsm8k")
    assert record.status is Status.COMPLETED and record.turns == 3
    calc, solver = model.requests[1], model.requests[2]
    assert calc.params.stop == ("```output",) and calc.messages[1].content.startswith("Translate a math problem")
    assert solver.params.stop == () and solver.params.max_new_tokens == 256
    assert "Plan: b\nEvidence:\n56\n" in solver.messages[1].content


async def test_tools_outside_the_toolset_give_no_evidence():
    task = sample_task()
    plan = "Plan: a\n#E1 = LookUp[x]\nPlan: b\n#E2 = SearchSOTU[y]"
    model = Scripted([plan, "7"])
    await run_episode(task, task.samples("gsm8k")[0], model, RunContext(), "gsm8k")
    assert "Plan: a\nEvidence:\nNo evidence found\nPlan: b\nEvidence:\nNo evidence found\n" in model.requests[1].messages[1].content


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
    record = await run_episode(task, task.samples("strategy_qa")[0], Scripted([plan]), RunContext(), "strategy_qa")
    assert record.status is Status.INVALID_FORMAT and record.score == 0.0 and record.turns == 1
    assert record.metrics["malformed_plan"]


async def test_model_worker_calls_are_capped():
    task = sample_task(max_llm_calls=1)
    plan = "Plan: a\n#E1 = LLM[x]\nPlan: b\n#E2 = LLM[y]"
    model = Scripted([plan, "first", "Yes"])
    record = await run_episode(task, task.samples("strategy_qa")[0], model, RunContext(), "strategy_qa")
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
    model = Scripted([f"Plan: a\n#E1 = {sample.data['answer']}", sample.data["answer"]])
    record = await run_episode(task, sample, model, RunContext(judge=judge), "strategy_qa")
    assert record.score == acc and record.metrics["judge_acc"] == acc
    assert record.metrics["main_metric"] == "judge_acc" and record.metrics["f1"] == 1.0
    prompt = judge.prompts[0]
    assert prompt.startswith("You are a teacher grading a quiz.")
    assert prompt.endswith(f"QUESTION: {sample.data['question']}\nSTUDENT ANSWER: {sample.data['answer']}\n"
                           f"TRUE ANSWER: {sample.data['answer']}\nGRADE:")
    total = task.aggregate([(None, SampleScore(score=record.score, metrics=record.metrics))])
    assert total.metrics["main_metric"] == "judge_acc" and total.value == 100.0 * acc
    assert task.metric.name == "judge_acc" and task.judge_default == "gpt-3.5-turbo"


async def test_oracle_scores_100_on_the_bundled_sample_judged():
    task = sample_task()
    samples = task.samples("all")
    assert len(samples) == 6 + 4 + 2 + 4 * 2  # hotpot_qa, trivia_qa, gsm8k, 4 CSV datasets
    judge = Judge("INCORRECT")  # the oracle grades exactly instead (tasks.rewoo.oracle)
    scores = []
    for sample in samples:
        record = await run_episode(task, sample, OracleModel(), RunContext(judge=judge), "all")
        assert record.status is Status.COMPLETED and record.score == 1.0, (sample.id, record.error, record.metrics)
        scores.append((None, SampleScore(score=record.score, metrics=record.metrics)))
    total = task.aggregate(scores)
    assert total.value == 100.0 and total.metrics["main_metric"] == "judge_acc" and total.metrics["f1"] == 100.0
    assert set(total.metrics["per_dataset"]) == set(TOOLSETS) and judge.prompts == []


async def test_the_oracles_exact_grader_fails_a_wrong_prediction():
    from tasks.rewoo.oracle import ExactGrader

    task = sample_task()
    sample = task.samples("strategy_qa")[0]
    env = task.make_env(sample, RunContext(judge=Judge("CORRECT")))
    env.prediction = "certainly not " + sample.data["answer"]
    grader = ExactGrader(env)
    env.judge = grader
    score = await env.aevaluate(Status.COMPLETED)
    assert score.score == 0.0 and score.metrics["judge_output"] == "INCORRECT"
    assert grader.prompts[0].startswith("You are a teacher grading a quiz.")
