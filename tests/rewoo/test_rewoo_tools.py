"""ReWOO's tools against loopback fakes of their real APIs (Serper, WolframAlpha, MediaWiki), their
offline stand-ins, and the comparability each choice implies."""

from __future__ import annotations

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.rewoo.web_tools import NO_GOOGLE_RESULT, serper_text, wolfram_text
from tests.fakes.fake_mediawiki import FakeMediaWiki
from tests.fakes.fake_tool_apis import FakeToolAPIs
from tests.hotpotqa.wiki_pages import PAGES, REDIRECTS
from tests.rewoo.helpers import Provider, Scripted, sample_task

SERPER = {
    "capital of France": {"answerBox": {"answer": "Paris"}, "organic": [{"snippet": "ignored"}]},
    "Clara Venn": {"knowledgeGraph": {"title": "Clara Venn", "type": "Cellist", "description": "A cellist.",
                                      "attributes": {"Born": "1940"}},
                   "organic": [{"snippet": "Venn played in a quartet.", "attributes": {"Genre": "Classical"}}]},
}
WOLFRAM = {
    "Solve x + 1 = 3": {"queryresult": {"success": True, "pods": [
        {"title": "Input interpretation", "subpods": [{"plaintext": "solve x + 1 = 3"}]},
        {"title": "Result", "primary": True, "subpods": [{"plaintext": "x = 2"}]}]}},
}


def test_serper_and_wolfram_answers_are_read_as_the_original_wrappers_read_them():
    assert serper_text(SERPER["capital of France"]) == "Paris"
    assert serper_text({"answerBox": {"snippet": "a\nb"}}) == "a b"
    assert serper_text({"answerBox": {"snippetHighlighted": ["x", "y"]}}) == "x y"
    assert serper_text(SERPER["Clara Venn"]) == (
        "Clara Venn: Cellist. A cellist. Clara Venn Born: 1940. Venn played in a quartet. Genre: Classical."
    )
    assert serper_text({"organic": []}) == NO_GOOGLE_RESULT
    assert wolfram_text(WOLFRAM["Solve x + 1 = 3"]) == "Answer: x = 2"
    assert wolfram_text({"queryresult": {"success": False}}) == "Wolfram Alpha wasn't able to answer it"
    assert wolfram_text({"queryresult": {"pods": [{"title": "Result", "subpods": [{"plaintext": ""}]}]}}) == (
        "No good Wolfram Alpha Result was found"
    )


async def test_google_and_wolframalpha_use_the_real_apis_with_keys(monkeypatch):
    monkeypatch.setenv("SERPER_API_KEY", "serper-key")
    monkeypatch.setenv("WOLFRAM_ALPHA_APPID", "wolfram-id")
    with FakeToolAPIs(SERPER, WOLFRAM) as apis:
        task = sample_task(serper_url=apis.serper_url, wolfram_url=apis.wolfram_url)
        await task.start(RunContext(models=Provider({"gpt-3.5-turbo": Scripted([])})))
        plan = "Plan: a\n#E1 = Google[Clara Venn]\nPlan: b\n#E2 = WolframAlpha[Solve x + 1 = 3]"
        model = Scripted([plan, "no"])
        try:
            await run_episode(task, task.samples("strategy_qa")[0], model, RunContext(), "strategy_qa")
        finally:
            await task.stop()
        google, wolfram = apis.requests
    log = model.requests[1].messages[1].content
    assert "Plan: a\nEvidence:\nClara Venn: Cellist. A cellist." in log and "Plan: b\nEvidence:\nx = 2\n" in log
    assert google["method"] == "POST" and google["query"] == {"q": "Clara Venn", "gl": "us", "hl": "en", "num": "10"}
    assert google["headers"]["X-API-KEY"] == "serper-key"
    assert wolfram["query"] == {"input": "Solve x + 1 = 3", "appid": "wolfram-id", "output": "json"}
    reasons = task.comparability()
    assert not any("Google" in r or "WolframAlpha" in r for r in reasons), reasons
    assert task.describe()["google"] == "Serper API"


