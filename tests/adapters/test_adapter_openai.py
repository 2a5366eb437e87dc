"""The ``openai`` adapter against a real llama.cpp OpenAI-compatible server (SmolLM2-135M)."""

from __future__ import annotations

import pytest
from fakes.net import free_port

from adapters.openai_chat import OpenAIModel
from harness.model import (
    ContextLimitError,
    EndpointUnreachable,
    GenerationRequest,
    GenParams,
    TransientModelError,
    user,
)

pytestmark = pytest.mark.slow


def model(base_url: str, **extra) -> OpenAIModel:
    return OpenAIModel.from_config("smol", {"adapter": "openai", "model": "smollm2", "base_url": base_url, **extra})


async def test_greedy_chat_completion(llama_server):
    m = model(llama_server)
    await m.check()
    req = GenerationRequest(messages=(user("What is the capital of France?"),), params=GenParams(max_new_tokens=5))
    first = await m.generate(req)
    second = await m.generate(req)
    assert first.text and first.text == second.text
    assert first.prompt_tokens > 5 and first.completion_tokens == 5 and first.finish_reason == "length"
    assert first.endpoint == llama_server
    await m.aclose()


async def test_completions_mode_raw_prompt_and_stop(llama_server):
    m = model(llama_server, api="completions")
    req = GenerationRequest(
        messages=(user("unused"),), raw_prompt="The capital of France is", params=GenParams(max_new_tokens=6, stop=("\n",))
    )
    gen = await m.generate(req)
    assert gen.prompt_tokens == 5 and "\n" not in gen.text and gen.text.strip()
    await m.aclose()


async def test_context_overflow_is_context_limit(llama_server):
    m = model(llama_server)
    with pytest.raises(ContextLimitError):
        await m.generate(GenerationRequest(messages=(user("word " * 700),), params=GenParams(max_new_tokens=4)))
    await m.aclose()


async def test_unreachable_endpoint():
    m = model(f"http://127.0.0.1:{free_port()}/v1", check_timeout_s=2, timeout_s=2)
    with pytest.raises(EndpointUnreachable, match="did not answer"):
        await m.check()
    with pytest.raises(TransientModelError):
        await m.generate(GenerationRequest(messages=(user("hi"),)))
    await m.aclose()
