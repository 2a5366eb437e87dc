"""WebArena task configs (the entries of ``config_files/test.raw.json``), validated.

AgentTuning's copy is the older format: ``reference_answers`` is a dict of ``exact_match`` (str),
``must_include`` (list) and ``fuzzy_match`` (list); ``program_html`` targets have ``url``,
``locator`` and a ``required_contents`` string whose alternatives are split on `` |OR| ``. The
original never validated a config before running it; we check every config when the samples are
read, so a malformed file stops the run with one line (exit 2) instead of failing task by task.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from harness.errors import ConfigError
from tasks.webarena.site_helpers import LOCATOR_FUNCS, URL_FUNCS, parse_call

EvalType = Literal["string_match", "url_match", "program_html"]


class Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exact_match: str | None = None
    must_include: list[str] | None = None
    fuzzy_match: list[str] | None = None


class HtmlTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    locator: str
    required_contents: str

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if value.startswith("func"):
            parse_call(value.split("func:", 1)[1], URL_FUNCS)
        return value

    @field_validator("locator")
    @classmethod
    def _locator(cls, value: str) -> str:
        if value.startswith("func:"):
            parse_call(value.split("func:", 1)[1], LOCATOR_FUNCS)
        elif value.strip() and not value.startswith("document."):
            raise ValueError(f"unknown locator {value!r} (empty, 'document.…' or 'func:…')")
        return value


class Evaluation(BaseModel):
    model_config = ConfigDict(extra="allow")

    eval_types: list[EvalType]
    reference_answers: Answers | None = None
    reference_url: str | None = None
    url_note: Literal["EXACT", "GOLD in PRED"] = "EXACT"
    program_html: list[HtmlTarget] | None = None

    @model_validator(mode="after")
    def _complete(self) -> "Evaluation":
        if "string_match" in self.eval_types and self.reference_answers is None:
            raise ValueError("string_match needs reference_answers")
        if "url_match" in self.eval_types and not self.reference_url:
            raise ValueError("url_match needs reference_url")
        # program_html with no targets passes (task 369 of the official set): the original's loop
        # over the targets multiplies nothing, so we accept it as it is
        return self


class TaskConfig(BaseModel):
    """One task. ``oracle`` is ours (authored local tasks only): the scripted solution."""

    model_config = ConfigDict(extra="allow")

    task_id: int
    sites: list[str] = Field(default_factory=list)
    require_login: bool = False
    storage_state: str | None = None
    start_url: str
    geolocation: dict[str, float] | None = None
    intent: str
    require_reset: bool = False
    eval: Evaluation

    @property
    def start_urls(self) -> list[str]:
        """Several tabs are opened when the start URL joins them with `` |AND| ``."""
        return self.start_url.split(" |AND| ")

    @property
    def auth_name(self) -> str | None:
        """``./.auth/shopping_state.json`` -> ``shopping_state.json``."""
        return Path(self.storage_state).name if self.storage_state else None


def parse_config(raw: dict[str, Any]) -> TaskConfig:
    """One validated config (a copy of ``raw``); ValueError with the first problem."""
    try:
        return TaskConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{where}: {first['msg']}") from None


def load_configs(path: Path) -> list[dict[str, Any]]:
    """The raw configs of a ``test.raw.json``, each checked; ConfigError names the bad one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"webarena: cannot read {path}: {exc}") from None
    if not isinstance(data, list):
        raise ConfigError(f"webarena: {path} is not a JSON list of task configs")
    ids: set[int] = set()
    for position, raw in enumerate(data):
        if not isinstance(raw, dict):
            raise ConfigError(f"webarena: {path}: entry {position} is not an object")
        try:
            config = parse_config(raw)
        except ValueError as exc:
            raise ConfigError(f"webarena: {path}: task {raw.get('task_id', f'#{position}')}: {exc}") from None
        if config.task_id in ids:
            raise ConfigError(f"webarena: {path}: task_id {config.task_id} appears twice")
        ids.add(config.task_id)
    return data
