"""A synthetic multi-turn task for adapter tests: sample ``i`` says ``sample i`` and plays ``turns``
turns (each observation ``ok k``); its score is 1 when every answer was non-empty."""

from __future__ import annotations

from typing import Any, ClassVar

from harness.model import GenParams, Message, user
from harness.task import Env, Metric, RunContext, Sample, SampleScore, Status, StepResult, Suite, Task


class SyntheticEnv(Env):
    blocking = False

    def __init__(self, sample: Sample, turns: int):
        self.sample = sample
        self.turns = turns
        self.answers: list[str] = []

    def reset(self) -> list[Message]:
        return [user(f"sample {self.sample.id}")]

    def step(self, action: str) -> StepResult:
        self.answers.append(action)
        k = len(self.answers)
        return StepResult(observation=f"ok {k}", done=k >= self.turns)

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(score=float(all(self.answers)))


class SyntheticTask(Task):
    name: ClassVar[str] = "synthetic"
    suite = Suite.GENERAL
    metric = Metric(name="answered")
    splits = ("test",)
    default_split = "test"
    max_turns = 1000
    generation = GenParams(max_new_tokens=16)

    def __init__(self, samples: int, turns: int = 1, **kwargs: Any):
        super().__init__(**kwargs)
        self.n_samples, self.turns = samples, turns

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=str(i), split=split) for i in range(self.n_samples)]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return SyntheticEnv(sample, self.turns)

    def oracle(self, sample: Sample, env: Any = None) -> list[str]:
        return ["answer"] * self.turns
