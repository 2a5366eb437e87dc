"""HotpotQA's default Wikipedia: LangChain's docstore over the MediaWiki API, driven against a
loopback MediaWiki fake through the same code that talks to Wikipedia."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.hotpotqa import HotpotQA
from tasks.hotpotqa.react_env import SEARCH_FAILED
from tasks.services.mediawiki import MediaWikiClient, ResponseStore, WikipediaDocstore, WikiUnavailable
from tasks.services.mediawiki.docstore import ApiExplorer
from tasks.services.wikicorpus import LookupWithoutPage
from tests.fakes.fake_mediawiki import FakeMediaWiki
from tests.hotpotqa.wiki_pages import DISAMBIGUATION, PAGES, REDIRECTS, SUGGESTIONS

REPO = Path(__file__).resolve().parents[2]
SAMPLE = Path(HotpotQA.sample_data) / "hotpotqa"


@pytest.fixture
def wiki():
    with FakeMediaWiki(PAGES, redirects=REDIRECTS, disambiguation=DISAMBIGUATION, suggestions=SUGGESTIONS) as fake:
        yield fake


def explorer(url: str, path: Path) -> ApiExplorer:
    return ApiExplorer(WikipediaDocstore(MediaWikiClient(url, ResponseStore(path))))


def test_search_returns_the_whole_lead_section_and_lookup_walks_the_blocks(wiki, tmp_path):
    ex = explorer(wiki.url, tmp_path / "c.sqlite")
    assert ex.search("Clara Venn") == "Clara Venn was a cellist.\nShe played the cello in a quartet."
    assert ex.lookup("cello") == "(Result 1/2) Clara Venn was a cellist.\nShe played the cello in a quartet."
    assert ex.lookup("cello") == "(Result 2/2) She taught the cello later."
    assert ex.lookup("cello") == "No More Results"
    assert ex.lookup("violin") == "No Results"


def test_redirects_suggestions_missing_and_disambiguation_pages(wiki, tmp_path):
    ex = explorer(wiki.url, tmp_path / "c.sqlite")
    assert ex.search("Milhouse") == "Milhouse Mussolini Van Houten is a fictional character."  # redirect followed
    assert ex.search("clara venn").startswith("Clara Venn was a cellist.")  # first-letter normalisation
    assert ex.search("Clara Ven").startswith("Clara Venn was a cellist.")  # the suggestion wins
    assert ex.search("Zanzibar Moons") == "Could not find [Zanzibar Moons]. Similar: []"
    assert ex.search("Mercury") == (
        "Could not find [Mercury]. Similar: ['Mercury', 'Mercury (planet)', 'Mercury (element)']"
    )
    with pytest.raises(LookupWithoutPage):
        ex.lookup("planet")  # the last search found nothing


def test_every_response_is_cached_and_a_rerun_needs_no_network(wiki, tmp_path):
    path = tmp_path / "c.sqlite"
    first = explorer(wiki.url, path)
    seen = [first.search(t) for t in ("Clara Venn", "Milhouse", "Zanzibar Moons")]
    n_requests = len(wiki.requests)
    digest = first.docstore.client.store.digest()
    wiki.down = True  # a colleague's re-run with the shared file: same pages, no request sent
    again = explorer(wiki.url, path)
    assert [again.search(t) for t in ("Clara Venn", "Milhouse", "Zanzibar Moons")] == seen
    assert len(wiki.requests) == n_requests and again.docstore.client.requests_sent == 0
    assert again.docstore.client.store.digest() == digest
    with pytest.raises(WikiUnavailable):  # an uncached request with the API down: an environment failure
        again.search("SS Brina")


async def test_oracle_scores_100_through_the_api_backend(wiki, tmp_path):
    task = HotpotQA({"hotpotqa": SAMPLE}, options={"wiki_url": wiki.url, "wiki_cache": str(tmp_path / "c.sqlite")})
    await task.start(RunContext())
    try:
        records = [await run_episode(task, s, OracleModel(), RunContext(), "all") for s in task.samples("all")]
    finally:
        await task.stop()
    assert [r.score for r in records] == [1.0] * 6, [r.error for r in records]
    observations = [r.trajectory[1].observation for r in records]
    assert all("Could not find" not in o for o in observations), observations
    assert "Marlow Clockworks is a clock maker founded in Eddington.It makes tower clocks." in observations[0]
    assert task.comparability() == [] and task.describe()["wikipedia"]["backend"] == "api"


async def test_an_api_error_answer_is_the_originals_search_failure(tmp_path):
    with FakeMediaWiki({}) as fake:
        task = HotpotQA({"hotpotqa": SAMPLE}, options={"wiki_url": fake.url.replace("api.php", "api.php?action=x"),
                                                       "wiki_cache": str(tmp_path / "c.sqlite")})
        await task.start(RunContext())
        try:
            env = task.make_env(task.samples("easy")[0], RunContext())
            env.reset()
            env.step("I search.")
            fake.answer = lambda p: {"error": {"code": "x", "info": "Pool queue is full"}}  # type: ignore[method-assign]
            result = env.step("Search[Eddington]")
        finally:
            await task.stop()
    assert result.observation.startswith(f"\nObservation 1: {SEARCH_FAILED}") and not result.invalid


async def test_the_api_going_down_mid_run_errors_the_sample(wiki, tmp_path):
    task = HotpotQA({"hotpotqa": SAMPLE}, options={"wiki_url": wiki.url, "wiki_cache": str(tmp_path / "c.sqlite")})
    await task.start(RunContext())
    try:
        wiki.down = True
        record = await run_episode(task, task.samples("easy")[0], OracleModel(), RunContext(), "easy")
    finally:
        await task.stop()
    assert record.status is Status.ERRORED and record.error_kind == "environment" and "503" in record.error


def _harness(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "harness.cli", *args], check=False, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HARNESS_DATA_MIRROR": "", **env}, cwd=REPO)


def test_cli_oracle_run_against_the_fake_records_the_cache(wiki, tmp_path):
    cache = tmp_path / "wiki.sqlite"
    out = tmp_path / "run"
    proc = _harness("run", "--model", "oracle", "--task", "hotpotqa", "--out", str(out),
                    "--task-opt", f"wiki_url={wiki.url}", "--task-opt", f"wiki_cache={cache}",
                    HARNESS_DATA_DIR=str(tmp_path / "data"))  # nothing pulled: the bundled sample
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((out / "summary.json").read_text())["tasks"]["hotpotqa"]
    assert summary["score"] == pytest.approx(100.0)
    reasons = summary["protocol"]["reasons"]
    assert reasons == ["bundled sample data, not the official set (run `harness data pull`)"]
    entry = next(t for t in json.loads((out / "manifest.json").read_text())["tasks"] if t["name"] == "hotpotqa")
    facts = entry["facts"]["wikipedia"]
    assert facts["api_url"] == wiki.url and facts["cache"] == str(cache) and len(facts["cache_digest_at_start"]) == 64
    assert ResponseStore(cache).__len__() > 0


def test_cli_unreachable_api_is_one_line_naming_the_corpus_backend(tmp_path):
    from tests.fakes.net import free_port

    url = f"http://127.0.0.1:{free_port()}/w/api.php"
    proc = _harness("run", "--model", "oracle", "--task", "hotpotqa", "--out", str(tmp_path / "run"),
                    "--task-opt", f"wiki_url={url}", "--task-opt", f"wiki_cache={tmp_path / 'c.sqlite'}",
                    HARNESS_DATA_DIR=str(tmp_path / "data"))
    assert proc.returncode == 2, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip() and not x.startswith("harness: warning:")]
    assert len(lines) == 1 and lines[0].startswith("harness: error: hotpotqa: the MediaWiki API"), proc.stderr
    assert "wiki=corpus" in lines[0] and "Traceback" not in proc.stderr
