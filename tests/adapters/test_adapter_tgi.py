"""The ``tgi`` adapter against the loopback fake TGI: request bytes, routes, balancing, failures."""

from __future__ import annotations

import json

import pytest
from fakes.fake_tgi import FakeTGI, token_logprob, tokenize
from fakes.net import free_port
from fakes.server import burst
from fastchat.conversation import get_conv_template

from adapters.tgi import TGIModel
from harness.errors import ConfigError
from harness.model import (
    ContextLimitError,
    EndpointUnreachable,
    GenerationRequest,
    GenParams,
    PermanentModelError,
    Rendering,
    TransientModelError,
    assistant,
    system,
    user,
)
from harness.resilience import ResilientModel, RetryPolicy

SYS = "You are a helpful, respectful and honest assistant."


@pytest.fixture(scope="module")
def fake():
    """AgentLM's server limits (docker/tgi-agentlm.yml): 4096 input tokens, 16384 in all."""
    with FakeTGI(name="a", max_input=4096, max_total=16384, hang_s=2.0) as f:
        yield f


@pytest.fixture(scope="module")
def small():
    """A server launched with small limits (the launcher's defaults would be 1024 / 2048)."""
    with FakeTGI(name="small", max_input=200, max_total=1000) as f:
        yield f


@pytest.fixture
def tgi(fake):
    fake.failures.clear()
    fake.replies.clear()
    return TGIModel.from_config("agentlm-7b", {"adapter": "tgi", "urls": [fake.url], "timeout_s": 0.5})


def fastchat_llama2(system_text: str | None, turns: list[str]) -> str:
    conv = get_conv_template("llama-2")  # == get_conversation_template("llama-2"), see adapters/templates.py
    if system_text is not None:
        conv.set_system_message(system_text)
    for i, t in enumerate(turns):
        conv.append_message(conv.roles[i % 2], t)
    conv.append_message(conv.roles[1], None)
    return conv.get_prompt()


async def test_llama2_request_bytes_single_turn_with_system(tgi, fake):
    await tgi.generate(GenerationRequest(messages=(system(SYS), user("What is 2+2?"))))
    sent = fake.bodies()[-1]["inputs"]
    assert sent == fastchat_llama2(SYS, ["What is 2+2?"])
    assert sent == f"[INST] <<SYS>>\n{SYS}\n<</SYS>>\n\nWhat is 2+2? [/INST]"


async def test_llama2_request_bytes_multi_turn_without_system(tgi, fake):
    msgs = (user("U1"), assistant("A1"), user("U2"), assistant("A2"), user("U3"))
    await tgi.generate(GenerationRequest(messages=msgs))
    sent = fake.bodies()[-1]["inputs"]
    assert sent == fastchat_llama2(None, ["U1", "A1", "U2", "A2", "U3"])
    assert sent == "[INST] U1 [/INST] A1 </s><s>[INST] U2 [/INST] A2 </s><s>[INST] U3 [/INST]"


async def test_llama2_multi_turn_with_system_and_configured_default_system(fake):
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [fake.url], "system_prompt": SYS, "strip_messages": True})
    await m.generate(GenerationRequest(messages=(user("  Q1 \n"), assistant("A1"), user("Q2"))))
    assert fake.bodies()[-1]["inputs"] == fastchat_llama2(SYS, ["Q1", "A1", "Q2"])
    await m.aclose()


async def test_raw_prompt_is_sent_verbatim(tgi, fake):
    await tgi.generate(GenerationRequest(messages=(user("ignored"),), raw_prompt="Question: x\nThought 1:"))
    assert fake.bodies()[-1]["inputs"] == "Question: x\nThought 1:"


async def test_parameters_follow_agentbench_client(tgi, fake):
    fake.replies.append("Think: ok\nAct: finish\nmore")
    params = GenParams(max_new_tokens=128, do_sample=False, temperature=0.7, stop=("\nmore",))
    gen = await tgi.generate(GenerationRequest(messages=(user("go"),), params=params))
    sent = fake.bodies()[-1]["parameters"]
    assert sent["truncate"] == 4096 - 128
    assert sent["do_sample"] is False and sent["temperature"] == 0.7  # sampled at TGI sha-4cce843
    assert sent["max_new_tokens"] == 128 and sent["stop"] == ["\nmore"]
    assert gen.text == "Think: ok\nAct: finish" and gen.finish_reason == "stop_sequence"
    assert gen.prompt_tokens == len(tokenize(fastchat_llama2(None, ["go"])))
    assert gen.completion_tokens == len("Think: ok\nAct: finish\nmore")
    assert gen.endpoint == fake.url


