"""What crosses between the driver and an environment host (``--executor ray``), and the one rule
both sides apply to stay in step. No Ray import here: the host side and the driver side share it.

- :class:`TaskRecipe`: how a host builds the driver's task on its own node (the task's class, its
  options as given, and its data, resolved again on that node and checked against the driver's).
- :class:`EnvView`: what the loop reads from an environment before each model call (``context``,
  ``choices``, ``raw_prompt``), computed on the host right after ``reset`` / ``step``, so the loop's
  synchronous ``env.context(history)`` needs no round trip.
- :func:`next_history`: the loop's rule for the next turn's history (:func:`harness.loop._play`),
  which the host applies to compute that context, and the driver's proxy to check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.data import ResolvedData, resolve
from harness.errors import HarnessError
from harness.model import Message, ModelInfo
from harness.task import Env, StepResult, Task


@dataclass(frozen=True)
class EnvView:
    """An environment's model-facing state for the next model call."""

    context: list[Message] | None
    """``env.context(history)``; None when it is the history itself (or equal to it)."""
    choices: tuple[str, ...] | None
    raw_prompt: str | None

    @classmethod
    def of(cls, env: Env, history: list[Message]) -> EnvView:
        context = env.context(history)
        same = context is history or context == history
        return cls(context=None if same else list(context), choices=env.choices, raw_prompt=env.raw_prompt)


def next_history(history: list[Message], action: str, result: StepResult) -> list[Message]:
    """The history of the next turn, exactly as the loop builds it after a step that did not end
    the episode (the stage's own messages, or the output and the observation appended)."""
    if result.next_messages is not None:
        return list(result.next_messages)
    out = [*history, Message.model_construct(role="assistant", content=action)]
    if result.observation is not None:
        out.append(Message.model_construct(role="user", content=result.observation))
    return out


def same_history(a: list[Message], b: list[Message]) -> bool:
    return len(a) == len(b) and all(x is y or x == y for x, y in zip(a, b))


@dataclass
class TaskRecipe:
    """Rebuilds a planned task on another node: ``cls(data=..., options=...)``, the constructor the
    planner uses (tasks are never pickled: they hold locks, pools and services)."""

    cls: type[Task]
    split: str
    options: dict[str, Any]
    data: dict[str, Path]
    resolved: list[ResolvedData] = field(default_factory=list)

    def build(self) -> Task:
        """The task on this node, its data resolved here: the same sources, read the same way
        (:meth:`Task.provenance`: the same origin and checksums as the driver's), or bad input
        naming what to pull."""
        data = dict(self.data)
        sources = {s.name: s for s in self.cls.sources_for(self.split)}
        resolved = [resolve(sources[r.source], self.cls.sample_data) for r in self.resolved if r.source in sources]
        for mine in resolved:
            data[mine.source] = Path(mine.path)
        task = self.cls(data=data, options=self.options)
        read_here = {r.source: r for r in task.provenance(resolved)}
        for theirs in self.resolved:
            mine = read_here.get(theirs.source)
            if mine is None:
                continue
            if (mine.origin, mine.sha256, mine.members_sha256) != (theirs.origin, theirs.sha256, theirs.members_sha256):
                raise HarnessError(
                    f"{self.cls.name}: data source {theirs.source!r} here is {mine.origin} ({mine.sha256[:12]}), "
                    f"the driver's is {theirs.origin} ({theirs.sha256[:12]}): run `harness data pull {self.cls.name}` "
                    "on this node (or share HARNESS_DATA_DIR / HARNESS_DATA_MIRROR)"
                )
        return task


@dataclass(frozen=True)
class HostContext:
    """What a host needs to build the task's :class:`~harness.task.RunContext` on its node."""

    seed: int
    work_dir: Path | None
    judge_spec: str | None = None
    judge_info: ModelInfo | None = None
    missing_keys: dict[str, bool] = field(default_factory=dict)
    """Per registry model name: whether its API key is missing in the driver (``ModelProvider.missing_key``)."""
