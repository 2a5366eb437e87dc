"""The synthetic multi-turn task every benchmark runs (the same one for inspect_ai).

An episode is ``turns`` model calls: an instruction of about 2,000 characters, then per turn an
answer from the model and an observation of about 300 characters appended (the sizes of an
AgentBench OS/DB episode), so a 50-turn conversation carries about 20 kB by its end.
"""

from __future__ import annotations

from typing import Any, ClassVar

from harness.model import Generation, GenerationRequest, GenParams, Message, Model, user
from harness.task import Env, Metric, RunContext, Sample, SampleScore, Status, StepResult, Suite, Task

INSTRUCTION = ("You are an agent operating a Linux shell. Answer with Think: and Act: lines. " * 26)[:2000]
OBSERVATION = ("total 12\ndrwxr-xr-x 2 root root 4096 Jan 1 00:00 data\n-rw-r--r-- 1 root root 42 a.txt\n" * 4)[:300]


def instruction(sample_id: str) -> str:
    return f"[sample {sample_id}] {INSTRUCTION}"


def observation(turn: int) -> str:
    return f"[turn {turn}] {OBSERVATION}"


class ZeroLatencyModel(Model):
    """Answers at once, in process: the harness's own cost with no model in the way."""

    name = "zero"
    adapter = "bench"
    cacheable = False

    async def generate(self, request: GenerationRequest) -> Generation:
        return Generation(text="Think: list the files.\nAct: bash ls -la", prompt_tokens=10, completion_tokens=1)


class SyntheticEnv(Env):
    blocking = False

    def __init__(self, sample: Sample, turns: int):
        self.sample, self.turns, self.n = sample, turns, 0

    def reset(self) -> list[Message]:
        return [user(instruction(self.sample.id))]

    def step(self, action: str) -> StepResult:
        self.n += 1
        return StepResult(observation=observation(self.n), done=self.n >= self.turns, reward=1.0)

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(score=1.0)


class SyntheticTask(Task):
    """``samples`` episodes of ``turns`` turns each."""

    name: ClassVar[str] = "synthetic"
    suite = Suite.HELD_IN
    metric = Metric(name="success")
    max_turns = 100_000
    generation = GenParams(max_new_tokens=16)

    def __init__(self, samples: int, turns: int, **kwargs: Any):
        super().__init__(**kwargs)
        self.n_samples, self.turns = samples, turns

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=str(i), split=split) for i in range(self.n_samples)]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return SyntheticEnv(sample, self.turns)

    def oracle(self, sample: Sample, env: Any = None) -> list[str]:
        return ["Act: bash ls"] * self.turns
