"""One MiniWoB++ episode: a pooled Chromium page driven by the RCI agent's instructions."""

from __future__ import annotations

from typing import Any

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.miniwob import browser
from tasks.miniwob.dom_text import read_state
from tasks.miniwob.instructions import ActionFailed, InvalidInstruction, execute, parse_instruction
from tasks.miniwob.prompts import chat_messages, clean_reply
from tasks.miniwob.rci_agent import RCIAgent

ALL_OR_NOTHING_TASKS = frozenset(
    {"click-checkboxes", "click-checkboxes-large", "click-checkboxes-soft", "click-checkboxes-transfer"}
)
"""AgentTuning's pages score these 1 when every box is right, else -1; the ``miniwob`` 1.1 pages give
partial credit (``r / elems``, positive when more boxes are right than wrong). On the PyPI pages we
keep the original's meaning: success only when the raw reward is 1."""


def is_success(task: str, env_reward: float, raw_reward: float, all_or_nothing: bool = False) -> bool:
    """Success = reward > 0 (main.py); ``all_or_nothing`` adds the raw-reward rule above (PyPI pages)."""
    if all_or_nothing and task in ALL_OR_NOTHING_TASKS:
        return env_reward > 0 and raw_reward >= 1.0 - 1e-9
    return env_reward > 0


class MiniWoBEnv(Env):
    """Plan, then one instruction per plan step; ends on a non-zero reward, done, or the plan's end."""

    def __init__(self, task: str, seed: float, pool: browser.BrowserPool, *, url: str, max_time_ms: int | None,
                 all_or_nothing: bool = False, erci: int = 1, irci: int = 3, grounding: bool = True,
                 oracle_covered: bool = False):
        self.task = task
        self.seed = seed
        self.pool = pool
        self.url = url
        self.max_time_ms = max_time_ms
        self.all_or_nothing = all_or_nothing
        self.agent = RCIAgent(task, erci=erci, irci=irci, grounding=grounding)
        self.oracle_covered = oracle_covered
        self.driver: WebDriver | None = None
        self._broken = False
        self.executed = 0
        self.reward = 0.0
        self.raw_reward = 0.0
        self.reason: Any = None
        self.failure: str | None = None

    def reset(self) -> list[Message]:
        self.driver = self.pool.acquire()
        try:
            browser.begin_episode(self.driver, self.url, self.seed, self.max_time_ms)
            state = read_state(self.driver)
        except Exception:
            self._broken = True
            raise
        reply = self.agent.start(state.utterance, state.html(self.task))
        assert reply.prompt is not None
        return chat_messages(reply.prompt)

    def step(self, action: str) -> StepResult:
        try:
            return self._step(action)
        except WebDriverException:
            self._broken = True  # the browser is not trusted for the next episode
            raise

    def _step(self, action: str) -> StepResult:
        stage = self.agent.stage.value
        text = clean_reply(action)
        if not text:
            # The original re-asks on an empty answer forever (greedy decoding repeats it): we end
            # the episode as a failure instead of looping.
            return self._end(Status.INVALID_FORMAT, "empty model answer", stage, invalid=True)
        reply = self.agent.feed(text)
        if reply.prompt is not None:
            return StepResult(next_messages=chat_messages(reply.prompt), info={"stage": stage})
        if reply.failed is not None:
            return self._end(Status.INVALID_ACTION, reply.failed, stage, invalid=True)
        assert reply.instruction is not None and self.driver is not None
        info: dict[str, Any] = {"stage": stage, "instruction": reply.instruction}
        try:
            execute(self.driver, parse_instruction(reply.instruction))
        except (InvalidInstruction, ActionFailed) as exc:
            # main.py: an invalid instruction ends the episode with reward 0; an action that raises
            # inside computergym's instance thread leaves the step's default reward -1, done.
            return self._end(Status.INVALID_ACTION, str(exc), stage, invalid=True, instruction=reply.instruction)
        self.executed += 1
        meta = browser.episode_metadata(self.driver)
        if meta["done"]:
            self.reward = float(meta["env_reward"] or 0.0)
            self.raw_reward = float(meta["raw_reward"] or 0.0)
            self.reason = meta.get("reason")
            return self._end(Status.COMPLETED, None, stage, instruction=reply.instruction)
        if self.executed >= self.agent.steps:
            return self._end(Status.TASK_LIMIT_REACHED, "plan steps exhausted", stage, instruction=reply.instruction)
        state = read_state(self.driver)
        nxt = self.agent.observe(state.html(self.task))
        assert nxt.prompt is not None
        return StepResult(next_messages=chat_messages(nxt.prompt), info=info)

    def _end(self, status: Status, failure: str | None, stage: str, *, invalid: bool = False,
             instruction: str | None = None) -> StepResult:
        self.failure = failure
        info: dict[str, Any] = {"stage": stage, "reward": self.reward, "raw_reward": self.raw_reward}
        if instruction is not None:
            info["instruction"] = instruction
        if failure:
            info["failure"] = failure
        return StepResult(done=True, status=status, invalid=invalid, reward=self.reward, info=info)

    def evaluate(self, status: Status) -> SampleScore:
        success = is_success(self.task, self.reward, self.raw_reward, self.all_or_nothing)
        return SampleScore(
            score=1.0 if success else 0.0,
            metrics={
                "task": self.task,
                "reward": self.reward,
                "raw_reward": self.raw_reward,
                "reason": None if self.reason is None else str(self.reason),
                "instructions": self.executed,
                "plan_steps": self.agent.steps,
                "failure": self.failure,
                "oracle_covered": self.oracle_covered,
            },
        )

    def close(self) -> None:
        if self.driver is not None:
            self.pool.release(self.driver, broken=self._broken)
            self.driver = None
