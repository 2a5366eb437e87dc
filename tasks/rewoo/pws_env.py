"""One ReWOO episode (``algos/PWS.py``): Planner -> Workers -> Solver.

Turn 1 is the planner call (the model under test). Its plan is parsed; the workers then run in
the plan's order. Tool workers (Wikipedia, Google, WolframAlpha, SearchSOTU) run in a worker
thread. The model-backed workers are the original's auxiliary models, each a separate model
(``ctx.models``): ``LLM[...]`` asks the worker model (gpt-3.5-turbo upstream, T=0, one user
message "Respond in short directly with no extra words.\\n\\n<input>"), ``Calculator[...]`` runs
LangChain's LLM-math chain on the calculator model (:mod:`tasks.rewoo.llm_math`). When such a
model is not available (no API key, or ``worker=under-test``), its calls become loop turns of the
model under test instead (``next_messages``): the LLM worker with the original's llama-2 branch
(system prompt, "Responds in short..."), the calculator with the chain's prompt and stop
sequence. When every evidence is in, the solver prompt is sent; the solver's answer ends the
episode. Planner and solver calls are single llama-2 user turns with the system prompt, as
AgentTuning's TGI path sent them, and every output of the model under test is cleaned as
``llm_llama`` does (cut at ``[INST]`` and ``<|end_of_turn|>``, stripped).

A worker that raised upstream (the calculator chain's ``unknown format``, an expression numexpr
rejects, a Wikipedia API error) failed the whole question: a failed response, graded 0; here the
episode ends as ``invalid_action`` with ``failed`` set, scored 0.

Scoring (utils/Evaluator.py): prediction = solver output; EM and F1 after HotpotQA
normalisation; ``judge_acc`` = the judge's CORRECT/INCORRECT with LangChain's QA grading prompt
(``QAEvalChain``): the main score. F1 and EM are secondary. Without a judge (outside a run) the
score is F1 and ``main_metric`` says so.
"""

from __future__ import annotations

import asyncio
from typing import Any

from harness.model import ContextLimitError, GenerationRequest, GenParams, Message, Model
from harness.task import Env, SampleScore, Status, StepResult
from tasks.rewoo.llm_math import LLM_MATH_PARAMS, CalculatorFailure, calculator_evidence, math_prompt
from tasks.rewoo.plan import MalformedPlan, Plan, parse_plan, substitute, worker_log
from tasks.rewoo.prompts import (
    JUDGE_PROMPT,
    LLM_WORKER_INSTRUCTION,
    LLM_WORKER_INSTRUCTION_LLAMA,
    NO_EVIDENCE,
    PLANNER_PREFIX,
    PLANNER_SUFFIX,
    SOLVER_PREFIX,
    SOLVER_SUFFIX,
    SYSTEM_PROMPT,
    WORKER_DESCRIPTIONS,
)
from tasks.rewoo.workers import Toolbox, ToolFailure
from tasks.services.wikicorpus import exact_match, f1_score

JUDGE_PARAMS = GenParams(max_new_tokens=256, temperature=0.0, do_sample=False)
"""LangChain ``OpenAI(temperature=0)``: max_tokens 256."""
WORKER_PARAMS = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False)
"""``OpenAIChat(temperature=0)`` (no max_tokens upstream: the API's default; 512 here)."""
MODEL_WORKERS = ("LLM", "Calculator")


def clean_output(text: str) -> str:
    """``llm_llama``'s post-processing of a generation."""
    return text.split("[INST]")[0].split("<|end_of_turn|>")[0].strip()


def worker_prompt(tools: tuple[str, ...]) -> str:
    """``Planner._generate_worker_prompt``: one ``Name[input]: description`` line per tool."""
    lines = "".join(f"{name}[input]: {WORKER_DESCRIPTIONS[name]}\n" for name in tools)
    return "Tools can be one of the following:\n" + lines + "\n"


def planner_prompt(question: str, tools: tuple[str, ...], fewshot: str) -> str:
    return PLANNER_PREFIX + worker_prompt(tools) + fewshot + PLANNER_SUFFIX + question + "\n"


def solver_prompt(question: str, log: str) -> str:
    return SOLVER_PREFIX + question + "\n" + log + SOLVER_SUFFIX + question + "\n"


def _turn(text: str) -> list[Message]:
    return [Message(role="system", content=SYSTEM_PROMPT), Message(role="user", content=text)]


async def ask(model: Model, prompt: str, params: GenParams) -> str:
    """One auxiliary call: the prompt as a single user message (a raw prompt for completion models)."""
    request = GenerationRequest(messages=(Message(role="user", content=prompt),), params=params, raw_prompt=prompt)
    return (await model.generate(request)).text


