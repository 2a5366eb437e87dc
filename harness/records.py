"""The records a run writes: one ``SampleRecord`` per finished sample (a line of samples.jsonl)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from harness.model import Message
from harness.task import Status


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
    latency_s: float = 0.0
    """Model latency of this turn (0 when served from the cache)."""
    env_s: float = 0.0
    """Environment time of this turn."""
    cached: bool = False
    retries: int = 0
    next_messages: list[Message] | None = None
    """The new context, when the environment replaced it (multi-stage protocols), less its first
    ``next_messages_prefix`` messages, which equal the sample's initial ``messages`` and are not
    stored again (few-shot prefixes would otherwise be repeated every turn)."""
    next_messages_prefix: int = 0
    choice_logprobs: dict[str, float] | None = None
    info: dict[str, Any] = Field(default_factory=dict)


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
    latency_s: float = 0.0
    """Wall time of the whole sample."""
    model_s: float = 0.0
    error: str | None = None
    error_kind: str | None = None
    """For errored samples: "endpoint" (model or judge unreachable after retries) or "environment"."""
    messages: list[Message] = Field(default_factory=list)
    """The initial context (instruction and few-shot turns)."""
    trajectory: list[TurnRecord] = Field(default_factory=list)
    attempt: int = 1
    finished_at: float = 0.0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.task, self.split, self.sample_id)


def full_next_messages(initial: list, turn: dict) -> list | None:
    """The whole context a turn's environment set (stored records share the initial prefix)."""
    rest = turn.get("next_messages")
    if rest is None:
        return None
    return list(initial[: turn.get("next_messages_prefix", 0)]) + list(rest)
