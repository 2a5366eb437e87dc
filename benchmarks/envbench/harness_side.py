"""The harness side of the comparison: ``harness.runner.execute`` on chosen samples, with the
measured window from the first episode's start (the task's shared services are up, the manifest
written: one-time costs) to the task's ``stop``.

Two models play the episodes:

- ``live``: the built-in ``oracle`` (each task's gold policy, bound to the live environment);
  its outputs are recorded from ``samples.jsonl``;
- ``replay``: those recorded outputs, replayed turn by turn at no cost. This is the like-for-like
  figure: some gold policies query the live environment (SciWorld's reads three JSON tables from
  the JVM every turn, the card game's looks ahead), work no model and no raw client does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from envbench.meter import Window
from harness import eventloop
from harness.metrics import Metric, SampleScore
from harness.model import Generation, GenerationRequest, Message, Model, user
from harness.plan import plan_task
from harness.registry import task_class
from harness.runner import RunOptions, execute
from harness.task import Env, Replay, RunContext, Sample, Status, StepResult, Suite, Task


class NullEnv(Env):
    """A blocking environment that does nothing: two steps, then done (the harness's own cost)."""

    def reset(self) -> list[Message]:
        self.steps = 0
        return [user("go")]

    def step(self, action: str) -> StepResult:
        self.steps += 1
        return StepResult(observation="ok", done=self.steps >= 2)

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(score=1.0)


class NullTask(Task):
    name = "null"
    suite = Suite.HELD_IN
    metric = Metric(name="success")
    max_turns = 4

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=f"null-{i}", split=split) for i in range(1000)]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return NullEnv()

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        return ["a", "b"]


def planned(name: str, options: dict[str, Any], sample_ids: Sequence[str] | None, count: int) -> tuple[Task, list[Sample]]:
    """The task with its data resolved as a run resolves it, and the samples to play: the given
    ids, else ``count`` samples evenly spaced over the default split."""
    if name == "null":
        task = NullTask()
        return task, task.samples("test")[:count]
    plan = plan_task(task_class(name), None, None, options)
    task, samples = plan.task, plan.samples
    if sample_ids:
        by_id = {s.id: s for s in samples}
        missing = [i for i in sample_ids if i not in by_id]
        if missing:
            raise SystemExit(f"{name}: no samples {missing}")
        chosen = [by_id[i] for i in sample_ids]
    else:
        step = max(1, len(samples) // max(1, count))
        chosen = samples[::step][:count]
    return task, chosen


class RecordedOracle(Model):
    """Replays recorded outputs per sample id (no environment queries, no cost)."""

    name = "oracle"
    adapter = "replay"
    cacheable = False

    def __init__(self, outputs: dict[str, list[str]]):
        self.outputs = outputs

    async def generate(self, request: GenerationRequest) -> Generation:
        raise RuntimeError("unbound")

    def bind(self, task: Any, sample: Any, env: Any) -> Model:
        return _Bound(Replay(self.outputs[sample.id]))


class _Bound(Model):
    name = "oracle"
    adapter = "replay"
    cacheable = False

    def __init__(self, policy: Replay):
        self.policy = policy

    async def generate(self, request: GenerationRequest) -> Generation:
        return Generation(text=self.policy.act(request.messages), finish_reason="oracle")


def run(
    task: Task,
    samples: list[Sample],
    out: Path,
    concurrency: int,
    window: Window,
    outputs: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """Play ``samples`` through the runner; returns the sample records (as stored)."""
    chosen = list(samples)
    task.samples = lambda split: chosen  # type: ignore[method-assign]
    make_env, stop = task.make_env, task.stop

    def timed_make_env(sample, ctx):
        if window.start is None:  # the first episode: services started, manifest written
            window.open()
        return make_env(sample, ctx)

    async def timed_stop():
        window.close()
        await stop()

    task.make_env = timed_make_env  # type: ignore[method-assign]
    task.stop = timed_stop  # type: ignore[method-assign]
    opts = RunOptions(model="oracle", tasks=[task.name], out=out, concurrency=concurrency, cache=False, progress=False)
    model = RecordedOracle(outputs) if outputs is not None else None
    result = eventloop.run(execute(opts, model_override=model, task_overrides=[task]))
    if result.n_errored:
        raise SystemExit(f"{task.name}: {result.n_errored} samples errored (see {out})")
    return [json.loads(line) for line in (out / "samples.jsonl").read_text().splitlines() if line.strip()]


def outputs_of(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {r["sample_id"]: [t["output"] for t in r["trajectory"]] for r in records}
