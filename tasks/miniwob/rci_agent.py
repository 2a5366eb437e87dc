"""The RCI agent of AgentTuning's MiniWoB++ evaluation as a state machine (no browser, no model).

Protocol (``main.py --erci 1 --irci 3 --sgrounding``, ``llm_agent.py``):

1. plan: ``base + HTML + examples + "Current task: ..." + "plan:"``; then ``erci`` rounds of
   "Find problems with this plan..." / "Based on this, what is the plan...?" on the growing text.
   The last answer is the plan; the episode gets (number of ``"k."`` markers in it + 1) actions.
2. per action: ``base + HTML + task + plan + instruction history + action prompt``; the answer
   (cut at the first backtick) is appended, then the grounding prompt ("Therefore, considering the
   output on the webpage, ...") asks again; while the instruction matches none of the instruction
   regexes, the RCI prompt asks again, at most ``irci`` times, else the episode fails.

Every model call sees a fresh conversation whose last user message is the whole text ``pt``; in
the harness each call is one turn, and the env hands the next context over as ``next_messages``.
"""

from __future__ import annotations

import enum

from pydantic import BaseModel

from tasks.miniwob import prompts as P
from tasks.miniwob.instructions import matches_regex, process_instruction


class Stage(str, enum.Enum):
    PLAN = "plan"
    CRITIQUE = "critique"
    REPLAN = "replan"
    ACTION = "action"
    GROUND = "ground"
    RCI = "rci"


class Reply(BaseModel):
    """What the agent wants next: ask the model (``prompt``), act (``instruction``), or give up."""

    prompt: str | None = None
    instruction: str | None = None
    failed: str | None = None


def plan_steps(plan: str) -> int:
    """``get_plan_step``: the first k with ``"k."`` absent from the plan (so steps + 1)."""
    idx = 1
    while f"{idx}." in plan:
        idx += 1
    return idx


class RCIAgent:
    """Plans, then produces one instruction per plan step, with grounding and RCI repair."""

    def __init__(self, task: str, erci: int = 1, irci: int = 3, grounding: bool = True):
        self.prompts = P.task_prompts(task)
        self.erci = erci
        self.irci = irci
        self.grounding = grounding
        self.goal = ""
        self.html = ""
        self.plan = ""
        self.history: list[str] = []
        self.stage = Stage.PLAN
        self.pt = ""
        self._rounds = 0
        self._retries = 0
        self.steps = 1

    # -- prompt pieces (llm_agent.py) -----------------------------------------------------------
    @property
    def plans(self) -> bool:
        return bool(self.prompts.initialize_plan) and self.erci != -1

    def _webpage(self, init_plan: bool) -> str:
        pt = "\n\n" + P.HTML_HEADER + self.html + "\n\n"
        if self.prompts.example and (init_plan or self.erci == -1):
            pt += self.prompts.example + "\n\n"
        return pt + "Current task: " + self.goal + "\n"

    def _history(self) -> str:
        pt = "\n\n" + P.HISTORY_HEADER
        if not self.history:
            pt += P.NO_HISTORY
        else:
            pt += "".join(f"{i + 1}: {inst}\n" for i, inst in enumerate(self.history))
        return pt + "\n\n"

    def _next_action_prompt(self) -> str:
        if self.history:
            n = len(self.history)
            order = "2nd" if n == 1 else "3rd" if n == 2 else f"{n + 1}th"
            # The original computes a {prev_inst} substitution and then overwrites it with the
            # {order} one; no shipped prompt file has either placeholder, so this is moot.
            text = self.prompts.action.replace("{order}", order)
        else:
            text = self.prompts.first_action
        prefix = P.ACTION_PREFIX_NO_PLAN if self.erci == -1 else P.ACTION_PREFIX_PLAN
        return prefix + text

    def _action_pt(self) -> str:
        pt = self.prompts.base + self._webpage(init_plan=False)
        if self.plans:
            pt += "\n\n" + P.PLAN_HEADER + self.plan + "\n\n"
        return pt + self._history() + self._next_action_prompt()

    # -- transitions ------------------------------------------------------------------------------
    def start(self, goal: str, html: str) -> Reply:
        """Begin the episode on its first page state."""
        self.goal, self.html = goal, html
        if not self.plans:
            return self._ask_action()
        self.stage = Stage.PLAN
        self.pt = self.prompts.base + self._webpage(init_plan=True) + self.prompts.initialize_plan
        return Reply(prompt=self.pt)

    def observe(self, html: str) -> Reply:
        """The page after an executed instruction: ask for the next one."""
        self.html = html
        return self._ask_action()

    def _ask_action(self) -> Reply:
        self.stage = Stage.ACTION
        self._retries = 0
        self.pt = self._action_pt()
        return Reply(prompt=self.pt)

    def feed(self, reply: str) -> Reply:
        """Consume one model answer (already cut at ``[INST]`` and stripped)."""
        if self.stage is Stage.PLAN:
            message = "\n" + reply
            self.pt += message
            if self.erci > 0:
                return self._critique()
            return self._plan_ready(message)
        if self.stage is Stage.CRITIQUE:
            self.pt += reply + P.REPLAN_PROMPT
            self.stage = Stage.REPLAN
            return Reply(prompt=self.pt)
        if self.stage is Stage.REPLAN:
            self.pt += reply
            self._rounds += 1
            if self._rounds < self.erci:
                return self._critique()
            return self._plan_ready(reply)
        if self.stage is Stage.ACTION:
            self.pt += process_instruction(reply) + "`."
            if self.prompts.update_action and self.grounding:
                self.pt += self.prompts.update_action
                self.stage = Stage.GROUND
                return Reply(prompt=self.pt)
            return self._check(reply)
        if self.stage is Stage.GROUND:
            self.pt += reply
            return self._check(reply)
        # Stage.RCI
        self.pt += reply
        self._retries += 1
        return self._check(reply)

    def _critique(self) -> Reply:
        self.pt += P.CRITIQUE_PROMPT
        self.stage = Stage.CRITIQUE
        return Reply(prompt=self.pt)

    def _plan_ready(self, plan: str) -> Reply:
        self.plan = plan
        self.steps = plan_steps(plan)
        return self._ask_action()

    def _check(self, message: str) -> Reply:
        instruction = process_instruction(message)
        if matches_regex(instruction):
            self.history.append(instruction)
            return Reply(instruction=instruction)
        if self._retries >= self.irci:
            return Reply(failed=f"action RCI failed: {instruction[:200]!r}")
        self.pt += self.prompts.rci_action
        self.stage = Stage.RCI
        return Reply(prompt=self.pt)
