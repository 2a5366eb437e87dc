"""The gold policy: answers each RCI stage in the format the model is asked to use.

It reads only the conversation it is given (the last user message is the agent's whole prompt
text). Plan stages: the solver's instructions as a numbered plan. Critique: "No problems" text.
Action, grounding and RCI stages: step k+1 of the plan shown in the prompt, where k is the number
of instructions in the prompt's history (the last one again when the plan is exhausted, which gives
animated widgets one retry). On tasks without a solver it answers nothing (scored as a failure).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.model import Message
from harness.task import OracleAccount, OraclePolicy, SampleScore, Status
from tasks.miniwob import prompts as P
from tasks.miniwob.solvers import SOLVERS, Unsolvable, solve

CRITIQUE_ANSWER = "There are no problems with this plan; it follows the example plans."


def oracle_tasks() -> tuple[str, ...]:
    """The tasks (of the 46) that the oracle solves."""
    return tuple(t for t in P.task_names() if t in SOLVERS)


def _page(task: str, pt: str) -> tuple[str, str]:
    """(goal, html) of the prompt text."""
    start = pt.index(P.HTML_HEADER) + len(P.HTML_HEADER)
    example = P.task_prompts(task).example
    end = pt.find("\n\n" + example, start) if example else -1
    if end == -1:
        end = pt.index("\n\nCurrent task: ", start)
    goal_at = pt.index("Current task: ", end) + len("Current task: ")
    goal = pt[goal_at : pt.index("\n", goal_at)]
    return goal, pt[start:end]


def _plan_lines(pt: str) -> list[str]:
    start = pt.index(P.PLAN_HEADER) + len(P.PLAN_HEADER)
    end = pt.index("\n\n" + P.HISTORY_HEADER, start)
    return [m.group(1).strip() for m in re.finditer(r"^\d+\. (.*)$", pt[start:end], flags=re.M)]


def _executed(pt: str) -> int:
    block = pt[pt.rindex(P.HISTORY_HEADER) + len(P.HISTORY_HEADER) :]
    block = block.split("\n\n", 1)[0]
    return len(re.findall(r"^\d+: ", block, flags=re.M))


class MiniWoBOracle(OraclePolicy):
    """Gold answers for one episode of ``task``."""

    def __init__(self, task: str):
        self.task = task
        self.covered = task in SOLVERS

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        if not self.covered:
            return OracleAccount(solvable=False, reason="not_scripted", detail={"task": self.task})
        return OracleAccount()

    def act(self, history: Sequence[Message]) -> str:
        if not self.covered:
            return ""
        pt = history[-1].content
        if pt.endswith(P.CRITIQUE_PROMPT):
            return CRITIQUE_ANSWER
        if P.PLAN_HEADER not in pt:  # plan or re-plan stage: the prompt has no plan yet
            goal, html = _page(self.task, pt)
            try:
                steps = solve(self.task, goal, html)
            except Unsolvable:
                return ""
            return "\n".join(f"{i}. {s}" for i, s in enumerate(steps, start=1))
        plan = _plan_lines(pt)
        if not plan:
            return ""
        return plan[min(_executed(pt), len(plan) - 1)]
