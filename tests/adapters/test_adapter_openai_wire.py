"""The ``openai`` adapter against a loopback fake: the bytes it sends equal the SDK's typed call,
answers are read without the SDK's models, several base URLs are balanced."""

from __future__ import annotations

import openai
import pytest
from fakes.fake_openai import FakeOpenAI
from fakes.server import burst

from adapters.openai_chat import OpenAIModel
from adapters.openai_replay import learn
from harness.errors import ConfigError
from harness.model import (
    GenerationRequest,
    GenParams,
    PermanentModelError,
    Rendering,
    assistant,
    system,
    user,
)

CONVERSATION = (user("Solve: 2+2?"), assistant("Think: add.\nAct: answer(4)"), user("Observation: ok ünïcödé \"quoted\""))
REQUESTS = [
    GenerationRequest(messages=CONVERSATION),
    GenerationRequest(messages=(system("be brief"), *CONVERSATION), params=GenParams(max_new_tokens=7, stop=("\n", "END"))),
    GenerationRequest(messages=CONVERSATION, params=GenParams(temperature=0.7, top_p=0.9, seed=11, stop=("x",))),
    GenerationRequest(messages=CONVERSATION, params=GenParams(do_sample=False, temperature=0.7)),
    GenerationRequest(messages=(user("unused"),), raw_prompt="Question: q\nAnswer:"),
]


@pytest.fixture(scope="module")
def srv():
    with FakeOpenAI(name="o", hang_s=2.0) as s:
        yield s


def _old_decoding(request: GenerationRequest) -> dict:
    """What the adapter passed to the typed ``create(...)`` before (the reference)."""
    p = request.params
    out: dict = {"max_tokens": p.max_new_tokens, "temperature": p.temperature if p.sampling else 0.0}
    if p.sampling and p.top_p is not None:
        out["top_p"] = p.top_p
    if p.stop:
        out["stop"] = list(p.stop)
    if p.seed is not None:
        out["seed"] = p.seed
    return out


def _old_messages(request: GenerationRequest, system_prompt: str | None) -> list[dict]:
    if request.raw_prompt is not None:
        return [{"role": "user", "content": request.raw_prompt}]
    msgs = [{"role": m.role, "content": m.content} for m in request.messages]
    if system_prompt is not None and not (msgs and msgs[0]["role"] == "system"):
        msgs.insert(0, {"role": "system", "content": system_prompt})
    return msgs


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
@pytest.mark.parametrize("system_prompt", [None, "You are helpful."])
async def test_chat_bodies_are_byte_identical_to_the_typed_sdk_call(srv, transport, system_prompt):
    base = srv.url + "/v1"
    m = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": base, "transport": transport,
                                      "system_prompt": system_prompt, "api_key": "sk-test"})
    reference = openai.AsyncOpenAI(api_key="sk-test", base_url=base, max_retries=0, timeout=120.0)
    for request in REQUESTS:
        await reference.chat.completions.create(
            model="fake-model", messages=_old_messages(request, system_prompt), **_old_decoding(request)
        )
        old = srv.requests[-1]
        await m.generate(request)
        new = srv.requests[-1]
        assert new["raw"] == old["raw"]
        assert new["path"] == old["path"] == "/v1/chat/completions"
        volatile = {"host", "content-length", "x-stainless-raw-response"}
        new_h = {k.lower(): v for k, v in new["headers"].items() if k.lower() not in volatile}
        old_h = {k.lower(): v for k, v in old["headers"].items() if k.lower() not in volatile}
        assert new_h == old_h and new_h["authorization"] == "Bearer sk-test"
    # over aiohttp the SDK built the first request only; the others replayed it
    assert m.sdk_requests == (1 if transport == "aiohttp" else len(REQUESTS))
    await reference.close()
    await m.aclose()


async def test_completion_and_echo_bodies_are_byte_identical(srv):
    base = srv.url + "/v1"
    m = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": base, "api": "completions",
                                      "choice_logprobs": True})
    reference = openai.AsyncOpenAI(api_key="sk-no-key-needed", base_url=base, max_retries=0)
    request = GenerationRequest(messages=CONVERSATION, params=GenParams(max_new_tokens=9, stop=("\n",), seed=3))
    await reference.completions.create(model="fake-model", prompt=m._prompt(request), **_old_decoding(request))
    old = srv.requests[-1]["raw"]
    gen = await m.generate(request)
    assert srv.requests[-1]["raw"] == old and gen.text
    assert m._prompt(request) == "[INST] Solve: 2+2? [/INST] Think: add.\nAct: answer(4) </s><s>[INST] " \
        "Observation: ok ünïcödé \"quoted\" [/INST]"
    await reference.completions.create(model="fake-model", prompt="Q:", max_tokens=1, temperature=0.0, echo=True,
                                       logprobs=1)
    old = srv.requests[-1]["raw"]
    scored = await m.generate(GenerationRequest(messages=(user("x"),), raw_prompt="Q:", choices=(" A", " B")))
    assert srv.requests[-3]["raw"] == old  # the prompt's own echo request (then one per choice)
    assert set(scored.choice_logprobs) == {" A", " B"} and scored.text in (" A", " B")
    await reference.close()
    await m.aclose()


