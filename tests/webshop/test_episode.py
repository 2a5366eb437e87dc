"""Episodes through the page renderer: actions, navigation, the end of an episode and its score."""

from __future__ import annotations

import pytest

from harness.task import Status
from tasks.webshop.env import WebShopEnv, parse_action, parse_response

SHOES_GOAL = 19  # "men's running shoes with a rubber sole in navy blue, size 10", cap 80, B0AF200001 at $54.99


def say(action: str) -> str:
    return f"Thought:\nI think so.\n\nAction:\n{action}"


@pytest.fixture
def env(catalog, goals):
    assert goals[SHOES_GOAL]["asin"] == "B0AF200001"
    env = WebShopEnv(catalog, goals[SHOES_GOAL], SHOES_GOAL)
    env.reset()
    return env


def test_response_parsing_follows_the_original_regex():
    assert parse_response("Thought:\nx\n\nAction:\nsearch[red shoes]") == "search[red shoes]"
    assert parse_response("action:  \n  click[Buy Now] trailing") == "click[Buy Now]"
    assert parse_response("Action: click[Buy Now]") is None  # the action must start on the next line
    assert parse_response("Action:\nbuy[it]") is None
    assert parse_response("Action:\nsearch[]") is None
    assert parse_response("Action:\nsearch[a [b] c]") == "search[a [b]"  # non-greedy up to the first ]
    assert parse_action("search[a [b]") == ("search[a ", "b")  # ...which the engine reads greedily
    assert parse_action("click") == ("click", None)


def test_purchase_with_the_goal_options_scores_one(env):
    steps = [
        "search[men's running shoes rubber sole navy]",
        "click[B0AF200001]",
        "click[navy blue]",
        "click[10]",
        "click[Description]",
        "click[< Prev]",
        "click[Buy Now]",
    ]
    for action in steps[:-1]:
        result = env.step(say(action))
        assert not result.done and not result.invalid, action
        assert result.observation.startswith("Observation:\nInstruction: [SEP] ")
        assert "\n\nAvailable Actions:\n{'has_search_bar': False, 'clickables': [" in result.observation
    assert env.site.session.options == {"color": "navy blue", "size": "10"}
    final = env.step(say(steps[-1]))
    assert final.done and final.status is Status.COMPLETED and final.reward == 1.0
    assert final.observation.startswith("Thank you for shopping with us! [SEP] Your code: [SEP] None [SEP] ")
    score = env.evaluate(Status.COMPLETED)
    assert score.score == 1.0
    assert score.metrics["rounds"] == 7 and score.metrics["purchased_options"] == {"color": "navy blue", "size": "10"}


def test_wrong_size_and_colour_lose_the_option_share(env):
    for action in ["search[running shoes]", "click[b0af200001]", "click[grey]", "click[8]", "click[buy now]"]:
        result = env.step(say(action))
    # 1 attribute + 0 of 2 options + price under the cap, over 1 + 2 + 1
    assert result.done and result.reward == pytest.approx(2 / 4)


def test_options_replace_within_a_group_and_reset_on_a_new_search(env):
    env.step(say("search[running shoes]"))
    env.step(say("click[b0af200001]"))
    env.step(say("click[grey]"))
    env.step(say("click[navy blue]"))
    assert env.site.session.options == {"color": "navy blue"}
    env.step(say("search[hiking boots]"))  # search is allowed on any page; options are cleared
    assert env.site.session.options == {} and env.site.session.asin is None


def test_invalid_clicks_do_nothing_and_are_counted(env):
    first = env.observation()
    for action in ["click[Buy Now]", "click[search]", "click[nothing here]", "click[B0AF200001]"]:
        result = env.step(say(action))
        assert not result.done and result.invalid
        assert env.observation() == first
    assert env.evaluate(Status.TASK_LIMIT_REACHED).metrics["invalid_actions"] == 4


def test_pagination_back_and_prev(env):
    env.step(say("search[size]"))  # 25 results on the authored catalogue
    assert "Page 1 (Total results: 25) [SEP] Next > [SEP] " in env.observation()
    assert "< prev" not in env.available_actions()["clickables"]
    env.step(say("click[Next >]"))
    env.step(say("click[Next >]"))
    assert "Page 3 (Total results: 25) [SEP] < Prev [SEP] Next > [SEP] " in env.observation()
    page3 = env.observation()
    asin = env.available_actions()["clickables"][3]
    env.step(say(f"click[{asin}]"))
    assert env.page() == "item_page"
    env.step(say("click[< Prev]"))  # item page -> the same results page
    assert env.observation() == page3
    env.step(say("click[Next >]"))  # past the last page: an empty page, Next still offered
    assert env.observation().endswith("Page 4 (Total results: 25) [SEP] < Prev [SEP] Next >")
    env.step(say("click[Back to Search]"))
    assert env.available_actions() == {"has_search_bar": True, "clickables": ["search"]}


def test_format_failure_ends_the_episode_with_zero(env):
    env.step(say("search[running shoes]"))
    result = env.step("I will click Buy Now. Action: click[Buy Now]")
    assert result.done and result.status is Status.INVALID_FORMAT and result.reward == 0.0
    metrics = env.evaluate(Status.INVALID_FORMAT).metrics
    assert metrics["format_fail"] is True and metrics["reward"] == 0.0 and metrics["rounds"] == 2


def test_special_search_prefixes(env):
    env.step(say("search[<c> food]"))
    assert "(Total results: 12)" in env.observation()  # every product of the category
    env.step(say("search[<q> coffee beans]"))
    assert "(Total results: 2)" in env.observation()
    env.step(say("search[<a> rubber sole]"))
    assert "(Total results: 3)" in env.observation()
