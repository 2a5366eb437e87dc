"""The run directory's schema: every record the harness writes, in one place.

A run directory holds ``manifest.json`` (:class:`Manifest`: what was run, against what),
``samples.jsonl`` (one :class:`SampleRecord` per finished sample, append-only) and
``summary.json`` (:class:`RunSummary`: per task a :class:`TaskSummary`). The writer (the runner)
and every reader (leaderboard, compare, report) use these models; :mod:`harness.store` is the only
code that parses ``samples.jsonl``.

Versions: ``schema_version`` is written into every manifest and summary. Version 1 (before the
field existed) is read and migrated on load; a newer version than this code knows fails with one
clear line naming it.

Durations, one meaning each: ``wall_s`` is elapsed real time (of a sample, a turn, a run);
``model_s`` is time spent waiting for the model; ``env_s`` is time spent in the environment.
"""

from __future__ import annotations

import enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from harness.errors import HarnessError
from harness.model import Message

SCHEMA_VERSION = 2
"""2: typed manifest/summary, ``wall_s``/``model_s`` naming, oracle accounting, comparability."""


def check_version(version: int, what: str) -> None:
    """Refuse a run directory written by a newer harness (one clear line)."""
    if version > SCHEMA_VERSION:
        raise HarnessError(
            f"{what} has schema_version {version}; this harness reads up to {SCHEMA_VERSION} (upgrade agentharness)"
        )


class Status(str, enum.Enum):
    """How an episode ended (AgentBench's SampleStatus, plus a time limit).

    Every status but ``ERRORED`` is *scored*: a model that loops until the turn limit or writes
    garbage earns its score. ``ERRORED`` (endpoint or environment failure after retries) is not
    scored, is reported separately, and is retried on resume.
    """

    COMPLETED = "completed"
    TASK_LIMIT_REACHED = "task_limit_reached"
    INVALID_ACTION = "invalid_action"
    INVALID_FORMAT = "invalid_format"
    CONTEXT_LIMIT = "context_limit"
    TIME_LIMIT = "time_limit"
    ERRORED = "errored"

    @property
    def scored(self) -> bool:
        return self is not Status.ERRORED


class OracleAccount(BaseModel):
    """The oracle's self-test accounting for one sample: can the gold policy solve it under the
    protocol, and if not, why (a data defect, a protocol rule that withholds a needed action)."""

    solvable: bool = True
    reason: str | None = None
    """Why the sample is not solvable (a short tag such as ``step_limit`` or ``data_defect``)."""
    detail: dict[str, Any] = Field(default_factory=dict)


# -- samples.jsonl ------------------------------------------------------------------------------


class TurnRecord(BaseModel):
    """One model call and what the environment made of it."""

    output: str
    """The model's raw text (the action, before parsing)."""
    observation: str | None = None
    reward: float | None = None
    done: bool = False
    invalid: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_s: float = 0.0
    """Time waiting for the model (0 when served from the cache)."""
    env_s: float = 0.0
    """Time in the environment's step."""
    cached: bool = False
    retries: int = 0
    next_messages: list[Message] | None = None
    """The new context, when the environment replaced it (multi-stage protocols), less its first
    ``next_messages_prefix`` messages, which equal the sample's initial ``messages`` and are not
    stored again (few-shot prefixes would otherwise be repeated every turn)."""
    next_messages_prefix: int = 0
    choice_logprobs: dict[str, float] | None = None
    info: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _from_v1(cls, data: Any) -> Any:
        if isinstance(data, dict) and "latency_s" in data and "model_s" not in data:
            data = dict(data)
            data["model_s"] = data.pop("latency_s")  # v1: a turn's latency_s was model time
        return data


class SampleRecord(BaseModel):
    """A finished sample: a line of ``samples.jsonl``."""

    task: str
    split: str
    sample_id: str
    status: Status
    score: float | None = None
    """Main per-sample score (0–1 for percent metrics); None when errored."""
    metrics: dict[str, Any] = Field(default_factory=dict)
    turns: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    wall_s: float = 0.0
    """Elapsed time of the whole sample (environment set-up to close)."""
    model_s: float = 0.0
    """Time of the sample spent waiting for the model."""
    error: str | None = None
    error_kind: str | None = None
    """For errored samples: "endpoint" (model or judge unreachable after retries) or "environment"."""
    oracle: OracleAccount | None = None
    """Set when the oracle played the sample and its policy accounts for it."""
    messages: list[Message] = Field(default_factory=list)
    """The initial context (instruction and few-shot turns)."""
    trajectory: list[TurnRecord] = Field(default_factory=list)
    attempt: int = 1
    finished_at: float = 0.0

    @model_validator(mode="before")
    @classmethod
    def _from_v1(cls, data: Any) -> Any:
        if isinstance(data, dict) and "latency_s" in data and "wall_s" not in data:
            data = dict(data)
            data["wall_s"] = data.pop("latency_s")  # v1: a sample's latency_s was its wall time
        return data

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.task, self.split, self.sample_id)

    @property
    def errored(self) -> bool:
        return self.status is Status.ERRORED or self.score is None


def full_next_messages(initial: list[Message], turn: TurnRecord) -> list[Message] | None:
    """The whole context a turn's environment set (stored records share the initial prefix)."""
    if turn.next_messages is None:
        return None
    return list(initial[: turn.next_messages_prefix]) + list(turn.next_messages)


# -- summary.json -------------------------------------------------------------------------------