async def test_without_keys_google_and_wolframalpha_are_offline_stand_ins(monkeypatch, capsys):
    monkeypatch.delenv("SERPER_API_KEY", raising=False)
    monkeypatch.delenv("WOLFRAM_ALPHA_APPID", raising=False)
    task = sample_task()
    await task.start(RunContext())
    assert "no $SERPER_API_KEY" in capsys.readouterr().err
    plan = ("Plan: a\n#E1 = Google[Clara Venn cellist]\nPlan: b\n#E2 = WolframAlpha[3^2 + 1,000]\n"
            "Plan: c\n#E3 = WolframAlpha[Solve x + 1 = 3]")
    model = Scripted([plan, "no"])
    await run_episode(task, task.samples("strategy_qa")[0], model, RunContext(), "strategy_qa")
    await task.stop()
    log = model.requests[1].messages[1].content
    assert "Plan: a\nEvidence:\nClara Venn (1940-2015) was a cellist" in log
    assert "Plan: b\nEvidence:\n1009\n" in log and "Plan: c\nEvidence:\nWolfram Alpha wasn't able to answer it\n" in log
    reasons = task.comparability()
    assert "Google is an offline stand-in (no $SERPER_API_KEY)" in reasons
    assert "WolframAlpha is an offline stand-in (no $WOLFRAM_ALPHA_APPID)" in reasons
    assert not any("SearchSOTU" in r for r in reasons)  # strategy_qa has no SearchSOTU
    task.samples("sotu_qa")
    assert "SearchSOTU is BM25 top-1, not the original's OpenAI-embedding vector store" in task.comparability()


async def test_a_dead_tool_api_errors_the_sample(monkeypatch):
    from tests.fakes.net import free_port

    monkeypatch.setenv("SERPER_API_KEY", "serper-key")
    task = sample_task(serper_url=f"http://127.0.0.1:{free_port()}")
    await task.start(RunContext())
    record = await run_episode(task, task.samples("strategy_qa")[0], Scripted(["Plan: a\n#E1 = Google[x]"]),
                               RunContext(), "strategy_qa")
    await task.stop()
    assert record.status is Status.ERRORED and record.error_kind == "environment"


async def test_the_wikipedia_worker_reads_the_live_api_through_the_shared_docstore(tmp_path):
    with FakeMediaWiki(PAGES, redirects=REDIRECTS) as wiki:
        task = sample_task(wiki="api", wiki_url=wiki.url, wiki_cache=str(tmp_path / "w.sqlite"))
        task.samples("trivia_qa")
        await task.start(RunContext())
        try:
            model = Scripted(["Plan: a\n#E1 = Wikipedia[Eddington]\nPlan: b\n#E2 = Wikipedia[Nowhere Town]", "River Wend"])
            record = await run_episode(task, task.samples("trivia_qa")[0], model, RunContext(), "trivia_qa")
            oracle = [await run_episode(task, s, OracleModel(), RunContext(), "all") for s in task.samples("trivia_qa")]
            facts = task.describe()["wikipedia"]
        finally:
            await task.stop()
    log = model.requests[1].messages[1].content
    assert "Plan: a\nEvidence:\nEddington is a market town on the River Wend.\n" in log
    # wikipedia.page's auto-suggest: the first search hit stands in for a title with no page
    assert "Plan: b\nEvidence:\nEddington is a market town on the River Wend.\n" in log
    assert record.score == 1.0 and [r.score for r in oracle] == [1.0] * 4
    assert facts["backend"] == "api" and facts["api_url"] == wiki.url and len(facts["cache_digest_at_start"]) == 64
    assert not any("Wikipedia" in r for r in task.comparability())


async def test_an_unreachable_wikipedia_api_is_bad_input_naming_the_corpus(tmp_path):
    from harness.errors import HarnessError
    from tests.fakes.net import free_port

    task = sample_task(wiki="api", wiki_url=f"http://127.0.0.1:{free_port()}/w/api.php", wiki_cache=str(tmp_path / "w"))
    task.samples("hotpot_qa")
    with pytest.raises(HarnessError, match="rewoo.wiki=corpus"):
        await task.start(RunContext())
    task.samples("gsm8k")  # no Wikipedia in gsm8k's toolset: the API is not needed
    await task.start(RunContext())
    await task.stop()
