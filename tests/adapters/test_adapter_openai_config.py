"""``openai`` adapter configuration, spec parsing and identity (no server needed)."""

from __future__ import annotations

import pytest

from adapters.openai_chat import OpenAIModel
from harness.errors import ConfigError


def test_parse_spec():
    assert OpenAIModel.parse_spec("gpt-4@https://api.openai.com/v1/") == {
        "model": "gpt-4", "base_url": "https://api.openai.com/v1"
    }
    assert OpenAIModel.parse_spec("smol@127.0.0.1:8080/v1") == {"model": "smol", "base_url": "http://127.0.0.1:8080/v1"}
    assert OpenAIModel.parse_spec("gpt-4") == {"model": "gpt-4"}
    for bad in ("", "@http://h", "m@ftp://h"):
        with pytest.raises(ConfigError):
            OpenAIModel.parse_spec(bad)


def test_config_validation_and_info(monkeypatch):
    with pytest.raises(ConfigError, match="model"):
        OpenAIModel.from_config("m", {"adapter": "openai"})
    with pytest.raises(ConfigError, match="choice_logprobs"):
        OpenAIModel.from_config("m", {"adapter": "openai", "model": "x", "choice_logprobs": True})
    with pytest.raises(ConfigError):
        OpenAIModel.from_config("m", {"adapter": "openai", "model": "x", "api": "embeddings"})
    monkeypatch.setenv("MY_KEY", "sk-test-123")
    m = OpenAIModel.from_config("m", {"adapter": "openai", "model": "x", "api_key_env": "MY_KEY"})
    assert m.client.api_key == "sk-test-123" and m.client.max_retries == 0
    assert not m.supports_logprobs and m.info().endpoints == ["https://api.openai.com/v1"]
    c = OpenAIModel.from_config(
        "m", {"adapter": "openai", "model": "x", "api": "completions", "choice_logprobs": True, "base_url": "h:1/v1"}
    )
    assert c.supports_logprobs and c.identity() != m.identity()
