"""The model side of the harness: messages, generation requests/results and the `Model` interface.

Adapters (``adapters/*``) implement :class:`Model`; the core never imports them. An adapter only
*classifies* its failures into the error types below; retries, caching and limits live in the core.
"""

from __future__ import annotations

import abc
import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["system", "user", "assistant"]


class Message(BaseModel):
    """One chat message."""

    model_config = ConfigDict(frozen=True)

    role: Role
    content: str


def system(text: str) -> Message:
    """A system message."""
    return Message(role="system", content=text)


def user(text: str) -> Message:
    """A user message."""
    return Message(role="user", content=text)


def assistant(text: str) -> Message:
    """An assistant message."""
    return Message(role="assistant", content=text)


class GenParams(BaseModel):
    """Decoding parameters of one request. ``temperature == 0`` (or ``do_sample is False``) is greedy."""

    model_config = ConfigDict(frozen=True)

    max_new_tokens: int = 512
    temperature: float = 0.0
    top_p: float | None = None
    stop: tuple[str, ...] = ()
    do_sample: bool | None = None
    """Explicit sampling switch for endpoints that have one (TGI). None: sample iff temperature > 0."""
    seed: int | None = None
    truncate: int | None = None
    """Keep only the last N prompt tokens (TGI's ``truncate``); None: the adapter's default."""

    @property
    def sampling(self) -> bool:
        """True when the request is not deterministic (so it must not be cached).

        ``do_sample=False`` with a temperature other than 0 or 1 (AgentBench.old's held-in
        request: ``do_sample: False, temperature: 0.7``) counts as sampling: at the TGI commit
        AgentTuning served with, any temperature != 1.0 turns sampling on, and OpenAI-compatible
        servers ignore ``do_sample`` altogether.
        """
        if self.do_sample:
            return True
        if self.do_sample is False:
            return self.temperature not in (0.0, 1.0)
        return self.temperature > 0


class Rendering(BaseModel):
    """How a task's protocol renders a conversation for chat-template adapters (a property of the
    task's protocol, not of the model): AgentBench.old strips every turn and sends no system
    prompt for the held-in tasks; GSM8K keeps its original spacing and the model's system prompt."""

    model_config = ConfigDict(frozen=True)

    strip_turns: bool = False
    """Strip every message's content before rendering (AgentBench.old ``TGIAgent``)."""
    system_prompt: bool = True
    """Whether the model's configured default system prompt may be injected when the request has
    no system message of its own."""


class GenerationRequest(BaseModel):
    """Everything an adapter needs for one call."""

    model_config = ConfigDict(frozen=True)

    messages: tuple[Message, ...]
    params: GenParams = GenParams()
    rendering: Rendering = Rendering()
    """How the task's protocol renders the messages (adapters with chat templates honour it)."""
    choices: tuple[str, ...] | None = None
    """When set, the caller wants next-token log-probabilities of these continuations (e.g. " A"..." D")
    after the prompt. Adapters that can score them fill ``Generation.choice_logprobs`` and set
    ``text`` to the best choice; others generate normally and leave ``choice_logprobs`` None."""
    raw_prompt: str | None = None
    """A fully rendered prompt to send verbatim (plain-completion protocols); overrides templating
    for adapters that accept raw text. Chat-only adapters send it as a single user message."""

    def cache_key(self, identity: str) -> str:
        """Stable key of (model identity, full request)."""
        payload = json.dumps([identity, self.model_dump(mode="json")], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


class Generation(BaseModel):
    """One model answer with its accounting."""

    model_config = ConfigDict(ser_json_inf_nan="constants")  # -inf log-probs survive the cache

    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    finish_reason: str | None = None
    cached: bool = False
    choice_logprobs: dict[str, float] | None = None
    endpoint: str | None = None
    """Which endpoint answered (for load-balanced models)."""
    retries: int = 0
    """Transient failures retried before this answer (set by the core's retry wrapper)."""


class ModelError(Exception):
    """Base of the errors an adapter raises."""


class TransientModelError(ModelError):
    """Retry-able: connection refused/reset, timeout, HTTP 429, HTTP 5xx. ``retry_after_s``: how
    long the server asked the client to wait (``Retry-After``), when it said."""

    def __init__(self, *args: object, retry_after_s: float | None = None):
        super().__init__(*args)
        self.retry_after_s = retry_after_s


class PermanentModelError(ModelError):
    """Not retry-able: other 4xx, bad configuration, authentication."""


class ContextLimitError(ModelError):
    """The prompt (plus ``max_new_tokens``) does not fit the model's context: a scored outcome."""


class EndpointUnreachable(ModelError):
    """The model endpoint cannot be reached at all (start-up health check)."""


class ModelInfo(BaseModel):
    """What the manifest records about a model."""

    name: str
    adapter: str
    identity: str
    template: str | None = None
    system_prompt: str | None = None
    endpoints: list[str] = Field(default_factory=list)
    supports_logprobs: bool = False
    extra: dict[str, Any] = Field(default_factory=dict)


class Model(abc.ABC):
    """An async text generator. One instance serves many samples concurrently."""

    name: str = "model"
    adapter: str = "abstract"
    supports_logprobs: bool = False
    """True when ``GenerationRequest.choices`` is answered with real log-probabilities."""
    cacheable: bool = True
    """False for models whose answers are not a pure function of the request (the oracle)."""

    @abc.abstractmethod
    async def generate(self, request: GenerationRequest) -> Generation:
        """Answer one request, raising the error types above on failure."""

    def identity(self) -> str:
        """A string naming the model and its endpoints, for the response cache key."""
        return f"{self.adapter}:{self.name}"

    def info(self) -> ModelInfo:
        """Description for the manifest."""
        return ModelInfo(
            name=self.name,
            adapter=self.adapter,
            identity=self.identity(),
            supports_logprobs=self.supports_logprobs,
        )

    def bind(self, task: Any, sample: Any, env: Any) -> "Model":
        """The model that plays one sample. Ordinary models return themselves; the oracle binds
        to the sample's gold actions or gold policy, given the sample's live environment."""
        return self

    def oracle_account(self, score: Any, status: Any) -> Any:
        """After a scored episode, a bound oracle's self-test accounting (an
        :class:`harness.schema.OracleAccount`); None for every other model."""
        return None

    async def check(self) -> None:
        """Raise :class:`EndpointUnreachable` when the endpoint cannot serve (called once per run)."""

    async def aclose(self) -> None:
        """Release connections, threads, loaded weights."""
