"""The embedded ``smollm2`` adapter: real SmolLM2-135M through llama.cpp, in process."""

from __future__ import annotations

import math

import pytest

from adapters.embedded import EmbeddedModel
from harness.errors import ConfigError
from harness.model import ContextLimitError, GenerationRequest, GenParams, user

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def smol():
    m = EmbeddedModel.from_config("smollm2", {"n_ctx": 512, "n_threads": 1})
    yield m
    m.worker.close()


async def test_greedy_is_deterministic(smol):
    req = GenerationRequest(messages=(user("Name a colour."),), params=GenParams(max_new_tokens=6))
    first = await smol.generate(req)
    second = await smol.generate(req)
    assert first.text == second.text and first.text
    assert first.completion_tokens == 6 and first.prompt_tokens > 10 and first.finish_reason == "length"


async def test_choice_logprobs_are_exact_and_consistent_with_greedy(smol):
    prompt = "The capital of France is"
    greedy = await smol.generate(
        GenerationRequest(messages=(user("x"),), raw_prompt=prompt, params=GenParams(max_new_tokens=1))
    )
    choices = (" Paris", " London", " Paris, France")
    scored = await smol.generate(GenerationRequest(messages=(user("x"),), raw_prompt=prompt, choices=choices))
    lp = scored.choice_logprobs
    assert set(lp) == set(choices) and all(math.isfinite(v) and v < 0 for v in lp.values())
    assert scored.text == max(lp, key=lp.get)
    assert greedy.text == " Paris" and scored.text == " Paris"  # two code paths agree on the argmax
    assert lp[" Paris, France"] < lp[" Paris"]  # an extension can only be less likely
    assert scored.prompt_tokens == 5


async def test_chat_choices_for_mmlu_style_prompt(smol):
    req = GenerationRequest(messages=(user("Question: 2+2?\nA. 3\nB. 4\nC. 5\nD. 6\nAnswer:"),),
                            choices=(" A", " B", " C", " D"))
    gen = await smol.generate(req)
    assert gen.text == max(gen.choice_logprobs, key=gen.choice_logprobs.get)
    assert len(set(gen.choice_logprobs.values())) == 4


async def test_context_overflow(smol):
    with pytest.raises(ContextLimitError, match="exceed the context of 512"):
        await smol.generate(GenerationRequest(messages=(user("word " * 600),), params=GenParams(max_new_tokens=4)))
    with pytest.raises(ContextLimitError):  # prompt fits, prompt + max_new_tokens does not
        await smol.generate(GenerationRequest(messages=(user("word " * 300),), params=GenParams(max_new_tokens=300)))


def test_spec_and_config():
    assert EmbeddedModel.parse_spec("") == {}
    with pytest.raises(ConfigError):
        EmbeddedModel.parse_spec("something")
    with pytest.raises(ConfigError, match="n_ctx"):
        EmbeddedModel.from_config("s", {"n_ctx": 10})
    with pytest.raises(ConfigError):
        EmbeddedModel.from_config("s", {"model_path": "/no/such.gguf"})
    info = EmbeddedModel.from_config("s", {}).info()
    assert info.supports_logprobs and info.extra["n_ctx"] == 8192 and info.identity.startswith("smollm2:")