async def test_greedy_sends_no_temperature_and_explicit_truncate_wins(tgi, fake):
    await tgi.generate(GenerationRequest(messages=(user("go"),), params=GenParams(max_new_tokens=16, truncate=50)))
    sent = fake.bodies()[-1]["parameters"]
    assert sent["do_sample"] is False and "temperature" not in sent and sent["truncate"] == 50


async def test_generate_route_answers_an_object(fake):
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [fake.url], "route": "/generate"})
    fake.replies.append("hello")
    gen = await m.generate(GenerationRequest(messages=(user("hi"),)))
    assert gen.text == "hello" and fake.requests[-1]["path"] == "/generate"
    await m.aclose()


async def test_choice_logprobs_are_exact_prefill_sums(tgi, fake):
    msgs = (system("The following is a multiple-choice question."), user("Question: q\nA. a\nB. b"))
    gen = await tgi.generate(GenerationRequest(messages=msgs, choices=(" A", " B", " C", " D")))
    prompt = fastchat_llama2("The following is a multiple-choice question.", ["Question: q\nA. a\nB. b"])
    expected = {}
    for c in (" A", " B", " C", " D"):
        toks = tokenize(prompt + c)
        n = len(tokenize(prompt))
        expected[c] = sum(token_logprob(toks[i - 1], toks[i]) for i in range(n, len(toks)))
    assert gen.choice_logprobs == pytest.approx(expected)
    assert gen.text == max(expected, key=expected.get)
    assert all(b["parameters"]["decoder_input_details"] for b in fake.bodies()[-5:])
    assert all("truncate" not in b["parameters"] for b in fake.bodies()[-5:])


async def test_choice_scoring_applies_the_tasks_left_cut(tgi, fake):
    """MMLU's ``--max-seq-len 2048``: a prompt of more than truncate + 1 tokens keeps its last
    ``truncate`` tokens; the prompt and every prompt+choice are scored on the same window."""
    msgs = (user("x" * 60),)
    prompt = fastchat_llama2(None, ["x" * 60])
    n = len(tokenize(prompt))
    keep = 20
    gen = await tgi.generate(GenerationRequest(messages=msgs, choices=(" A", " B"), params=GenParams(truncate=keep)))
    second = fake.bodies()[-3:]  # the re-scored window: the prompt and two prompt+choice texts
    cut = n - keep
    assert [b["parameters"]["truncate"] for b in second] == [keep, len(tokenize(prompt + " A")) - cut,
                                                             len(tokenize(prompt + " B")) - cut]
    for c in (" A", " B"):
        toks = tokenize(prompt + c)
        assert gen.choice_logprobs[c] == pytest.approx(sum(token_logprob(toks[i - 1], toks[i]) for i in range(n, len(toks))))
    short = len(fake.bodies())
    await tgi.generate(GenerationRequest(messages=msgs, choices=(" A",), params=GenParams(truncate=n - 1)))
    assert len(fake.bodies()) == short + 2  # n <= truncate + 1: no cut, as the original


@pytest.mark.parametrize("kind", ["500", "503", "429", "hang", "reset"])
async def test_transient_failures(tgi, fake, kind):
    fake.fail_next(kind)
    with pytest.raises(TransientModelError):
        await tgi.generate(GenerationRequest(messages=(user("hi"),)))


async def test_connection_refused_is_transient():
    port = free_port()
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [f"127.0.0.1:{port}"], "check_timeout_s": 1})
    with pytest.raises(TransientModelError):
        await m.generate(GenerationRequest(messages=(user("hi"),)))
    with pytest.raises(EndpointUnreachable, match=str(port)):
        await m.check()
    await m.aclose()


