"""The interfaces a task implements: `Task`, `Env`, `Sample`, `StepResult`, and the outcome taxonomy.

A task is found through the ``agentharness.tasks`` entry-point group. It never knows which model
drives it: the one agent loop (:mod:`harness.loop`) feeds model text to ``Env.step`` and model
calls never happen inside a task, except through a judge handed over in :class:`RunContext`.
"""

from __future__ import annotations

import abc
import asyncio
import enum
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from harness.data import DataSource
from harness.errors import ConfigError
from harness.model import GenParams, Generation, Message, Model


class Suite(str, enum.Enum):
    """The three groups the AgentTuning paper reports."""

    HELD_IN = "held-in"
    HELD_OUT = "held-out"
    GENERAL = "general"


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


class Metric(BaseModel):
    """A task's main metric. ``percent``: per-sample scores in [0, 1], reported ×100;
    ``rating``: per-sample scores on their own scale (MT-Bench 1–10), reported as the mean."""

    model_config = ConfigDict(frozen=True)

    name: str
    scale: Literal["percent", "rating"] = "percent"
    low: float = 0.0
    high: float = 100.0
    higher_is_better: bool = True
    binary: bool = True
    """Per-sample scores are pass/fail (0 or 1): exact tests and Wilson intervals apply."""


class Sample(BaseModel):
    """One evaluation item. ``data`` holds the task's own fields, as read from its files."""

    id: str
    split: str
    data: dict[str, Any] = Field(default_factory=dict)


class StepResult(BaseModel):
    """What the environment answers to one model output."""

    observation: str | None = None
    """Appended to the conversation as the next user message (None: nothing appended)."""
    done: bool = False
    reward: float | None = None
    status: Status | None = None
    """When ``done``: how the episode ended (default COMPLETED)."""
    invalid: bool = False
    """The output was not a valid action (it was still scored; counted in the metrics)."""
    next_messages: list[Message] | None = None
    """Replace the whole context for the next model call (multi-stage protocols such as ReWOO's
    planner/worker/solver or RCI's plan/act): the trajectory keeps both."""
    params: GenParams | None = None
    """Decoding parameters for the next call, when they change mid-episode."""
    info: dict[str, Any] = Field(default_factory=dict)


class SampleScore(BaseModel):
    """A scored sample: the main score (0–1 for percent metrics) and any secondary metrics."""

    score: float
    metrics: dict[str, Any] = Field(default_factory=dict)