class Comparability(BaseModel):
    """Whether a task's score is comparable with the reference protocol's published numbers."""

    reference: str = "unspecified"
    """The reference protocol the task follows (``agentbench-old``, ``agenttuning-eval_heldout``...)."""
    source: str = ""
    """Where that protocol is defined (repository @ commit, path)."""
    comparable: bool = True
    reasons: list[str] = Field(default_factory=list)
    """Why not (deviating options, bundled sample data, a substitute judge or environment)."""


class OracleSummary(BaseModel):
    """The oracle self-test over a task's samples that the gold policy accounted for."""

    played: int
    solvable: int
    score_on_solvable: float | None
    """Mean score (on the task's scale) over the samples the protocol lets the gold policy solve."""
    explained_misses: dict[str, int] = Field(default_factory=dict)
    unexplained_misses: list[str] = Field(default_factory=list)


class TaskSummary(BaseModel):
    """One task's entry of ``summary.json``."""

    task: str
    version: str = ""
    suite: str = ""
    split: str = ""
    metric: str = ""
    scale: str = "percent"
    score: float | None = None
    """Main metric on its native scale (None when no sample was scored)."""
    ci95: tuple[float, float] | None = None
    n: int = 0
    n_errored: int = 0
    n_total: int = 0
    """Samples planned for this task (finished or not)."""
    statuses: dict[str, int] = Field(default_factory=dict)
    metrics: dict[str, Any] = Field(default_factory=dict)
    mean_turns: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    sample_s: float = 0.0
    """Sum of the samples' elapsed times (samples run concurrently: not the task's wall time)."""
    model_s: float = 0.0
    """Sum of the samples' model times."""
    data_origin: str = "official"
    protocol: Comparability = Field(default_factory=Comparability)
    oracle: OracleSummary | None = None
    summary_source: str = "summary"
    """``summary`` when read from summary.json, ``samples`` when recomputed from the records."""

    @model_validator(mode="before")
    @classmethod
    def _from_v1(cls, data: Any) -> Any:
        if isinstance(data, dict) and "wall_s" in data and "sample_s" not in data:
            data = dict(data)
            data["sample_s"] = data.pop("wall_s")  # v1's wall_s summed the samples' times
        return data

    @property
    def comparable(self) -> bool:
        return self.protocol.comparable and self.data_origin == "official"


class RunSummary(BaseModel):
    """``summary.json``."""

    schema_version: int = 1
    run_id: str = ""
    model: str = ""
    judge: str | None = None
    updated: str = ""
    wall_s: float = 0.0
    """Elapsed real time of the run, summed over its invocations (a resume adds its own)."""
    tasks: dict[str, TaskSummary] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_version(self) -> "RunSummary":
        check_version(self.schema_version, "summary.json")
        return self


# -- manifest.json ------------------------------------------------------------------------------


class ManifestModel(BaseModel):
    """The model (or judge) a run used, as the manifest records it (secrets redacted)."""

    model_config = ConfigDict(extra="allow")

    name: str | None = None
    spec: str | None = None
    adapter: str | None = None
    identity: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)


class ManifestTask(BaseModel):
    """One task of a run: version, split, protocol, decoding, options and data."""

    model_config = ConfigDict(extra="allow")

    name: str
    version: str = ""
    suite: str = ""
    split: str | None = None
    metric: str = ""
    scale: str = "percent"
    max_turns: int | None = None
    time_limit_s: float | None = None
    generation: dict[str, Any] = Field(default_factory=dict)
    rendering: dict[str, Any] = Field(default_factory=dict)
    n_planned: int = 0
    data: list[dict[str, Any]] = Field(default_factory=list)
    options: dict[str, Any] = Field(default_factory=dict)
    """The task's resolved options (declared defaults plus what was given; secrets redacted)."""
    protocol: Comparability = Field(default_factory=Comparability)
    judge: str | None = None
    """The judge this task was judged with (``--judge``, its default, or the default's fallback)."""
    facts: dict[str, Any] = Field(default_factory=dict)
    """What the task says about its protocol choices, deviations and modes (``Task.describe``)."""

    @model_validator(mode="before")
    @classmethod
    def _from_v1(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("protocol"), dict) and "reference" not in data["protocol"]:
            data = dict(data)
            data["facts"] = data.pop("protocol")  # v1 kept describe() under "protocol"
        return data


class Invocation(BaseModel):
    """One ``harness run`` (or resume) of the run directory."""

    at: str
    command: list[str] = Field(default_factory=list)
    wall_s: float | None = None


class Manifest(BaseModel):
    """``manifest.json``: what was run, against what, with which data and code."""

    model_config = ConfigDict(extra="allow")

    schema_version: int = 1
    run_id: str = ""
    created: str = ""
    updated: str = ""
    model: ManifestModel = Field(default_factory=ManifestModel)
    judge: dict[str, Any] | None = None
    tasks: list[ManifestTask] = Field(default_factory=list)
    seed: int = 0
    concurrency: int | None = None
    limit: int | None = None
    task_options: dict[str, Any] = Field(default_factory=dict)
    """``--task-opt`` as given (``KEY`` or ``TASK.KEY`` -> value; secrets redacted)."""
    judge_spec: str | None = None
    """``--judge`` as given."""
    response_cache: bool | None = None
    git_revision: str | None = None
    packages: dict[str, str] = Field(default_factory=dict)
    host: str | None = None
    command: list[str] = Field(default_factory=list)
    invocations: list[Invocation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_version(self) -> "Manifest":
        check_version(self.schema_version, "manifest.json")
        return self

    def task(self, name: str) -> ManifestTask | None:
        return next((t for t in self.tasks if t.name == name), None)