class PWSEnv(Env):
    """Plan, work, solve. Async-native: model-backed workers await their models, tool workers run
    in a thread."""

    blocking = False

    def __init__(self, question: str, label: str, *, tools: tuple[str, ...], fewshot: str, toolbox: Toolbox,
                 max_llm_calls: int, judge: Model | None, group: dict[str, Any], params: GenParams,
                 worker: Model | None = None, calculator: Model | None = None):
        self.question = question
        self.label = label
        self.tools = tools
        self.fewshot = fewshot
        self.toolbox = toolbox
        self.max_llm_calls = max_llm_calls
        self.judge = judge
        self.group = group
        self.params = params
        self.models: dict[str, Model | None] = {"LLM": worker, "Calculator": calculator}
        self.stage = "planner"
        self.plan: Plan | None = None
        self.evidences: dict[str, str] = {}
        self.pending = 0  # index into plan.calls of the next worker
        self.llm_calls = 0
        self.prediction = ""
        self.malformed: str | None = None
        self.failed: str | None = None
        self.tool_usage: dict[str, int] = {}

    def reset(self) -> list[Message]:
        return _turn(planner_prompt(self.question, self.tools, self.fewshot))

    def step(self, action: str) -> StepResult:
        raise RuntimeError("PWSEnv is async-native: the loop calls astep")

    async def astep(self, action: str) -> StepResult:
        text = clean_output(action)
        if self.stage == "planner":
            try:
                self.plan = parse_plan(text)
            except MalformedPlan as exc:
                self.malformed = str(exc)
                return StepResult(done=True, status=Status.INVALID_FORMAT, invalid=True, info={"error": self.malformed})
            return await self._work()
        if self.stage in MODEL_WORKERS:  # a worker call the model under test answered
            try:
                self._record(self._evidence(self.stage, text))
            except CalculatorFailure as exc:
                return self._fail(str(exc))
            return await self._work()
        self.prediction = text.strip("\n")
        return StepResult(done=True, status=Status.COMPLETED, info={"prediction": self.prediction})

    def _record(self, evidence: str) -> None:
        assert self.plan is not None
        self.evidences[self.plan.calls[self.pending].var] = evidence
        self.pending += 1

    @staticmethod
    def _evidence(tool: str, output: str) -> str:
        return calculator_evidence(output) if tool == "Calculator" else output.strip("\n")

    def _fail(self, reason: str) -> StepResult:
        self.failed = reason
        return StepResult(done=True, status=Status.INVALID_ACTION, invalid=True, info={"failed": reason})

    async def _work(self) -> StepResult:
        """Run workers until one needs a turn of the model under test, then hand over to the solver."""
        assert self.plan is not None
        while self.pending < len(self.plan.calls):
            call = self.plan.calls[self.pending]
            if call.tool is None:
                self._record(call.tool_input)
                continue
            tool_input = substitute(call.tool_input, self.evidences)
            if call.tool not in self.tools:
                self._record(NO_EVIDENCE)
                continue
            if call.tool in MODEL_WORKERS:
                if self.llm_calls >= self.max_llm_calls:  # guard against runaway plans (not upstream)
                    self._record(NO_EVIDENCE)
                    continue
                self.llm_calls += 1
                self._count(call.tool)
                model = self.models[call.tool]
                if model is None:
                    self.stage = call.tool
                    return self._under_test_turn(call.tool, tool_input, call.var)
                try:
                    if call.tool == "LLM":
                        self._record((await ask(model, LLM_WORKER_INSTRUCTION + tool_input, WORKER_PARAMS)).strip("\n"))
                    else:
                        self._record(calculator_evidence(await ask(model, math_prompt(tool_input), LLM_MATH_PARAMS)))
                except CalculatorFailure as exc:
                    return self._fail(str(exc))
                continue
            self._count(call.tool)
            try:
                evidence = await asyncio.to_thread(self.toolbox.run, call.tool, tool_input)
            except ToolFailure as exc:
                return self._fail(str(exc))
            self._record(evidence)
        self.stage = "solver"
        log = worker_log(self.plan, self.evidences)
        return StepResult(next_messages=_turn(solver_prompt(self.question, log)), params=self.params,
                          info={"worker_log": log})

    def _under_test_turn(self, tool: str, tool_input: str, var: str) -> StepResult:
        info = {"worker": var, "tool": tool, "model": "under test"}
        if tool == "LLM":
            return StepResult(next_messages=_turn(LLM_WORKER_INSTRUCTION_LLAMA + tool_input), params=self.params, info=info)
        return StepResult(next_messages=_turn(math_prompt(tool_input)), params=LLM_MATH_PARAMS, info=info)

    def _count(self, tool: str) -> None:
        self.tool_usage[tool] = self.tool_usage.get(tool, 0) + 1

    # -- scoring ------------------------------------------------------------------------------
    def _metrics(self) -> dict[str, Any]:
        return {
            **self.group,
            "em": float(exact_match(self.prediction, self.label)),
            "f1": f1_score(self.prediction, self.label),
            "prediction": self.prediction,
            "steps": (len(self.plan.plans) if self.plan else 0) + 1,
            "tool_usage": self.tool_usage,
            "malformed_plan": self.malformed,
            "failed": self.failed,
        }

    def evaluate(self, status: Status) -> SampleScore:
        metrics = self._metrics()
        metrics["main_metric"] = "f1"
        return SampleScore(score=metrics["f1"], metrics=metrics)

    async def aevaluate(self, status: Status) -> SampleScore:
        if self.judge is None:
            return self.evaluate(status)
        metrics = self._metrics()
        if self.malformed is None and self.failed is None and status is Status.COMPLETED:
            prompt = JUDGE_PROMPT.format(query=self.question, result=self.prediction, answer=self.label)
            try:
                verdict = await ask(self.judge, prompt, JUDGE_PARAMS)
            except ContextLimitError as exc:  # the judge cannot read this one: a judge error, scored 0
                verdict = ""
                metrics["judge_error"] = str(exc)
            metrics["judge_output"] = verdict
            acc = 1.0 if verdict.strip() == "CORRECT" else 0.0
        else:  # no answer (upstream: a failed response, graded INCORRECT)
            acc = 0.0
        metrics["judge_acc"] = acc
        metrics["main_metric"] = "judge_acc"
        return SampleScore(score=acc, metrics=metrics)

    async def aclose(self) -> None:
        self.close()
