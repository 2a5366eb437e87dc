"""Both HTTP adapters classify every endpoint fault the same way, and a run with 20% injected
faults (500, 429, connection reset, a stall past the timeout, a 200 with a malformed JSON body)
ends with every sample completed on both. Counts only, never timings."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from fakes.fake_openai import FakeOpenAI
from fakes.fake_tgi import FakeTGI
from fakes.synthetic import SyntheticTask

from adapters.openai_chat import OpenAIModel
from adapters.tgi import TGIModel
from harness.model import GenerationRequest, PermanentModelError, TransientModelError, user
from harness.runner import RunOptions, execute

EXPECTED = {
    "500": TransientModelError, "503": TransientModelError, "429": TransientModelError,
    "reset": TransientModelError, "stall": TransientModelError, "malformed": TransientModelError,
    "wrong-shape": TransientModelError, "truncated": TransientModelError, "400": PermanentModelError,
}
ADAPTERS = ["tgi", "openai-chat", "openai-completions", "openai-httpx"]


def open_model(kind: str, url: str, timeout_s: float):
    if kind == "tgi":
        return TGIModel.from_config("m", {"urls": [url], "timeout_s": timeout_s})
    api = "completions" if kind == "openai-completions" else "chat"
    transport = "httpx" if kind == "openai-httpx" else "aiohttp"
    return OpenAIModel.from_config("m", {"model": "fake", "base_url": url + "/v1", "api": api,
                                         "transport": transport, "timeout_s": timeout_s})


def fake_for(kind: str, **kwargs):
    return FakeTGI(**kwargs) if kind == "tgi" else FakeOpenAI(**kwargs)


@pytest.mark.parametrize("kind", ADAPTERS)
async def test_every_fault_is_classified_the_same_on_every_path(kind):
    with fake_for(kind, name=kind, hang_s=5.0) as srv:
        model = open_model(kind, srv.url, timeout_s=1.0)
        got = {}
        for fault in EXPECTED:
            srv.fail_next(fault)
            try:
                await model.generate(GenerationRequest(messages=(user("hi"),)))
                got[fault] = None
            except Exception as exc:  # noqa: BLE001 - the class is what is compared
                got[fault] = type(exc)
        srv.replies.append("fine")
        assert (await model.generate(GenerationRequest(messages=(user("hi"),)))).text == "fine"
        assert got == EXPECTED
        await model.aclose()


FAULT_KINDS = ("500", "429", "reset", "stall", "malformed")


@pytest.mark.parametrize("kind", ["tgi", "openai-chat"])
async def test_300_samples_with_20_percent_faults_all_complete(kind, tmp_path):
    """Every fifth sample's first request fails, the five faults in turn: 60 faults, 12 of each."""
    attempts: Counter[int] = Counter()

    def fault_for(body: dict) -> str | None:
        text = body["inputs"] if kind == "tgi" else body["messages"][0]["content"]
        i = int(text.split("sample ", 1)[1].split()[0].split("[")[0])
        attempts[i] += 1
        if i % 5 == 0 and attempts[i] == 1:
            return FAULT_KINDS[(i // 5) % len(FAULT_KINDS)]
        return None

    with fake_for(kind, name=kind, hang_s=30.0) as srv:
        srv.fault_for = fault_for
        model = open_model(kind, srv.url, timeout_s=2.0)
        opts = RunOptions(model="fake", out=tmp_path / "run", concurrency=32, progress=False, cache=False)
        await execute(opts, model_override=model, task_overrides=[SyntheticTask(300)])
    records = [json.loads(line) for line in (tmp_path / "run" / "samples.jsonl").read_text().splitlines()]
    assert len(records) == 300
    assert Counter(r["status"] for r in records) == {"completed": 300}
    assert dict(srv.faults_sent) == {k: 12 for k in FAULT_KINDS}
    retried = {int(r["sample_id"]) for r in records if r["trajectory"][0]["retries"]}
    assert {i for i in range(300) if i % 5 == 0} <= retried  # (a loaded machine may add timeouts)


@pytest.mark.parametrize("kind", ADAPTERS)
async def test_the_servers_retry_after_reaches_the_retry_policy_on_every_path(kind):
    """A 429 with ``Retry-After`` (seconds, or an HTTP date) is transient and carries the wait."""
    import time
    from email.utils import formatdate

    with fake_for(kind, name=kind) as srv:
        model = open_model(kind, srv.url, timeout_s=5.0)
        waits = []
        for value in ("7", formatdate(time.time() + 3600, usegmt=True), None):
            srv.retry_after = value
            srv.fail_next("429")
            with pytest.raises(TransientModelError) as caught:
                await model.generate(GenerationRequest(messages=(user("hi"),)))
            waits.append(caught.value.retry_after_s)
        assert waits[0] == 7.0 and 3500 < waits[1] <= 3600 and waits[2] is None
        await model.aclose()
