"""One ReWOO episode (``algos/PWS.py``): Planner -> Workers -> Solver, as loop turns.

Turn 1 is the planner call. Its plan is parsed; the workers then run in the plan's order: tool
workers at once, each ``LLM[...]`` worker as a model turn of its own (``next_messages`` holds
its prompt). When every evidence is in, the solver prompt is sent; the solver's answer ends the
episode. Every call is a single llama-2 user turn with the system prompt, as AgentTuning's TGI
path sent it, and every output is cleaned as ``llm_llama`` does (cut at ``[INST]`` and
``<|end_of_turn|>``, stripped).

Scoring (utils/Evaluator.py): prediction = solver output; EM and F1 after HotpotQA
normalisation; ``acc`` = an LLM judge's CORRECT/INCORRECT with LangChain's QA grading prompt
(text-davinci-003 upstream; ``--judge`` here). Main score: judged accuracy with a judge, else F1.
"""

from __future__ import annotations

from typing import Any

from harness.model import ContextLimitError, GenerationRequest, GenParams, Message, Model
from harness.task import Env, SampleScore, Status, StepResult
from tasks.rewoo.plan import MalformedPlan, Plan, parse_plan, substitute, worker_log
from tasks.rewoo.prompts import (
    JUDGE_PROMPT,
    LLM_WORKER_INSTRUCTION,
    NO_EVIDENCE,
    PLANNER_PREFIX,
    PLANNER_SUFFIX,
    SOLVER_PREFIX,
    SOLVER_SUFFIX,
    SYSTEM_PROMPT,
    WORKER_DESCRIPTIONS,
)
from tasks.rewoo.workers import Toolbox
from tasks.services.wikicorpus import exact_match, f1_score

JUDGE_PARAMS = GenParams(max_new_tokens=256, temperature=0.0, do_sample=False)
"""LangChain ``OpenAI(temperature=0)``: max_tokens 256."""


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


class PWSEnv(Env):
    """Plan, work, solve; the LLM workers and the solver are model turns."""

    def __init__(self, question: str, label: str, *, tools: tuple[str, ...], fewshot: str, toolbox: Toolbox,
                 max_llm_calls: int, judge: Model | None, group: dict[str, Any]):
        self.question = question
        self.label = label
        self.tools = tools
        self.fewshot = fewshot
        self.toolbox = toolbox
        self.max_llm_calls = max_llm_calls
        self.judge = judge
        self.group = group
        self.stage = "planner"
        self.plan: Plan | None = None
        self.evidences: dict[str, str] = {}
        self.pending = 0  # index into plan.calls of the next worker
        self.llm_calls = 0
        self.prediction = ""
        self.malformed: str | None = None
        self.tool_usage: dict[str, int] = {}

    def reset(self) -> list[Message]:
        return _turn(planner_prompt(self.question, self.tools, self.fewshot))

    def step(self, action: str) -> StepResult:
        text = clean_output(action)
        if self.stage == "planner":
            try:
                self.plan = parse_plan(text)
            except MalformedPlan as exc:
                self.malformed = str(exc)
                return StepResult(done=True, status=Status.INVALID_FORMAT, invalid=True, info={"error": self.malformed})
            return self._work()
        if self.stage == "llm":
            var = self.plan.calls[self.pending].var
            self.evidences[var] = text.strip("\n")
            self.pending += 1
            return self._work()
        self.prediction = text.strip("\n")
        return StepResult(done=True, status=Status.COMPLETED, info={"prediction": self.prediction})

    def _work(self) -> StepResult:
        """Run workers until an LLM worker needs a model turn, then hand over to the solver."""
        assert self.plan is not None
        while self.pending < len(self.plan.calls):
            call = self.plan.calls[self.pending]
            if call.tool is None:
                self.evidences[call.var] = call.tool_input
            else:
                tool_input = substitute(call.tool_input, self.evidences)
                if call.tool == "LLM" and call.tool in self.tools:
                    if self.llm_calls < self.max_llm_calls:
                        self.llm_calls += 1
                        self._count(call.tool)
                        self.stage = "llm"
                        return StepResult(next_messages=_turn(LLM_WORKER_INSTRUCTION + tool_input),
                                          info={"worker": call.var, "tool": "LLM"})
                    self.evidences[call.var] = NO_EVIDENCE  # guard against runaway plans (not upstream)
                elif call.tool in self.tools:
                    self._count(call.tool)
                    self.evidences[call.var] = self.toolbox.run(call.tool, tool_input)
                else:
                    self.evidences[call.var] = NO_EVIDENCE
            self.pending += 1
        self.stage = "solver"
        log = worker_log(self.plan, self.evidences)
        return StepResult(next_messages=_turn(solver_prompt(self.question, log)), info={"worker_log": log})

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
        }

    def evaluate(self, status: Status) -> SampleScore:
        metrics = self._metrics()
        metrics["main_metric"] = "f1"
        return SampleScore(score=metrics["f1"], metrics=metrics)

    async def aevaluate(self, status: Status) -> SampleScore:
        if self.judge is None:
            return self.evaluate(status)
        metrics = self._metrics()
        if self.malformed is None and status is Status.COMPLETED:
            prompt = JUDGE_PROMPT.format(query=self.question, result=self.prediction, answer=self.label)
            request = GenerationRequest(messages=(Message(role="user", content=prompt),), params=JUDGE_PARAMS,
                                        raw_prompt=prompt)
            try:
                verdict = (await self.judge.generate(request)).text
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