class RunContext(BaseModel):
    """What a run hands to its tasks: options from the command line and shared services."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    options: dict[str, Any] = Field(default_factory=dict)
    """Task options (``--task-opt key=value``, ``--db-url``, ``--sandbox``...)."""
    judge: Model | None = None
    """A model for LLM-judged metrics (``--judge``), already wrapped with retries and cache."""
    seed: int = 0
    work_dir: Path | None = None
    """A scratch directory for this run (logs, sockets, temporary databases)."""


class Env(abc.ABC):
    """One sample's environment. Sync methods run in a worker thread when ``blocking`` is True,
    so JVMs, browsers and subprocesses never block the event loop; async-native environments
    override the ``a*`` methods instead."""

    blocking: ClassVar[bool] = True
    choices: tuple[str, ...] | None = None
    """Set (before a model call) to ask for log-probabilities of these continuations."""
    raw_prompt: str | None = None
    """Set to send a fully rendered prompt verbatim (plain-completion protocols)."""
    last_generation: Generation | None = None
    """The model's last answer with its accounting (log-probabilities, tokens), set by the loop
    before ``step`` for environments that need more than the text."""

    @abc.abstractmethod
    def reset(self) -> list[Message]:
        """Prepare the environment and return the first messages (instruction, few-shot turns)."""

    @abc.abstractmethod
    def step(self, action: str) -> StepResult:
        """Apply one model output (the raw text; the environment parses it)."""

    @abc.abstractmethod
    def evaluate(self, status: Status) -> SampleScore:
        """Score the finished episode (called for every scored status, before ``close``)."""

    def close(self) -> None:
        """Release what ``reset`` acquired."""

    def context(self, history: list[Message]) -> list[Message]:
        """The messages actually sent to the model (a task may trim history here)."""
        return history

    _in_flight: asyncio.Future | None = None

    async def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        if not self.blocking:
            return fn(*args)
        # shielded: when the sample's time limit cancels the caller, the thread's work is not
        # abandoned mid-call; `settle` waits for it before the environment is evaluated or closed
        future = asyncio.get_running_loop().run_in_executor(None, fn, *args)
        self._in_flight = future
        return await asyncio.shield(future)

    async def settle(self) -> None:
        """Wait for a blocking call that a cancelled caller left running in its thread."""
        future = self._in_flight
        if future is not None and not future.done():
            try:
                await future
            except Exception:
                pass

    async def areset(self) -> list[Message]:
        return await self._call(self.reset)

    async def astep(self, action: str) -> StepResult:
        return await self._call(self.step, action)

    async def aevaluate(self, status: Status) -> SampleScore:
        return await self._call(self.evaluate, status)

    async def aclose(self) -> None:
        await self._call(self.close)


class OraclePolicy(abc.ABC):
    """A gold policy that looks at the conversation so far (for tasks whose gold actions depend on
    what the environment shows, e.g. element refs)."""

    @abc.abstractmethod
    def act(self, history: Sequence[Message]) -> str:
        """The next gold output."""

    async def aact(self, history: Sequence[Message]) -> str:
        """The next gold output, for the oracle model. Policies that must look at the environment
        (blocking work) override this and do it off the event loop; the default calls :meth:`act`."""
        return self.act(history)


Oracle = Sequence[str] | OraclePolicy
"""Gold outputs replayed turn by turn, or a policy producing them."""


class TaskScore(BaseModel):
    """A task's aggregate over its scored samples, on the metric's native scale."""

    value: float
    n: int
    ci95: tuple[float, float] | None = None
    metrics: dict[str, Any] = Field(default_factory=dict)


class Task(abc.ABC):
    """A benchmark. Subclasses set the class attributes and implement the abstract methods."""

    name: ClassVar[str]
    suite: ClassVar[Suite]
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric]
    splits: ClassVar[tuple[str, ...]] = ("test",)
    default_split: ClassVar[str] = "test"
    sources: ClassVar[tuple[DataSource, ...]] = ()
    """Official data sources; empty when the data ships inside a PyPI package."""
    sample_data: ClassVar[Path | None] = None
    """A directory with a tiny authored sample set, laid out like the official sources
    (``<sample_data>/<source.name>/<file path>``), used when the official data is not pulled."""
    generation: ClassVar[GenParams] = GenParams()
    max_turns: ClassVar[int] = 1
    time_limit_s: ClassVar[float | None] = None
    """Wall-clock limit per sample (None: no limit)."""
    max_concurrency: ClassVar[int | None] = None
    """Cap on this task's samples in flight (e.g. JVMs or browsers per machine)."""
    judge_default: ClassVar[str | None] = None
    """Registry name of the judge used when ``--judge`` is not given (None: no judge needed)."""

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        self.data: dict[str, Path] = data or {}
        """Source name -> directory holding its files (official cache or bundled sample)."""
        self.options: dict[str, Any] = options or {}

    def option_int(self, key: str, default: int, minimum: int = 0) -> int:
        """An integer ``--task-opt``; a malformed one is bad input (exit 2), not a traceback."""
        value = self.options.get(key, default)
        try:
            number = int(str(value))
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise ConfigError(f"{self.name}: task option {key} must be an integer >= {minimum}, not {value!r}")
        return number

    def option_bool(self, key: str, default: bool) -> bool:
        """A yes/no ``--task-opt`` (true/false, 1/0, yes/no, on/off)."""
        value = str(self.options.get(key, default)).strip().lower()
        if value in ("true", "1", "yes", "on"):
            return True
        if value in ("false", "0", "no", "off"):
            return False
        raise ConfigError(f"{self.name}: task option {key} must be true or false, not {value!r}")

    # -- data ---------------------------------------------------------------------------------
    @abc.abstractmethod
    def samples(self, split: str) -> list[Sample]:
        """All samples of a split, in a deterministic order, read from ``self.data``."""

    # -- episodes ------------------------------------------------------------------------------
    @abc.abstractmethod
    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        """A fresh environment for one sample (cheap: heavy work belongs in ``Env.reset``)."""

    @abc.abstractmethod
    def oracle(self, sample: Sample) -> Oracle:
        """The sample's gold outputs, in the exact format a model is asked to produce."""

    def params(self, sample: Sample) -> GenParams:
        """Decoding parameters for a sample (default: the task's ``generation``)."""
        return self.generation

    # -- lifecycle of shared services ------------------------------------------------------------
    async def start(self, ctx: RunContext) -> None:
        """Start services shared by all samples of a run (database server, JVM pool...)."""

    async def stop(self) -> None:
        """Stop what ``start`` started. Always called, also after errors."""

    def describe(self) -> dict[str, Any]:
        """Extra facts for the manifest (protocol choices, deviations, modes)."""
        return {}

    # -- scoring ---------------------------------------------------------------------------------
    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Aggregate scored samples into the main metric (default: mean, ×100 for percent).

        ``Sample`` may be None when aggregating stored records (then only ``SampleScore.metrics``
        is available), so tasks that group samples must keep the group key in ``metrics``.
        """
        from harness.summary import mean_score

        return mean_score([s.score for _, s in scores], self.metric)


class SingleTurnEnv(Env):
    """The single-turn form: one prompt, one answer, scored by ``scorer(answer)``."""

    blocking: ClassVar[bool] = False

    def __init__(self, messages: list[Message], scorer: Callable[[str], SampleScore], choices: tuple[str, ...] | None = None):
        self.messages = messages
        self.scorer = scorer
        self.choices = choices
        self.answer = ""

    def reset(self) -> list[Message]:
        return list(self.messages)

    def step(self, action: str) -> StepResult:
        self.answer = action
        return StepResult(done=True)

    def evaluate(self, status: Status) -> SampleScore:
        return self.scorer(self.answer)