async def test_permanent_and_context_limit_failures(tgi, fake):
    fake.fail_next("400")
    with pytest.raises(PermanentModelError):
        await tgi.generate(GenerationRequest(messages=(user("hi"),)))
    fake.fail_next("422-too-long")
    with pytest.raises(ContextLimitError):
        await tgi.generate(GenerationRequest(messages=(user("hi"),)))
    # a real overflow: the input does not fit and no truncate is sent
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [fake.url], "max_tokens": 0})
    with pytest.raises(ContextLimitError, match="must have less than 4096"):
        await m.generate(GenerationRequest(messages=(user("x" * 5000),), params=GenParams(max_new_tokens=16)))
    with pytest.raises(ContextLimitError, match="must be <= 16384"):  # input + max_new_tokens
        await m.generate(GenerationRequest(messages=(user("x" * 100),), params=GenParams(max_new_tokens=16300)))
    await m.aclose()


async def test_truncate_is_cut_to_the_servers_limits(small):
    """AgentBench's client sends truncate = 4096 - max_new_tokens; a server launched with a
    smaller max_input_length would refuse it (422) -- it is lowered to what /info reports."""
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [small.url]})
    gen = await m.generate(GenerationRequest(messages=(user("x" * 300),), params=GenParams(max_new_tokens=16)))
    assert small.bodies()[-1]["parameters"]["truncate"] == 200 and small.rejected == []
    assert gen.prompt_tokens == 200  # the server cut the left
    await m.generate(GenerationRequest(messages=(user("x" * 300),), params=GenParams(max_new_tokens=900)))
    assert small.bodies()[-1]["parameters"]["truncate"] == 100  # max_total_tokens - max_new_tokens
    assert m.info().extra["server_limits"]["max_input_length"] == 200 and small.rejected == []
    await m.aclose()


async def test_retries_through_resilient_model(tgi, fake):
    model = ResilientModel(tgi, cache=None, retry=RetryPolicy(attempts=5, base_s=0.01, cap_s=0.02))
    fake.fail_next("503", "hang", "reset")
    fake.replies.append("finally")  # failed requests consume no reply
    before = len(fake.bodies())
    gen = await model.generate(GenerationRequest(messages=(user("hi"),)))
    assert gen.text == "finally"
    assert gen.retries == 3 and len(fake.bodies()) - before == 4
    fake.replies.clear()
    fake.fail_next("400")
    before = len(fake.bodies())
    with pytest.raises(PermanentModelError):
        await model.generate(GenerationRequest(messages=(user("hi"),)))
    assert len(fake.bodies()) - before == 1


async def test_load_balancing_over_two_urls(fake):
    with FakeTGI(name="b") as other:
        m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [fake.url, other.url]})
        before_a = len(fake.bodies())
        gens = await burst([fake, other], lambda: m.generate(GenerationRequest(messages=(user("hi"),))), 6)
        # six at once on two idle endpoints: least outstanding puts three on each
        assert len(fake.bodies()) - before_a == 3 and len(other.bodies()) == 3
        assert {g.endpoint for g in gens} == {fake.url, other.url}
        await m.check()
        await m.aclose()


async def test_a_failing_url_is_drained_and_its_share_moves(fake):
    with FakeTGI(name="b") as other:
        m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [fake.url, other.url]})
        model = ResilientModel(m, cache=None, retry=RetryPolicy(attempts=5, base_s=0.01, cap_s=0.02))
        other.fault_for = lambda body: "503"  # b fails every request from now on
        before_a = len(fake.bodies())
        for _ in range(20):
            gen = await model.generate(GenerationRequest(messages=(user("hi"),)))
            assert gen.endpoint == fake.url
        # b got requests until it had failed 3 times in a row, then none (drained for >= 1 s)
        assert len(other.bodies()) == 3 and len(fake.bodies()) - before_a == 20
        assert [s["drained"] for s in m.balancer.snapshot()] == [False, True]
        await m.aclose()


