"""What the gold policy sees of a live episode before its next output (built by the environment)."""

from __future__ import annotations

from pydantic import BaseModel


class ValidEntry(BaseModel):
    """One entry of the simulator's valid action-object combinations."""

    action: str
    obj_ids: list[int]


class OracleView(BaseModel):
    """The episode's state as the gold policy sees it before its next output."""

    valid: set[str]
    """The protocol's candidate set (what a command must equal to reach the simulator unchanged)."""
    entries: list[ValidEntry]
    names: dict[int, str]
    """Object id -> the name the valid list uses for it."""
    referents: dict[int, list[str]]
    """Object id -> every name the simulator's parser accepts for it."""
    recent: list[str]
    """The protocol's recent-action entries, "(action, observation)"."""
    last_observation: str
    failures: int
    steps: int
