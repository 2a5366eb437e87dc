"""WebArena's evaluators: string_match (exact, must_include, fuzzy via the judge), url_match,
program_html on live pages of the local site, and the site helpers against its REST routes."""

import pytest

from tasks.webarena import evaluators, site_helpers
from tasks.webarena.configs import parse_config
from tests.webarena.conftest import ScriptedJudge, needs_chromium


def config(eval_types, **ev):
    return parse_config({"task_id": 1, "start_url": "http://x", "intent": "What is the price?", "eval": {"eval_types": eval_types, **ev}})


async def test_exact_and_must_include():
    exact = config(["string_match"], reference_answers={"exact_match": "$34.99"})
    assert await evaluators.string_match(exact, "$34.99", None, {}) == 1.0
    assert await evaluators.string_match(exact, '"$34.99"', None, {}) == 1.0  # one pair of quotes removed
    assert await evaluators.string_match(exact, "It is $34.99", None, {}) == 0.0
    must = config(["string_match"], reference_answers={"must_include": ["Slate", "Coral"]})
    assert await evaluators.string_match(must, "slate and CORAL", None, {}) == 1.0  # lower-cased
    assert await evaluators.string_match(must, "Slate", None, {}) == 0.0


async def test_fuzzy_match_asks_the_judge_with_the_original_prompt():
    fuzzy = config(["string_match"], reference_answers={"fuzzy_match": ["about 30 hours"]})
    judge = ScriptedJudge(lambda text: "Yes, it would.")
    log = {}
    assert await evaluators.string_match(fuzzy, "The battery lasts 30 Hours", judge, log) == 1.0
    request = judge.requests[0]
    assert [m.role for m in request.messages] == ["system", "user"]
    assert request.messages[0].content == "You are a helpful assistant"
    assert request.messages[1].content == (
        'Given the statement "the battery lasts 30 hours", would it be correct to infer "about 30 hours"? Yes or No'
    )
    assert request.params.temperature == 0.0 and request.params.max_new_tokens == 16
    assert log["fuzzy_match"][0]["judge"] == "Yes, it would."
    no = ScriptedJudge(lambda text: "yes")  # "Yes" must appear with its capital, as the original tests
    assert await evaluators.string_match(fuzzy, "maybe a day", no, {}) == 0.0
    silent = ScriptedJudge()
    assert await evaluators.string_match(fuzzy, "About 30 hours", silent, {}) == 1.0 and not silent.requests
    with pytest.raises(RuntimeError):
        await evaluators.string_match(fuzzy, "a day", None, {})


def test_url_match():
    exact = config(["url_match"], reference_url="http://s/a/ |OR| http://s/b")
    assert evaluators.url_match(exact, "http://s/a") == 1.0
    assert evaluators.url_match(exact, "http://s/b/") == 1.0
    assert evaluators.url_match(exact, "http://s/b?x=1") == 0.0
    gold = config(["url_match"], reference_url="http://s/search?q=wool+socks", url_note="GOLD in PRED")
    assert evaluators.url_match(gold, "http://s/search?q=wool+socks&page=2") == 1.0
    assert evaluators.url_match(gold, "http://s/search?q=wool") == 0.0


def test_reddit_post_url_and_helper_calls():
    assert site_helpers.reddit_get_post_url("http://h:9/f/books/500/a-title") == "http://h:9/f/books/500/"
    assert site_helpers.reddit_get_post_url("http://h:9/user/x") == "http://h:9/user/x"
    assert site_helpers.parse_call("gitlab_get_project_memeber_role(__page__, 'yjlou')", site_helpers.LOCATOR_FUNCS) == (
        "gitlab_get_project_memeber_role", ["__page__", "yjlou"])
    for bad in ("__import__('os').system('x')", "reddit_get_post_url(page.url)", "shopping_get_latest_order_url"):
        with pytest.raises(ValueError):
            site_helpers.parse_call(bad, site_helpers.URL_FUNCS)


async def test_shopping_rest_helpers_against_the_local_shop(local_sites):
    shop = local_sites.shopping
    assert await site_helpers.shopping_get_latest_order_url(shop) == f"{shop}/sales/order/view/order_id/170/"
    assert await site_helpers.shopping_get_sku_latest_review_author(shop, "ZEP-WH-2") == "Lee W."
    assert await site_helpers.shopping_get_sku_latest_review_rating(shop, "ZEP-WH-2") == "80"
    assert await site_helpers.shopping_get_sku_latest_review_author(shop, "NIM-BP-3") == ""


@needs_chromium
async def test_program_html_on_live_pages(local_sites):
    from tasks.webarena.browser import Chromium, Session

    reddit = local_sites.reddit
    chromium = Chromium()
    session = await Session.open(chromium, [f"{reddit}/f/books/201/what-are-you-reading-this-month"], None, None, 0)
    try:
        page = session.page
        post = config(["program_html"], program_html=[
            {"url": "func:reddit_get_post_url('__last_url__')", "locator": "document.querySelector('.submission__inner').outerText",
             "required_contents": "nothing here |OR| What are you READING this month?"},
            {"url": "last", "locator": "", "required_contents": "Re-reading Dune."},
        ])  # fmt: skip
        log = {}
        assert await evaluators.program_html(post, page, None, 0, log) == 1.0
        assert page.url == f"{reddit}/f/books/201/"  # it navigated to the post URL the helper made
        missing = config(["program_html"], program_html=[
            {"url": f"{reddit}/f/gaming", "locator": "document.querySelector('.no-such').outerText", "required_contents": ""},
        ])  # fmt: skip
        log = {}
        assert await evaluators.program_html(missing, page, None, 0, log) == 1.0  # '' is in '' (failing locator)
        wrong = config(["url_match", "program_html"], reference_url=f"{reddit}/f/gaming", program_html=[
            {"url": "last", "locator": "document.querySelector('h1').outerText", "required_contents": "cooking"},
        ])  # fmt: skip
        score, details = await evaluators.evaluate(wrong, "", page, None, None, 0)
        assert score == 0.0 and details["url_match"] == 1.0 and details["program_html"] == 0.0
    finally:
        await session.close()
        await chromium.close()