def test_config_and_spec_errors():
    assert TGIModel.parse_spec("127.0.0.1:30007, http://h:30013/") == {
        "urls": ["http://127.0.0.1:30007", "http://h:30013"]
    }
    with pytest.raises(ConfigError):
        TGIModel.parse_spec(" , ")
    with pytest.raises(ConfigError):
        TGIModel.parse_spec("ftp://x")
    with pytest.raises(ConfigError, match="urls"):
        TGIModel.from_config("m", {"adapter": "tgi", "urls": []})
    with pytest.raises(ConfigError, match="template"):
        TGIModel.from_config("m", {"adapter": "tgi", "urls": ["http://h"], "template": "no-such"})
    with pytest.raises(ConfigError):
        TGIModel.from_config("m", {"adapter": "tgi", "urls": ["http://h"], "bogus": 1})
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": ["http://b:1", "http://a:1"]})
    assert m.identity() == TGIModel.from_config("m", {"adapter": "tgi", "urls": ["http://a:1", "http://b:1"]}).identity()
    info = m.info()
    assert info.template == "llama-2" and info.supports_logprobs and info.endpoints == ["http://b:1", "http://a:1"]


async def test_identity_includes_what_the_server_serves(fake):
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [fake.url]})
    before = m.identity()
    await m.check()
    assert m.identity() != before and f"fake/{fake.name}" in m.identity()
    await m.aclose()


async def test_the_tasks_rendering_is_honoured(fake):
    """Held-in protocol (AgentBench.old): every turn stripped, no system prompt injected."""
    m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [fake.url], "system_prompt": SYS})
    msgs = (user("\nI will ask you a question. "), assistant(" Act: x \n"), user("obs \n"))
    held_in = Rendering(strip_turns=True, system_prompt=False)
    await m.generate(GenerationRequest(messages=msgs, rendering=held_in))
    assert fake.bodies()[-1]["inputs"] == fastchat_llama2(None, ["I will ask you a question.", "Act: x", "obs"])
    assert fake.bodies()[-1]["inputs"].startswith("[INST] I will ask you")
    await m.generate(GenerationRequest(messages=msgs))  # the default: as written, system prompt injected
    assert fake.bodies()[-1]["inputs"] == fastchat_llama2(SYS, [x.content for x in msgs])
    await m.aclose()


async def test_request_bytes_equal_json_dumps_of_the_body(tgi, fake):
    """The body is assembled from the memoised escaped prompt: byte for byte what
    ``json.dumps(body)`` writes (quotes, controls, non-ASCII, astral characters, turn after turn)."""
    history = [user('Q "1"\tü\x01 ☃ 𝄞 \\ end')]
    for k in range(4):
        request = GenerationRequest(messages=tuple(history), params=GenParams(max_new_tokens=8, stop=("\n",)))
        await tgi.generate(request)
        body = {"inputs": tgi.prompt(request), "parameters": tgi.parameters(request.params), "stream": False}
        assert fake.requests[-1]["raw"] == json.dumps(body).encode()
        history += [assistant(f"A{k} 😀\n"), user(f'obs "{k}" \u2028')]
    raw_prompt = GenerationRequest(messages=(user("x"),), raw_prompt="Q: é\n")
    await tgi.generate(raw_prompt)
    assert json.loads(fake.requests[-1]["raw"])["inputs"] == "Q: é\n"
    assert tgi.renderer.memo.hits >= 3


async def test_requests_past_the_servers_max_concurrent_requests_wait_here():
    """TGI answers 429 "Model is overloaded" past ``max_concurrent_requests`` (its /info says how
    many): the adapter never sends more at once, so a burst larger than that is served, not refused."""
    import asyncio

    with FakeTGI(name="narrow", max_concurrent_requests=2, delay_s=0.05) as narrow:
        m = TGIModel.from_config("m", {"adapter": "tgi", "urls": [narrow.url]})
        await m.check()
        gens = await asyncio.gather(*(
            m.generate(GenerationRequest(messages=(user(f"q{i}"),), params=GenParams(max_new_tokens=4)))
            for i in range(8)
        ))
        assert all(g.text for g in gens) and len(narrow.bodies()) == 8
        assert narrow.overloaded == 0 and narrow.most_in_flight <= 2
        assert m.balancer.states[0].capacity == 2 and m.balancer.in_flight == [0]
        await m.aclose()
