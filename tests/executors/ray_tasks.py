"""Tasks for the Ray executor's tests, importable by Ray workers as ``tests.executors.ray_tasks``
(the repository root is on their path): a SciWorld subset and a task that reports where its
environments ran, with a file barrier and a hold so a test can catch every one in flight."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import ClassVar

from harness.data import resolve
from harness.model import GenerationRequest, GenParams, user
from harness.task import (
    Env,
    Metric,
    Replay,
    RunContext,
    Sample,
    SampleScore,
    Status,
    StepResult,
    Suite,
    Task,
    TaskOption,
)
from tasks.os_interaction import OSInteraction
from tasks.sciworld import SciWorld

# Short test variations whose gold path reaches 100 (tests/sciworld/test_env_jvm.py)
FAST_GOLD = ("task05-var261", "task07-var295", "task08-var229")
WAIT_S = 180.0


class FastSciWorld(SciWorld):
    """SciWorld on three short test variations."""

    def samples(self, split: str) -> list[Sample]:
        return [s for s in super().samples(split) if s.id in FAST_GOLD]


RANDOM_MARKERS = ("RANDOM", "random", "shuf", "date", "urandom", "mktemp", "$$")


class SteadyOS(OSInteraction):
    """The first three OS problems whose set-up draws nothing at random (the others generate their
    files with $RANDOM & co., so two runs of them differ whatever runs them)."""

    def samples(self, split: str) -> list[Sample]:
        steady = [s for s in super().samples(split) if not any(m in json.dumps(s.data) for m in RANDOM_MARKERS)]
        return steady[:3]


def with_data(cls: type[Task], split: str = "test") -> Task:
    """An instance of ``cls`` reading its data as a planned run would (official, else bundled)."""
    return cls(data={src.name: Path(resolve(src, cls.sample_data).path) for src in cls.sources_for(split)})


def _wait_for(predicate, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {WAIT_S:.0f} s for {what}")
        time.sleep(0.05)


class WhereEnv(Env):
    """Reset: joins the barrier (a file named after the sample, holding the node id) and waits for
    ``parties`` of them; step: waits for the hold file, then ends, telling where it ran."""

    def __init__(self, sample: Sample, barrier: Path | None, parties: int, hold: Path | None):
        self.sample, self.barrier, self.parties, self.hold = sample, barrier, parties, hold

    def reset(self):
        if self.barrier is not None:
            self.barrier.mkdir(parents=True, exist_ok=True)
            (self.barrier / self.sample.id).write_text(f"{_node_id()} {os.getppid()}")  # the parent: its node's raylet
            _wait_for(lambda: len(list(self.barrier.iterdir())) >= self.parties, "the barrier")
        return [user(f"where is {self.sample.id}?")]

    def step(self, action: str) -> StepResult:
        if self.hold is not None:
            _wait_for(self.hold.exists, f"{self.hold}")
        return StepResult(done=True, info={"node": _node_id()})

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(score=1.0)


def _node_id() -> str:
    try:
        import ray

        return ray.get_runtime_context().get_node_id()
    except Exception:  # noqa: BLE001 - not in a Ray worker
        return f"local-{os.getpid()}"


class WhereTask(Task):
    name = "where"
    suite = Suite.GENERAL
    metric = Metric(name="accuracy")
    env_resources: ClassVar[dict[str, float]] = {"envslot": 1.0}
    options_spec = (
        TaskOption(name="n", type="int", default=4),
        TaskOption(name="barrier", type="str"),
        TaskOption(name="parties", type="int", default=0),
        TaskOption(name="hold", type="str"),
    )

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=f"s{i}", split=split) for i in range(self.option_int("n"))]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        barrier, hold = self.option_str("barrier"), self.option_str("hold")
        return WhereEnv(sample, Path(barrier) if barrier else None, self.option_int("parties"), Path(hold) if hold else None)

    def oracle(self, sample: Sample, env: Env) -> Replay:
        return Replay(["here"])


class JudgedEnv(Env):
    """One answer, judged by the run's judge in ``aevaluate`` (a model call made by the environment)."""

    blocking = False

    def __init__(self, sample: Sample, judge, aux_name: str | None):
        self.sample, self.judge, self.aux_name, self.answer = sample, judge, aux_name, ""

    def reset(self):
        return [user(f"answer {self.sample.id}")]

    def step(self, action: str) -> StepResult:
        self.answer = action
        return StepResult(done=True)

    def evaluate(self, status: Status) -> SampleScore:  # pragma: no cover - aevaluate is the one used
        raise NotImplementedError

    async def aevaluate(self, status: Status) -> SampleScore:
        request = GenerationRequest(messages=(user(f"rate: {self.answer}"),), params=GenParams(max_new_tokens=64))
        verdict = await self.judge.generate(request)
        return SampleScore(score=1.0, metrics={"verdict": verdict.text, "judge": self.judge.info().name,
                                               "aux": self.aux_name})  # fmt: skip


class JudgedTask(Task):
    """Its environments call the judge; ``start`` opens the auxiliary model ``aux`` (ctx.models)."""

    name = "judged"
    suite = Suite.GENERAL
    metric = Metric(name="accuracy")
    options_spec = (TaskOption(name="n", type="int", default=3), TaskOption(name="aux", type="str"))

    def __init__(self, data=None, options=None):
        super().__init__(data, options)
        self.aux_name: str | None = None

    async def start(self, ctx: RunContext) -> None:
        if self.option_str("aux"):
            self.aux_name = (await ctx.models.get(self.option_str("aux"))).info().name

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=f"j{i}", split=split) for i in range(self.option_int("n"))]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return JudgedEnv(sample, ctx.judge, self.aux_name)

    def oracle(self, sample: Sample, env: Env) -> Replay:
        return Replay([f"gold {sample.id}"])
