"""The environment host: a Ray actor that builds a task on its node and hosts one sample's
environment at a time for a driver running the agent loop (``--executor ray``).

It is an async actor: environment methods run the way they do locally (blocking ones in worker
threads through ``Env.call``, async-native ones on the actor's event loop). A model that binds to
the live environment (the oracle) is bound here too, next to the real environment, so gold
policies that query it (``await env.call(...)``) work unchanged; the driver then asks this actor
for each of its answers. No Ray import: :mod:`harness.executors.ray_executor` makes it an actor.
"""

from __future__ import annotations

import os
import platform
from typing import Any

from harness.executors.relay import RelayModel, RelayProvider
from harness.executors.wire import EnvView, HostContext, TaskRecipe, next_history
from harness.metrics import SampleScore
from harness.model import Generation, GenerationRequest, Message, Model
from harness.schema import OracleAccount
from harness.task import Env, RunContext, Sample, Status, StepResult, Task


class EnvHost:
    """Hosts a task's environments, one at a time, on the node Ray placed it on."""

    def __init__(self, recipe: TaskRecipe, host_ctx: HostContext, mailbox: Any = None):
        self.recipe = recipe
        self.host_ctx = host_ctx
        self.mailbox = mailbox
        self.task: Task | None = None
        self.ctx: RunContext | None = None
        self.env: Env | None = None
        self.bound: Model | None = None
        self.history: list[Message] = []

    async def start(self) -> dict[str, Any]:
        """Build the task here and start its shared services; returns where this host runs."""
        import ray  # present: this runs in a Ray worker

        self.task = self.recipe.build()
        hc = self.host_ctx
        judge = None
        models = None
        if self.mailbox is not None:
            models = RelayProvider(self.mailbox, hc.missing_keys)
            if hc.judge_spec is not None and hc.judge_info is not None:
                judge = RelayModel(self.mailbox, hc.judge_spec, hc.judge_info)
        work_dir = hc.work_dir if hc.work_dir is not None and hc.work_dir.is_dir() else None
        self.ctx = RunContext(judge=judge, models=models, seed=hc.seed, work_dir=work_dir)
        await self.task.start(self.ctx)
        return {"node_id": ray.get_runtime_context().get_node_id(), "host": platform.node(), "pid": os.getpid()}

    async def stop(self) -> None:
        """Stop the task's shared services (the driver then ends this actor)."""
        if self.env is not None:
            await self.close()
        if self.task is not None:
            task, self.task = self.task, None
            await task.stop()

    # -- one episode -------------------------------------------------------------------------------
    async def open(self, sample: Sample, binder: Model | None) -> tuple[list[Message], EnvView]:
        """``make_env`` (+ binding ``binder`` to the live environment) and ``reset``."""
        assert self.task is not None and self.ctx is not None, "host not started"
        self.env = self.task.make_env(sample, self.ctx)
        self.bound = binder.bind(self.task, sample, self.env) if binder is not None else None
        messages = list(await self.env.areset())
        self.history = list(messages)
        return messages, EnvView.of(self.env, self.history)

    async def step(self, action: str, generation: Generation | None) -> tuple[StepResult, EnvView | None]:
        env = self._env()
        env.last_generation = generation
        result = await env.astep(action)
        if result.done:
            return result, None
        self.history = next_history(self.history, action, result)
        return result, EnvView.of(env, self.history)

    async def context(self, history: list[Message]) -> EnvView:
        """The view for a history the driver built otherwise (a fallback; see RemoteEnv.context)."""
        self.history = list(history)
        return EnvView.of(self._env(), self.history)

    async def generate(self, request: GenerationRequest) -> Generation:
        """The bound model's answer (the oracle's next gold output)."""
        assert self.bound is not None, "no model bound to this environment"
        return await self.bound.generate(request)

    async def evaluate(self, status: Status) -> tuple[SampleScore, OracleAccount | None]:
        score = await self._env().aevaluate(status)
        account = self.bound.oracle_account(score, status) if self.bound is not None else None
        return score, account

    async def settle(self) -> None:
        if self.env is not None:
            await self.env.settle()

    async def close(self) -> None:
        env, self.env, self.bound, self.history = self.env, None, None, []
        if env is not None:
            await env.aclose()

    def _env(self) -> Env:
        assert self.env is not None, "no environment open"
        return self.env
