"""One WebArena episode: the browser session, the step loop of ``run.py`` and the evaluation.

Per step (as ``run.py`` / ``PromptAgent``): the answer's first ```` ```...``` ```` span, public site
names mapped back to the deployment, parsed as an id-based action (a failure is the ``none``
action); its history text is taken from the observation it refers to; ``stop`` ends the episode;
otherwise the action runs, the page settles, a new observation is taken, and the early-stop rules
are checked before the next model call: 30 actions, 3 unparsable answers in a row, or the same
action 3 times in a row (a typing action: 3 times in the whole episode). An early stop ends the
episode with the answer "Early stop: <reason>", which the evaluators then see, as in the original.

The environment is async-native (``blocking = False``): every browser call is awaited on the
runner's loop, nothing runs in threads except the pure tree processing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from harness.model import Message, Model
from harness.task import Env, SampleScore, Status, StepResult
from tasks.webarena import actions, evaluators, prompt
from tasks.webarena.actions import Action, Kind
from tasks.webarena.browser import Chromium, Session
from tasks.webarena.configs import TaskConfig
from tasks.webarena.login import LoginStates
from tasks.webarena.sites import Sites

MAX_STEPS = 30
PARSING_FAILURE_TH = 3
REPEATING_ACTION_TH = 3


@dataclass
class Runtime:
    """What the episodes of one run share."""

    chromium: Chromium
    sites: Sites
    logins: LoginStates
    settle_s: float
    html_wait_s: float
    judge: Model | None = None
    cookies: Callable[[str], list[dict[str, Any]]] | None = None
    """Extra cookies for an episode's context (the local site's per-episode state key)."""


def early_stop(taken: list[Action], max_steps: int = MAX_STEPS) -> tuple[str, Status] | None:
    """``run.py``'s ``early_stop`` over the actions taken so far (none of them a stop)."""
    if len(taken) >= max_steps:
        return f"Reach max steps {max_steps}", Status.TASK_LIMIT_REACHED
    last_k = taken[-PARSING_FAILURE_TH:]
    if len(last_k) >= PARSING_FAILURE_TH and all(a.kind is Kind.NONE for a in last_k):
        return f"Failed to parse actions for {PARSING_FAILURE_TH} times", Status.INVALID_FORMAT
    if not taken:
        return None
    last = taken[-1]
    if last.kind is not Kind.TYPE:
        last_k = taken[-REPEATING_ACTION_TH:]
        if len(last_k) >= REPEATING_ACTION_TH and all(actions.equivalent(a, last) for a in last_k):
            return f"Same action for {REPEATING_ACTION_TH} times", Status.TASK_LIMIT_REACHED
    elif sum(actions.equivalent(a, last) for a in taken) >= REPEATING_ACTION_TH:
        return f"Same typing action for {REPEATING_ACTION_TH} times", Status.TASK_LIMIT_REACHED
    return None


def parse_answer(text: str, to_local: Callable[[str], str]) -> Action:
    """The model's answer to an action; anything unparsable is the ``none`` action."""
    try:
        action = actions.parse(to_local(actions.extract(text)))
    except actions.ParseError:
        action = Action(kind=Kind.NONE)
    return action.model_copy(update={"raw": text})


class WebArenaEnv(Env):
    blocking: ClassVar[bool] = False

    def __init__(self, config: TaskConfig, runtime: Runtime, episode_key: str) -> None:
        self.config = config
        self.runtime = runtime
        self.episode_key = episode_key
        self.session: Session | None = None
        self.taken: list[Action] = []
        self.answer = ""
        self.stop_reason = ""
        self.last_prompt: list[Message] = []

    # the environment is async-native: the loop calls only the a* methods
    def reset(self) -> list[Message]:
        raise NotImplementedError("WebArenaEnv is async-native: use areset")

    def step(self, action: str) -> StepResult:
        raise NotImplementedError("WebArenaEnv is async-native: use astep")

    def evaluate(self, status: Status) -> SampleScore:
        raise NotImplementedError("WebArenaEnv is async-native: use aevaluate")

    def _prompt(self, observation: str, previous: str) -> list[Message]:
        assert self.session is not None
        self.last_prompt = prompt.step_messages(
            observation, self.session.url, self.config.intent, previous, self.runtime.sites.to_public
        )
        return self.last_prompt

    async def areset(self) -> list[Message]:
        rt = self.runtime
        state = await rt.logins.path(self.config.auth_name) if self.config.auth_name else None
        cookies = rt.cookies(self.episode_key) if rt.cookies else None
        self.session = await Session.open(
            rt.chromium, self.config.start_urls, state, self.config.geolocation, rt.settle_s, cookies
        )
        return self._prompt(await self.session.observe(), "None")

    async def astep(self, action_text: str) -> StepResult:
        session = self.session
        assert session is not None
        action = parse_answer(action_text, self.runtime.sites.to_local)
        self.taken.append(action)
        previous = actions.history_text(action, session.shown)
        info: dict[str, Any] = {"action": previous if action.kind is not Kind.NONE else "none"}
        if action.kind is Kind.STOP:
            self.answer, self.stop_reason = action.answer, "stop"
            return StepResult(done=True, status=Status.COMPLETED, info=info)
        error = await session.execute(action)
        if error:
            info["error"] = error
        observation = await session.observe()
        info["url"] = session.url
        stop = early_stop([a for a in self.taken if a.kind is not Kind.STOP])
        invalid = action.kind is Kind.NONE
        if stop is not None:
            reason, status = stop
            self.answer, self.stop_reason = f"Early stop: {reason}", reason
            return StepResult(done=True, status=status, invalid=invalid, info=info)
        return StepResult(next_messages=self._prompt(observation, previous), invalid=invalid, info=info)

    async def aevaluate(self, status: Status) -> SampleScore:
        assert self.session is not None and self.session.page is not None
        score, details = await evaluators.evaluate(
            self.config, self.answer, self.session.page, self.runtime.judge, self.runtime.sites.shopping,
            self.runtime.html_wait_s,
        )  # fmt: skip
        metrics = {
            "task_id": self.config.task_id,
            "sites": list(self.config.sites),
            "eval_types": list(self.config.eval.eval_types),
            "answer": self.answer,
            "stop_reason": self.stop_reason or status.value,
            "steps": len(self.taken),
            "final_url": self.session.url,
            "evaluators": details,
        }
        return SampleScore(score=score, metrics=metrics)

    async def aclose(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            await session.close()
