"""The gold policy: answers each RCI stage in the format the model is asked to use.

Bound to the episode's live environment. Plan stages: the solver's plan (:mod:`.solvers`), read
from the goal and page in the prompt (and, for the page state computergym exposes but the prompt
does not show, the live page: MiniWoB's ``fields``, a page's word list), as a numbered list.
Critique: "no problems". Action, grounding and RCI stages: step k+1 of that plan, where k is the
number of instructions in the prompt's history (the last one again when the plan is exhausted); a
step the first page cannot fix is decided from the page in the prompt when it is due. Before it
answers, the policy waits (a model's latency, at most :data:`SETTLE_S`) until the page's animations
end and the instruction's target is shown, so a hover menu or a sliding panel is ready.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from harness.model import Message
from harness.task import Env, OracleAccount, OraclePolicy, SampleScore, Status
from tasks.miniwob import browser
from tasks.miniwob import prompts as P
from tasks.miniwob.solvers import SOLVERS, Later, Step, Unsolvable, View, solve

CRITIQUE_ANSWER = "There are no problems with this plan; it follows the example plans."
SETTLE_S = 3.0
_TARGETED = ("clickxpath", "movemouse", "clickoption")
_ANIMATING = "return !!(window.jQuery && jQuery(':animated').length);"


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


def _executed(pt: str) -> int:
    block = pt[pt.rindex(P.HISTORY_HEADER) + len(P.HISTORY_HEADER) :]
    block = block.split("\n\n", 1)[0]
    return len(re.findall(r"^\d+: ", block, flags=re.MULTILINE))


def plan_text(steps: Sequence[Step]) -> str:
    return "\n".join(f"{i}. {s.describe if isinstance(s, Later) else s}" for i, s in enumerate(steps, start=1))


class MiniWoBOracle(OraclePolicy):
    """Gold answers for one episode of ``task``, bound to its live environment (None: offline)."""

    def __init__(self, task: str, env: Env | None = None, settle_s: float = SETTLE_S):
        self.task = task
        self.env = env
        self.settle_s = settle_s
        self.covered = task in SOLVERS
        self.steps: list[Step] | None = None
        self.decided: dict[int, str] = {}
        self.notes: dict[str, Any] = {}
        self.failure: str | None = None

    # -- the live page ----------------------------------------------------------------------------
    def _driver(self) -> Any:
        return getattr(self.env, "driver", None)

    def _script(self) -> Callable[[str], Any] | None:
        driver = self._driver()
        if driver is None:
            return None
        return lambda expression: driver.execute_script(f"return {expression};")

    def _settle(self, instruction: str) -> None:
        driver = self._driver()
        if driver is None or self.settle_s <= 0:
            return
        kind, _, target = instruction.partition(" ")

        def ready(d: Any) -> bool:
            if d.execute_script(_ANIMATING):
                return False
            if kind.lower() not in _TARGETED:
                return True
            return any(e.is_displayed() for e in d.find_elements(By.XPATH, target))

        try:
            driver.implicitly_wait(0)  # computergym's 5 s implicit wait would stall every poll
            WebDriverWait(driver, self.settle_s, poll_frequency=0.05).until(ready)
        except (TimeoutException, WebDriverException):
            pass  # the instruction runs as is; the page decides
        finally:
            driver.implicitly_wait(browser.IMPLICIT_WAIT_S)

    # -- the policy -------------------------------------------------------------------------------
    async def aact(self, history: Sequence[Message]) -> str:
        if self.env is None:
            return self.act(history)
        return await self.env.call(self.act, history)

    def act(self, history: Sequence[Message]) -> str:
        if not self.covered:
            return ""
        pt = history[-1].content
        if pt.endswith(P.CRITIQUE_PROMPT):
            return CRITIQUE_ANSWER
        if P.PLAN_HEADER not in pt:  # plan or re-plan stage: the prompt has no plan yet
            goal, html = _page(self.task, pt)
            view = View(goal=goal, html=html, script=self._script())
            try:
                self.steps = solve(self.task, view)
            except Unsolvable as exc:
                self.failure = f"{type(exc).__name__}: {exc}"
                return ""
            self.notes.update(view.notes)
            return plan_text(self.steps)
        if not self.steps:
            return ""
        k = min(_executed(pt), len(self.steps) - 1)
        step = self.steps[k]
        if isinstance(step, Later):
            if k not in self.decided:
                goal, html = _page(self.task, pt)
                try:
                    self.decided[k] = step.decide(View(goal=goal, html=html, script=self._script()))
                except Unsolvable as exc:
                    self.failure = f"{type(exc).__name__}: {exc}"
                    return ""
            step = self.decided[k]
        self._settle(step)
        return step

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        if not self.covered:
            return OracleAccount(solvable=False, reason="not_scripted", detail={"task": self.task})
        if score.score > 0:
            return OracleAccount()
        rejected = status is Status.COMPLETED and float(score.metrics.get("reward") or 0.0) < 0
        defect = self.notes.get("defect_if_rejected")
        if rejected and defect and self.failure is None:
            return OracleAccount(solvable=False, reason="page_defect", detail={"task": self.task, "defect": defect})
        return OracleAccount(detail={"solver": self.failure} if self.failure else {})
