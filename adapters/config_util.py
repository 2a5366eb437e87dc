"""Shared helpers for adapter configs: pydantic validation to one-line ConfigErrors, URL checks."""

from __future__ import annotations

from typing import TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from adapters.templates import check_template
from harness.errors import ConfigError

C = TypeVar("C", bound=BaseModel)


def validate_config(schema: type[C], name: str, config: dict) -> C:
    """``schema.model_validate(config)``, turning the first error into a one-line ConfigError."""
    try:
        return schema.model_validate(config)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "config"
        raise ConfigError(f"model {name!r}: {where}: {err.get('msg', 'invalid')}") from None


def normalize_url(url: str) -> str:
    """``host:port`` -> ``http://host:port``; trailing slashes dropped; ValueError when not a URL."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return url.rstrip("/")


class EndpointConfig(BaseModel):
    """Keys every HTTP endpoint adapter shares (subclassed by the TGI and OpenAI configs)."""

    model_config = ConfigDict(extra="forbid")

    template: str = "llama-2"
    """FastChat conversation template used to render chat turns into a prompt."""
    system_prompt: str | None = None
    """Added when a request brings no system message."""
    timeout_s: float = Field(120.0, gt=0)
    check_timeout_s: float = Field(5.0, gt=0)

    @field_validator("template")
    @classmethod
    def _template(cls, name: str) -> str:
        try:
            return check_template(name)
        except ConfigError as e:
            raise ValueError(str(e)) from None
