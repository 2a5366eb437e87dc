"""What a run will do: its options, and per task the instance, split, samples and data.

Planning validates everything the command line says before any data is resolved or any model is
built: task names, task options (each task declares its own; ``--task-opt KEY=VALUE`` goes to
every selected task that declares KEY, ``--task-opt TASK.KEY=VALUE`` to that task only, and a
key no selected task declares is bad input), split names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from harness.data import ResolvedData, resolve
from harness.errors import ConfigError, HarnessError
from harness.registry import task_class
from harness.schema import Comparability
from harness.task import Sample, Task


class RunOptions(BaseModel):
    """Everything ``harness run`` was asked to do."""

    model: str = "smollm2"
    tasks: list[str] = Field(default_factory=list)
    split: str | None = None
    limit: int | None = None
    concurrency: int = Field(default=8, ge=1)
    out: Path | None = None
    resume: Path | None = None
    task_options: dict[str, Any] = Field(default_factory=dict)
    """``--task-opt`` as given: ``KEY`` (every selected task that declares it) or ``TASK.KEY``."""
    judge: str | None = None
    seed: int = 0
    cache: bool = True
    progress: bool = True
    models_file: Path | None = None
    retry_attempts: int = 5
    command: list[str] = Field(default_factory=list)
    executor: Literal["local", "ray"] = "local"
    """Where environments live: this process (``local``) or Ray actors (``ray``, :mod:`harness.executors`)."""
    ray_address: str | None = None
    """``--executor ray``: the cluster (``auto``, ``HOST:PORT``, ``ray://HOST:PORT``); None starts a private local one."""


@dataclass
class PlannedTask:
    """One task of a run, instantiated with its data and options, and its selected samples."""

    task: Task
    split: str
    samples: list[Sample]
    data: list[ResolvedData]
    pending: list[Sample] = field(default_factory=list)
    judge: str | None = None
    """The judge this task is judged with (``--judge``, its default, or the default's fallback)."""

    @property
    def data_origin(self) -> str:
        return ",".join(sorted({d.origin for d in self.data})) or "official"

    def comparability(self, judge_spec: str | None = None) -> Comparability:
        """Whether this task's score in this run is comparable with its reference protocol:
        the task's own reasons, options that deviate from the protocol, bundled sample data, a
        judge other than the protocol's."""
        task = self.task
        reasons = list(task.comparability()) + task.option_deviations()
        if any(d.origin == "bundled-sample" for d in self.data):
            reasons.append("bundled sample data, not the official set (run `harness data pull`)")
        authored = [d.source for d in self.data if d.origin == "authored"]
        if authored and not reasons:  # the task should say why; never let it pass as comparable
            reasons.append(f"an authored set in place of the official {', '.join(authored)}")
        judge_spec = judge_spec or self.judge
        if task.judge_default and judge_spec and judge_spec != task.judge_default:
            reasons.append(f"judge {judge_spec!r} instead of the protocol's {task.judge_default!r}")
        return Comparability(
            reference=task.protocol.reference, source=task.protocol.source, comparable=not reasons, reasons=reasons
        )


def split_task_options(raw: dict[str, Any], classes: dict[str, type[Task]]) -> dict[str, dict[str, Any]]:
    """``--task-opt`` pairs -> each selected task's own options (validated: exit 2 on a key that
    no selected task declares, or a scoped key of a task that is not selected)."""
    per_task: dict[str, dict[str, Any]] = {name: {} for name in classes}
    for key, value in raw.items():
        scope, dot, name = key.partition(".")
        if dot and scope in classes:
            if classes[scope].option_spec(name) is None:
                known = ", ".join(o.name for o in classes[scope].options_spec) or "none"
                raise ConfigError(f"{scope}: unknown task option {name!r} (options: {known})")
            per_task[scope][name] = value
            continue
        if dot:
            raise ConfigError(f"task option {key!r} names task {scope!r}, which this run does not select")
        targets = [t for t, cls in classes.items() if cls.option_spec(key) is not None]
        if not targets:
            raise ConfigError(
                f"no selected task takes option {key!r} (selected: {', '.join(classes)}; `harness list tasks` shows each task's options)"
            )
        for t in targets:
            per_task[t][key] = value
    for name, cls in classes.items():
        cls.validate_options(per_task[name])
    return per_task


def task_classes(names: list[str]) -> dict[str, type[Task]]:
    """Load the selected task classes (exit 2 on an unknown name)."""
    return {name: task_class(name) for name in names}


def check_split(cls: type[Task], split: str | None) -> str:
    split = split or cls.default_split
    if split not in cls.splits:
        raise HarnessError(f"task {cls.name!r} has no split {split!r} (splits: {', '.join(cls.splits)})")
    return split


def plan_task(cls: type[Task], split: str | None, limit: int | None, options: dict[str, Any]) -> PlannedTask:
    """Instantiate a task with its data and options and select its samples (first ``limit``)."""
    split = check_split(cls, split)
    resolved = [resolve(src, cls.sample_data) for src in cls.sources_for(split)]
    task = cls(data={r.source: Path(r.path) for r in resolved}, options=options)
    return plan_instance(task, split, limit, resolved)


def plan_instance(task: Task, split: str | None, limit: int | None, resolved: list[ResolvedData] | None = None) -> PlannedTask:
    """Select the samples of an instantiated task."""
    split = check_split(type(task), split)
    try:
        samples = task.samples(split)
    except HarnessError:
        raise
    except (OSError, ValueError, KeyError) as exc:
        raise HarnessError(f"task {task.name!r}: cannot read its data ({type(exc).__name__}: {exc})") from None
    if limit is not None:
        samples = samples[:limit]
    return PlannedTask(task=task, split=split, samples=samples, data=task.provenance(resolved or []))
