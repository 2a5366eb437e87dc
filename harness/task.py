"""The interfaces a task implements: `Task`, `Env`, `Sample`, `StepResult`, its options and its oracle.

A task is found through the ``agentharness.tasks`` entry-point group. It never knows which model
drives it: the one agent loop (:mod:`harness.loop`) feeds model text to ``Env.step`` and model
calls never happen inside a task, except through the judge or auxiliary models handed over in
:class:`RunContext`. ``docs/adding-a-task.md`` walks through writing one.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import enum
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal
from typing import Protocol as TypingProtocol

from pydantic import BaseModel, ConfigDict, Field

from harness.data import DataSource, ResolvedData
from harness.errors import ConfigError
from harness.metrics import Metric, SampleScore, TaskScore, mean_score
from harness.model import Generation, GenParams, Message, Model, Rendering
from harness.schema import OracleAccount, Status

__all__ = [
    "Env", "Metric", "Oracle", "OracleAccount", "OraclePolicy", "Protocol", "Rendering", "Replay", "RunContext",
    "Sample", "SampleScore", "SingleTurnEnv", "Status", "StepResult", "Suite", "Task", "TaskOption", "TaskScore",
]

class Suite(str, enum.Enum):
    """The groups a score card reports: the AgentTuning paper's three, and Agent-FLAN's."""

    HELD_IN = "held-in"
    HELD_OUT = "held-out"
    GENERAL = "general"
    AGENT_FLAN = "agent-flan"


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


class ModelProvider(TypingProtocol):
    """Opens auxiliary models (a judge, a tool's worker model) by registry name or ``KIND:SPEC``,
    wrapped with the run's retries and cache, closed by the runner at the end of the run."""

    async def get(self, spec: str) -> Model: ...

    def missing_key(self, spec: str) -> bool:
        """True when ``spec`` needs an API key that is not configured (the task decides the fallback)."""
        ...


class RunContext(BaseModel):
    """What a run hands to its tasks: shared services. (Options reach a task once, through
    ``Task.options``.)"""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")

    judge: Model | None = None
    """A model for LLM-judged metrics (``--judge`` or the task's default), with retries and cache."""
    models: Any = None
    """A :class:`ModelProvider` for auxiliary models (None outside a run)."""
    seed: int = 0
    work_dir: Path | None = None
    """A scratch directory for this run (logs, sockets, temporary databases)."""


LIGHT_CALL_LIMIT_S = 0.010
"""A ``light`` environment's call that runs longer than this moves that method to worker threads
for the rest of the process (see :attr:`Env.light`)."""

_heavy_methods: set[tuple[type, str]] = set()
"""(environment class, method) pairs of light environments seen to run past the limit."""


class Env(abc.ABC):
    """One sample's environment. Sync methods run in a worker thread when ``blocking`` is True,
    so JVMs, browsers and subprocesses never block the event loop; async-native environments
    set ``blocking = False`` and override the ``a*`` methods instead."""

    blocking: ClassVar[bool] = True
    light: bool = False
    """Set (per class, or per instance) by environments whose sync methods are short in-process
    Python work: no I/O, no subprocess, no waiting (an in-memory engine, an embedded store). Those
    run on the loop's thread: a worker thread cannot run such work in parallel with the loop (it
    holds the GIL) and its hand-offs cost more loop time than the call (about 0.2-0.4 ms a call
    against 0.01-2 ms of work, measured in ``benchmarks/bench_envs.py``). A call that runs past
    :data:`LIGHT_CALL_LIMIT_S` sends that method of that class to worker threads from then on, so a
    surprise (a huge page, a pathological query) blocks the loop at most once per method."""
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

    async def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` the way this environment runs its own methods: in a worker thread when
        ``blocking`` (an oracle policy querying the live environment uses this too)."""
        if not self.blocking:
            return fn(*args)
        if self.light:
            key = (type(self), getattr(fn, "__qualname__", ""))
            if key not in _heavy_methods:
                started = time.perf_counter()
                try:
                    return fn(*args)
                finally:
                    if time.perf_counter() - started > LIGHT_CALL_LIMIT_S:
                        _heavy_methods.add(key)
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
        return await self.call(self.reset)

    async def astep(self, action: str) -> StepResult:
        return await self.call(self.step, action)

    async def aevaluate(self, status: Status) -> SampleScore:
        return await self.call(self.evaluate, status)

    async def aclose(self) -> None:
        await self.call(self.close)

    async def afinish(self, status: Status) -> SampleScore:
        """Evaluate, then close (always, even when evaluating fails; a failing close after a good
        evaluation is ignored: it must not lose a finished sample). A blocking environment with the
        default ``aevaluate``/``aclose`` does both in one worker-thread call: one hand-off less
        per episode."""
        cls = type(self)
        if cls.aevaluate is Env.aevaluate and cls.aclose is Env.aclose:
            return await self.call(self._evaluate_then_close, status)
        try:
            return await self.aevaluate(status)
        finally:
            with contextlib.suppress(Exception):
                await self.aclose()

    def _evaluate_then_close(self, status: Status) -> SampleScore:
        try:
            return self.evaluate(status)
        finally:
            with contextlib.suppress(Exception):
                self.close()


# -- the oracle ----------------------------------------------------------------------------------


class OraclePolicy(abc.ABC):
    """A gold policy for one sample, bound to the sample's live environment (given to
    :meth:`Task.oracle`), in the spirit of BrowserGym's ``cheat(page, chat_messages)``."""

    @abc.abstractmethod
    def act(self, history: Sequence[Message]) -> str:
        """The next gold output, given the conversation so far."""

    async def aact(self, history: Sequence[Message]) -> str:
        """The next gold output, for the oracle model. Policies that query the live environment
        (blocking work) override this and do it through ``await env.call(fn, ...)``."""
        return self.act(history)

    def account(self, score: SampleScore, status: Status) -> OracleAccount | None:
        """After the episode: whether the protocol lets this policy solve the sample, and if not
        why. None: no self-test accounting (e.g. a player, not a replay of gold actions)."""
        return OracleAccount()


class Replay(OraclePolicy):
    """Replays a fixed sequence of gold outputs, one per turn (then empty outputs).

    ``defect`` names a known defect of the sample (its data, or a rule of the protocol) that keeps
    the gold from scoring, documented where the task lists it; ``reason`` is its short tag."""

    def __init__(self, actions: Sequence[str], defect: str | None = None, reason: str = "data_defect"):
        self.actions = list(actions)
        self.defect = defect
        self.reason = reason
        self.turn = 0

    def act(self, history: Sequence[Message]) -> str:
        text = self.actions[self.turn] if self.turn < len(self.actions) else ""
        self.turn += 1
        return text

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        if self.defect:
            return OracleAccount(solvable=False, reason=self.reason, detail={"defect": self.defect})
        return OracleAccount()


Oracle = Sequence[str] | OraclePolicy
"""Gold outputs replayed turn by turn, or a policy producing them."""


# -- options and protocol ------------------------------------------------------------------------

OptionType = Literal["int", "float", "bool", "str", "choice", "path"]
_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


class TaskOption(BaseModel):
    """A declared task option (``--task-opt [TASK.]NAME=VALUE``)."""

    model_config = ConfigDict(frozen=True)

    name: str
    type: OptionType = "str"
    default: Any = None
    """The protocol's value (None: unset)."""
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    comparable: bool = False
    """True for knobs that cannot change a score (parallelism, memory, a server's address): any
    value keeps the run comparable. Otherwise a value other than the default marks it not."""
    secret: bool = False
    """Redacted in the manifest (passwords in URLs are always redacted)."""

    def parse(self, task: str, value: Any) -> Any:
        """The typed value of a given option; bad input raises ConfigError (exit 2)."""
        if value is None:
            return None
        text = str(value).strip()
        where = f"{task}: task option {self.name}"
        if self.type in ("int", "float"):
            try:
                number: float = int(text) if self.type == "int" else float(text)
            except ValueError:
                raise ConfigError(f"{where} must be {'an integer' if self.type == 'int' else 'a number'}, not {value!r}") from None
            if self.minimum is not None and number < self.minimum:
                bound = int(self.minimum) if self.type == "int" else self.minimum
                raise ConfigError(f"{where} must be >= {bound}, not {value!r}")
            return number
        if self.type == "bool":
            if isinstance(value, bool):
                return value
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise ConfigError(f"{where} must be true or false, not {value!r}")
        if self.type == "choice":
            if text not in self.choices:
                raise ConfigError(f"{where} must be one of {', '.join(self.choices)}, not {value!r}")
            return text
        if self.type == "path":
            return Path(text).expanduser()
        return str(value)

    def describe(self) -> str:
        kind = "|".join(self.choices) if self.type == "choice" else self.type
        default = "" if self.default is None else f", default {self.default}"
        return f"{self.name} ({kind}{default}){': ' + self.help if self.help else ''}"


class Protocol(BaseModel):
    """The reference protocol a task reproduces (its published numbers are the comparison)."""

    model_config = ConfigDict(frozen=True)

    reference: str = "unspecified"
    """A short name: ``agentbench-old``, ``agenttuning-eval_heldout``, ``agenttuning-eval_general``,
    ``assumed`` (no reference script exists; our reading of the paper)..."""
    source: str = ""
    """Where it is defined: repository @ commit and path."""


class Task(abc.ABC):
    """A benchmark. Subclasses set the class attributes and implement the abstract methods."""

    name: ClassVar[str]
    suite: ClassVar[Suite]
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric]
    protocol: ClassVar[Protocol] = Protocol()
    rendering: ClassVar[Rendering] = Rendering()
    """How conversations are rendered by chat-template adapters (strip turns, system prompt)."""
    splits: ClassVar[tuple[str, ...]] = ("test",)
    default_split: ClassVar[str] = "test"
    sources: ClassVar[tuple[DataSource, ...]] = ()
    """Official data sources; empty when the data ships inside a PyPI package."""
    sample_data: ClassVar[Path | None] = None
    """A directory with a tiny authored sample set, laid out like the official sources
    (``<sample_data>/<source.name>/<file path>``), used when the official data is not pulled."""
    options_spec: ClassVar[tuple[TaskOption, ...]] = ()
    """The options this task takes; any other key is bad input."""
    generation: ClassVar[GenParams] = GenParams()
    max_turns: ClassVar[int] = 1
    time_limit_s: ClassVar[float | None] = None
    """Wall-clock limit per sample (None: no limit)."""
    max_concurrency: ClassVar[int | None] = None
    """Cap on this task's samples in flight (e.g. JVMs or browsers per machine). The local executor
    only; ``--executor ray`` places environments by ``env_resources`` instead."""
    env_resources: ClassVar[dict[str, float]] = {"CPU": 1.0}
    """What one environment of this task holds, as Ray resources: ``--executor ray`` hosts each
    sample's environment in an actor asking for them, on a node that has them (``CPU``, ``memory``
    in bytes, or a custom resource a node declares: ``browser``, ``sandbox``). Unused locally."""
    judge_default: ClassVar[str | None] = None
    """Registry name of the judge used when ``--judge`` is not given (None: no judge needed)."""

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        self.data: dict[str, Path] = data or {}
        """Source name -> directory holding its files (official cache or bundled sample)."""
        self.given_options: dict[str, Any] = dict(options or {})
        """The options as given (before defaults), validated."""
        self.options: dict[str, Any] = self.validate_options(self.given_options)
        """Every declared option, typed: the given value or the default."""

    # -- options ---------------------------------------------------------------------------------
    @classmethod
    def option_spec(cls, name: str) -> TaskOption | None:
        return next((o for o in cls.options_spec if o.name == name), None)

    @classmethod
    def validate_options(cls, given: dict[str, Any]) -> dict[str, Any]:
        """Every declared option, typed: the given value or the default (exit 2 on bad input)."""
        unknown = sorted(k for k in given if cls.option_spec(k) is None)
        if unknown:
            known = ", ".join(o.name for o in cls.options_spec) or "none"
            raise ConfigError(f"{cls.name}: unknown task option {unknown[0]!r} (options: {known})")
        resolved = {o.name: o.default for o in cls.options_spec}
        for key, value in given.items():
            resolved[key] = cls.option_spec(key).parse(cls.name, value)  # type: ignore[union-attr]
        return resolved

    def option(self, name: str) -> Any:
        """A declared option's typed value (the default when not given)."""
        if name not in self.options:
            raise KeyError(f"{self.name} declares no option {name!r}")
        return self.options[name]

    def option_int(self, name: str) -> int:
        return int(self.option(name))

    def option_bool(self, name: str) -> bool:
        return bool(self.option(name))

    def option_str(self, name: str) -> str | None:
        value = self.option(name)
        return None if value is None else str(value)

    def option_choice(self, name: str) -> str:
        return str(self.option(name))

    # -- data ------------------------------------------------------------------------------------
    @classmethod
    def sources_for(cls, split: str) -> tuple[DataSource, ...]:
        """The sources a split reads (default: all of them). Tasks whose splits ship separately
        override it, so that a run of one split never needs another split's data."""
        return cls.sources

    @abc.abstractmethod
    def samples(self, split: str) -> list[Sample]:
        """All samples of a split, in a deterministic order, read from ``self.data``."""

    # -- episodes --------------------------------------------------------------------------------
    @abc.abstractmethod
    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        """A fresh environment for one sample (cheap: heavy work belongs in ``Env.reset``)."""

    @abc.abstractmethod
    def oracle(self, sample: Sample, env: Env) -> Oracle:
        """The sample's gold outputs, in the exact format a model is asked to produce, or a gold
        policy bound to ``env``, the sample's live environment (the one the loop plays)."""

    def params(self, sample: Sample) -> GenParams:
        """Decoding parameters for a sample (default: the task's ``generation``)."""
        return self.generation

    # -- lifecycle of shared services --------------------------------------------------------------
    async def start(self, ctx: RunContext) -> None:
        """Start services shared by all samples of a run (database server, JVM pool...)."""

    async def stop(self) -> None:
        """Stop what ``start`` started. Always called, also after errors."""

    def upcoming(self, samples: Sequence[Sample]) -> None:
        """The samples this run will play, in the order their episodes start (called once, after
        ``start``, before the first episode). A task whose environments are costly to set up may
        prepare the next ones ahead of need (start the next episode's JVM or sandbox while this
        one runs), as far as its protocol allows; a sample asked for out of this order must still
        work. Called by the local executor; a Ray host plays whichever samples it is handed, so
        it is not told. Default: nothing."""

    def describe(self) -> dict[str, Any]:
        """Extra facts for the manifest (protocol choices, deviations, modes)."""
        return {}

    def comparability(self) -> list[str]:
        """This task's own reasons why the run is not comparable with the reference protocol
        (a substitute environment, tool or data). The runner adds bundled data, options other
        than the protocol's and a substitute judge by itself."""
        return []

    def provenance(self, resolved: list[ResolvedData]) -> list[ResolvedData]:
        """The data records as this task reads them in this run (the manifest's and the summary's
        ``data_origin``). Default: as resolved. A task that runs a set of its own in place of a
        resolved source, whatever is pulled, marks that source ``authored``."""
        return resolved

    def option_deviations(self) -> list[str]:
        """Given options that differ from the protocol (non-``comparable`` ones)."""
        out = []
        for spec in self.options_spec:
            if spec.name in self.given_options and not spec.comparable and self.options[spec.name] != spec.default:
                shown = "***" if spec.secret else self.given_options[spec.name]
                out.append(f"option {spec.name}={shown} (the protocol's is {spec.default!r})")
        return out

    # -- scoring ---------------------------------------------------------------------------------
    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Aggregate scored samples into the main metric (default: mean, ×100 for percent).

        ``Sample`` may be None when aggregating stored records (then only ``SampleScore.metrics``
        is available), so tasks that group samples must keep the group key in ``metrics``.
        """
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