async def test_answer_fields_and_long_conversations_reuse_the_wire_prefix(srv):
    m = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": srv.url + "/v1"})
    srv.replies.append("four")
    gen = await m.generate(GenerationRequest(messages=CONVERSATION, params=GenParams(max_new_tokens=3)))
    assert (gen.text, gen.finish_reason, gen.completion_tokens, gen.endpoint) == ("fou", "length", 3, srv.url + "/v1")
    assert gen.prompt_tokens == sum(len(x.content) for x in CONVERSATION)
    history = list(CONVERSATION)
    for k in range(5):
        await m.generate(GenerationRequest(messages=tuple(history)))
        assert [d["content"] for d in srv.bodies()[-1]["messages"]] == [x.content for x in history]
        history += [assistant(f"a{k}"), user(f"o{k}")]
    assert m._wire.hits >= 4 and m._wire_json.hits >= 3  # replayed turns serialise only new messages
    await m.aclose()


async def test_several_base_urls_share_the_load(srv):
    with FakeOpenAI(name="p") as other:
        spec = OpenAIModel.parse_spec(f"fake-model@{srv.url}/v1,{other.url}/v1")
        assert spec["base_url"] == [srv.url + "/v1", other.url + "/v1"]
        m = OpenAIModel.from_config("m", spec)
        before = len(srv.bodies())
        gens = await burst([srv, other], lambda: m.generate(GenerationRequest(messages=CONVERSATION)), 8)
        assert len(srv.bodies()) - before == 4 and len(other.bodies()) == 4
        assert {g.endpoint for g in gens} == {srv.url + "/v1", other.url + "/v1"}
        assert m.info().endpoints == spec["base_url"]
        single = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": [srv.url + "/v1"]})
        assert single.config.base_url == srv.url + "/v1"  # one URL in a list is that URL (same identity)
        await m.check()
        await m.aclose()
    with pytest.raises(ConfigError, match="base_url"):
        OpenAIModel.from_config("m", {"model": "x", "base_url": []})



async def test_an_auth_failure_or_age_sends_the_next_request_through_the_sdk(srv):
    m = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": srv.url + "/v1"})
    for _ in range(3):
        await m.generate(GenerationRequest(messages=CONVERSATION))
    assert m.sdk_requests == 1
    srv.fail_next("401")
    with pytest.raises(PermanentModelError):
        await m.generate(GenerationRequest(messages=CONVERSATION))
    await m.generate(GenerationRequest(messages=CONVERSATION))
    assert m.sdk_requests == 2  # learned again after the 401
    never = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": srv.url + "/v1", "replay_max_age_s": 0})
    for _ in range(3):
        await never.generate(GenerationRequest(messages=CONVERSATION))
    assert never.sdk_requests == 3
    await m.aclose()
    await never.aclose()


def test_nothing_is_learned_unless_the_bytes_are_reproduced_exactly():
    rest = {"messages": [{"role": "user", "content": "é"}], "max_tokens": 5}
    sdk_body = rb'{"model":"m","messages":[{"role":"user","content":"\u00e9"}],"max_tokens":5}'
    learned = learn({"url": "http://h/v1/chat/completions", "headers": [("Host", "h"), ("Authorization", "Bearer k")],
                     "body": sdk_body}, "m", "messages", rest)
    assert learned is not None and learned.ensure_ascii and learned.encode("m", "messages", rest) == sdk_body
    assert learned.headers == {"Authorization": "Bearer k"}
    odd = rb'{"model": "m","messages":[{"role":"user","content":"\u00e9"}],"max_tokens":5}'  # mixed styles
    assert learn({"url": "u", "headers": [], "body": odd}, "m", "messages", rest) is None
    reordered = rb'{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"\u00e9"}]}'
    assert learn({"url": "u", "headers": [], "body": reordered}, "m", "messages", rest) is None


async def test_the_tasks_rendering_is_honoured_in_chat_and_completions(srv):
    chat = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": srv.url + "/v1", "system_prompt": "SYS"})
    msgs = (user(" q \n"), assistant(" a "), user("o\n"))
    held_in = Rendering(strip_turns=True, system_prompt=False)
    await chat.generate(GenerationRequest(messages=msgs, rendering=held_in))
    assert srv.bodies()[-1]["messages"] == [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"},
                                            {"role": "user", "content": "o"}]
    await chat.generate(GenerationRequest(messages=msgs))  # same messages, default rendering: not stripped
    assert srv.bodies()[-1]["messages"] == [{"role": "system", "content": "SYS"},
                                            *({"role": x.role, "content": x.content} for x in msgs)]
    comp = OpenAIModel.from_config("m", {"model": "fake-model", "base_url": srv.url + "/v1", "api": "completions",
                                         "system_prompt": "SYS"})
    await comp.generate(GenerationRequest(messages=msgs, rendering=held_in))
    assert srv.bodies()[-1]["prompt"] == "[INST] q [/INST] a </s><s>[INST] o [/INST]"
    await chat.aclose()
    await comp.aclose()
