"""The driver's side of a hosted environment (``--executor ray``): what the agent loop plays.

- :class:`HostedTask`: the planned task as the loop sees it, except that ``make_env`` returns a
  :class:`RemoteEnv` on the worker's current host.
- :class:`RemoteEnv`: forwards ``reset`` / ``step`` / ``evaluate`` / ``close`` (with the
  ``last_generation`` the loop set) to the host, and answers ``context`` / ``choices`` /
  ``raw_prompt`` from the view the host sent back with the last reset or step.
- :class:`HostBinding`: the run's model as the loop sees it. Ordinary models bind to themselves and
  answer from the driver; a model that binds to the live environment (the oracle, whose policy may
  query it with ``env.call``) is bound on the host, next to the real environment, and answered by
  :class:`RemoteBoundModel`.

An actor that dies (its node lost, its process killed) ends the sample in flight as an environment
failure (``errored``, retried on resume); an exception raised by the environment on the host is
raised here as itself.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import ray
from ray.exceptions import RayError, RayTaskError

from harness.executors.wire import EnvView, next_history, same_history
from harness.metrics import SampleScore
from harness.model import Generation, GenerationRequest, Message, Model, ModelInfo
from harness.resilience import ResilientModel
from harness.schema import OracleAccount
from harness.task import Env, RunContext, Sample, Status, StepResult, Task


class EnvironmentLost(RuntimeError):
    """The Ray actor hosting a sample's environment died (its node or worker process was lost)."""


class HostSlot:
    """A worker's current host, and the environment it last opened there."""

    def __init__(self, host: Any = None, node: str = ""):
        self.host = host
        self.node = node
        self.env: RemoteEnv | None = None

    @property
    def lost(self) -> bool:
        return self.env is not None and self.env.lost


class HostedTask:
    """A task whose environments live on a host; every other attribute is the task's own."""

    def __init__(self, task: Task, slot: HostSlot):
        self._task = task
        self._slot = slot

    def __getattr__(self, name: str) -> Any:
        return getattr(self._task, name)

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        env = RemoteEnv(self._slot.host, sample)
        self._slot.env = env
        return env


class RemoteEnv(Env):
    """One sample's environment, living in an :class:`~harness.executors.ray_host.EnvHost` actor."""

    blocking = False

    def __init__(self, host: Any, sample: Sample):
        self.host = host
        self.sample = sample
        self.binder: Model | None = None
        """A model to bind on the host to the live environment (set by :class:`HostBinding`)."""
        self.account: OracleAccount | None = None
        self.lost = False
        self._history: list[Message] | None = None
        self._view: EnvView | None = None
        self._warned = False

    async def _remote(self, method: str, *args: Any) -> Any:
        future = asyncio.ensure_future(_resolve(getattr(self.host, method).remote(*args)))
        self._in_flight = future  # `settle` (after the sample's time limit) waits for it
        try:
            return await asyncio.shield(future)
        except RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, Exception) and not isinstance(cause, RayError):
                raise cause from None  # the environment's own failure, as it would be raised locally
            raise
        except RayError as exc:
            self.lost = True
            raise EnvironmentLost(f"the Ray actor hosting this environment was lost: {type(exc).__name__}: {exc}") from None

    def _apply(self, history: list[Message] | None, view: EnvView | None) -> None:
        self._history, self._view = history, view
        if view is not None:
            self.choices, self.raw_prompt = view.choices, view.raw_prompt

    async def areset(self) -> list[Message]:
        messages, view = await self._remote("open", self.sample, self.binder)
        self._apply(list(messages), view)
        return messages

    async def astep(self, action: str) -> StepResult:
        result, view = await self._remote("step", action, self.last_generation)
        if view is not None and self._history is not None:
            self._apply(next_history(self._history, action, result), view)
        else:
            self._apply(None, None)
        return result

    def context(self, history: list[Message]) -> list[Message]:
        view = self._view
        if view is None or self._history is None or not same_history(history, self._history):
            view = self._context_fallback(history)
        return history if view.context is None else view.context

    def _context_fallback(self, history: list[Message]) -> EnvView:
        """The loop built a history other than the rule in :func:`next_history` says: ask the
        host (a blocking round trip; correct, but it means the rule needs updating)."""
        if not self._warned:
            self._warned = True
            print("harness: warning: ray: the loop's history differs from harness.executors.wire.next_history; "
                  "asking the host for each context (slower)", file=sys.stderr)
        view = ray.get(self.host.context.remote(list(history)))
        self._apply(list(history), view)
        return view

    async def aevaluate(self, status: Status) -> SampleScore:
        score, self.account = await self._remote("evaluate", status)
        return score

    async def aclose(self) -> None:
        await self._remote("close")

    async def generate(self, request: GenerationRequest) -> Generation:
        return await self._remote("generate", request)

    # the synchronous methods are the host's: the loop only calls the async ones
    def reset(self) -> list[Message]:  # pragma: no cover - never called
        raise NotImplementedError("a RemoteEnv is played through its async methods")

    def step(self, action: str) -> StepResult:  # pragma: no cover - never called
        raise NotImplementedError("a RemoteEnv is played through its async methods")

    def evaluate(self, status: Status) -> SampleScore:  # pragma: no cover - never called
        raise NotImplementedError("a RemoteEnv is played through its async methods")


async def _resolve(ref: Any) -> Any:
    return await ref


def binds_to_env(model: Model) -> Model | None:
    """The innermost model when it binds to the live environment (the oracle), else None."""
    while isinstance(model, ResilientModel):
        model = model.inner
    return model if type(model).bind is not Model.bind else None


class RemoteBoundModel(Model):
    """A model bound on the host to a sample's environment, answering through it."""

    def __init__(self, env: RemoteEnv, base: Model):
        self.env = env
        self.base = base
        self.name, self.adapter = base.name, base.adapter
        self.supports_logprobs, self.cacheable = base.supports_logprobs, False

    async def generate(self, request: GenerationRequest) -> Generation:
        return await self.env.generate(request)

    def oracle_account(self, score: Any, status: Any) -> OracleAccount | None:
        return self.env.account

    def info(self) -> ModelInfo:
        return self.base.info()


class HostBinding(Model):
    """The run's model for the loop under ``--executor ray`` (see the module docstring)."""

    def __init__(self, model: Model):
        self.model = model
        self.binder = binds_to_env(model)
        self.name, self.adapter = model.name, model.adapter
        self.supports_logprobs, self.cacheable = model.supports_logprobs, model.cacheable

    def bind(self, task: Any, sample: Any, env: Any) -> Model:
        if self.binder is None or not isinstance(env, RemoteEnv):
            return self.model.bind(task, sample, env)
        env.binder = self.binder
        return RemoteBoundModel(env, self.model)

    async def generate(self, request: GenerationRequest) -> Generation:
        return await self.model.generate(request)

    def identity(self) -> str:
        return self.model.identity()

    def info(self) -> ModelInfo:
        return self.model.info()
