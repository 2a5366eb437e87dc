"""Scripted models and environments for testing the core loop (not stand-ins for real
endpoints: adapters are tested against real or loopback servers in tests/adapters)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from harness.model import Generation, GenerationRequest, Model, TransientModelError, user
from harness.task import Env, Metric, RunContext, Sample, SampleScore, Status, StepResult, Suite, Task


class ScriptedModel(Model):
    """Answers with ``fn(request)``; counts calls and the peak number in flight."""

    name = "scripted"
    adapter = "scripted"

    def __init__(self, fn: Callable[[GenerationRequest], str] | None = None, delay: float = 0.0, fail_first: int = 0,
                 error: type[Exception] = TransientModelError):
        self.fn = fn or (lambda r: "ok")
        self.delay = delay
        self.fail_first = fail_first
        self.error = error
        self.calls = 0
        self.in_flight = 0
        self.peak = 0

    async def generate(self, request: GenerationRequest) -> Generation:
        self.calls += 1
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.calls <= self.fail_first:
                raise self.error(f"injected failure {self.calls}")
            return Generation(text=self.fn(request), prompt_tokens=3, completion_tokens=2, latency_s=self.delay)
        finally:
            self.in_flight -= 1


class CountdownEnv(Env):
    """Done when the model says 'finish'; 'bad' is an invalid action; 'crash' raises."""

    blocking = False

    def __init__(self, sample: Sample):
        self.sample = sample
        self.closed = False
        self.invalid = 0

    def reset(self):
        return [user(f"task {self.sample.id}")]

    def step(self, action: str) -> StepResult:
        if action == "crash":
            raise RuntimeError("environment exploded")
        if action == "bad":
            self.invalid += 1
            if self.invalid >= 2:
                return StepResult(done=True, status=Status.INVALID_ACTION, invalid=True)
            return StepResult(observation="invalid action", invalid=True)
        if action == "finish":
            return StepResult(done=True, reward=1.0)
        return StepResult(observation=f"obs after {action}")

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(score=1.0 if status is Status.COMPLETED else 0.0, metrics={"group": self.sample.data.get("group", "a")})

    def close(self) -> None:
        self.closed = True


class CountdownTask(Task):
    name: ClassVar[str] = "countdown"
    suite = Suite.HELD_IN
    metric = Metric(name="success", scale="percent")
    max_turns = 4
    splits = ("test",)

    def __init__(self, n: int = 5, **kw):
        super().__init__(**kw)
        self.n = n
        self.envs: list[CountdownEnv] = []

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=f"s{i}", split=split, data={"group": "ab"[i % 2]}) for i in range(self.n)]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        env = CountdownEnv(sample)
        self.envs.append(env)
        return env

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        return ["look", "finish"]
