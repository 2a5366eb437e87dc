"""TGI's server limits (issue 11, defect 1): more stop sequences than the server takes are cut to
its ``max_stop_sequences`` and applied client-side with the server's own rule, so the answer equals
the full list's; the fake enforces sha-4cce843's validation."""

from __future__ import annotations

import random

import pytest
from fakes.fake_tgi import FakeTGI

from adapters.stops import cut_at_stop, emulate_stops
from adapters.tgi import TGIModel
from harness.model import ContextLimitError, GenerationRequest, GenParams, PermanentModelError, user
from tasks.humaneval.execution import STOP

HUMANEVAL = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False, stop=STOP)


@pytest.fixture(scope="module")
def limited():
    with FakeTGI(name="limited") as f:  # the launcher's default: 4 stop sequences
        yield f


@pytest.fixture(scope="module")
def unlimited():
    with FakeTGI(name="unlimited", max_stop_sequences=16) as f:
        yield f


async def test_the_fake_refuses_five_stop_sequences_like_tgi(limited):
    """What the raw request of main did: 5 stop sequences -> 422 (the run aborted)."""
    m = TGIModel.from_config("m", {"urls": [limited.url]})
    m._limits_known = True  # as if /info were unavailable: the request goes out as it is
    with pytest.raises(PermanentModelError, match="`stop` supports up to 4 stop sequences. Given: 5"):
        await m.generate(GenerationRequest(messages=(user("x"),), raw_prompt="def f():\n", params=HUMANEVAL))
    await m.aclose()


async def test_humaneval_request_on_a_4_stop_server(limited):
    limited.rejected.clear()
    m = TGIModel.from_config("m", {"urls": [limited.url]})
    await m.check()
    assert m.limits.max_stop_sequences == 4
    limited.replies.append("    return 1\nprint(f())\ndef g():\n    pass\n")
    gen = await m.generate(GenerationRequest(messages=(user("x"),), raw_prompt="def f():\n", params=HUMANEVAL))
    assert gen.text == "    return 1" and gen.finish_reason == "stop_sequence"
    sent = limited.bodies()[-1]["parameters"]["stop"]
    assert sent == list(STOP[:4]) and "\nprint" not in sent and limited.rejected == []
    assert gen.completion_tokens == len("    return 1\nprint")  # where the full list stops
    assert m.client_side_stops == 1
    assert "client-side" in m.info().extra["server_limits"]["stop_sequences"]
    await m.aclose()


def _random_case(rng: random.Random) -> tuple[str, list[str]]:
    alphabet = "ab\n#x"
    reply = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
    stops = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 7))]
    return reply, stops


async def test_client_side_stops_equal_the_full_list_on_random_cases(limited, unlimited):
    """Same reply, same stop list: a server taking all of them vs one taking the first 4 (the
    rest applied here) -- text, finish reason and counted tokens agree."""
    limited.rejected.clear()
    full = TGIModel.from_config("full", {"urls": [unlimited.url]})
    cut = TGIModel.from_config("cut", {"urls": [limited.url]})
    rng = random.Random(7)
    for _ in range(150):
        reply, stops = _random_case(rng)
        params = GenParams(max_new_tokens=rng.randint(1, 40), stop=tuple(stops))
        request = GenerationRequest(messages=(user("q"),), params=params)
        unlimited.replies.append(reply)
        limited.replies.append(reply)
        a, b = await full.generate(request), await cut.generate(request)
        assert (a.text, a.finish_reason, a.completion_tokens) == (b.text, b.finish_reason, b.completion_tokens), (
            reply, stops, params.max_new_tokens)
    assert limited.rejected == [] and unlimited.rejected == []
    await full.aclose()
    await cut.aclose()


def test_emulation_follows_token_boundaries_and_the_leading_space():
    # "ab" completed inside the token "abc" does not stop TGI; "c\n" after "ab" does ("$" before "\n")
    assert emulate_stops("xabcd", ["x", "abc", "d"], ["ab"]) is None
    assert emulate_stops("xab\nz", ["x", "ab\n", "z"], ["ab"]) == (4, 2)
    # sentencepiece: generated_text lacks the first token's space, the stopping rule saw it
    assert emulate_stops("return 1\ndef g", [" return", " 1", "\n", "def", " g"], ["\ndef"]) == (12, 4)
    # pieces that do not spell the text: character boundaries
    assert emulate_stops("abc\ndef", ["zz"], ["\nd"]) == (5, None)
    assert cut_at_stop("abc\ndef", ["\nd", "c"]) == ("ab", True)


async def test_validation_rules_of_sha_4cce843(limited):
    m = TGIModel.from_config("m", {"urls": [limited.url]})
    await m.check()
    cases = {
        "`top_p` must be > 0.0 and < 1.0": {"top_p": 1.0},
        "`temperature` must be strictly positive": {"temperature": 0.0},
        "`top_k` must be strictly positive": {"top_k": 0},
        "`max_new_tokens` must be strictly positive": {"max_new_tokens": 0},
        "`truncate` must be strictly positive and less than 4096. Given: 5000": {"truncate": 5000},
        "you must use sampling when `best_of` is > 1": {"best_of": 2},
        "`best_of` must be > 0 and <= 2. Given: 3": {"best_of": 3, "do_sample": True},
        "`seed` must not be set when `best_of` > 1": {"best_of": 2, "do_sample": True, "seed": 1},
        "`typical_p` must be > 0.0 and < 1.0": {"typical_p": 0.0},
        "`repetition_penalty` must be strictly positive": {"repetition_penalty": 0.0},
        "`top_n_tokens` must be >= 0 and <= 5. Given: 6": {"top_n_tokens": 6},
    }
    for message, params in cases.items():
        with pytest.raises(PermanentModelError, match=message.replace("(", r"\(").replace("`", "`")):
            await m._call("hi", {"max_new_tokens": 4, **params})
    with pytest.raises(PermanentModelError, match="cannot be empty"):
        await m._call("", {"max_new_tokens": 4})
    with pytest.raises(ContextLimitError, match="must be <= 16384"):
        await m._call("x" * 100, {"max_new_tokens": 16300})
    status, _, raw = await m.http.request("POST", limited.url + "/", b'{"inputs": "x", "parameters": {"max_new_tokens": -1}}',
                                          {"Content-Type": "application/json"})
    assert status == 422 and raw.startswith(b"Failed to deserialize")
    await m.aclose()
