"""WebShop's reward: fuzzy matching, colour normalisation, type reward, the whole formula (hand-checked)."""

from __future__ import annotations

import pytest

from tasks.webshop.fuzzy import full_process, ratio, token_set_ratio
from tasks.webshop.reward import (
    attribute_matches,
    normalize_color,
    option_matches,
    purchase_reward,
    type_reward,
)


def test_full_process_drops_latin1_high_characters_and_punctuation():
    assert full_process("L'Eau  D'Issey!") == "l eau  d issey"
    assert full_process("café") == "caf"  # é is U+00E9: dropped, as thefuzz's force_ascii does
    assert full_process("中文") == "中文"  # above U+00FF: kept


def test_ratio_is_difflib_rounded():
    assert ratio("abc", "abc") == 100
    assert ratio("", "abc") == 0
    # difflib: 2 * 3 matches / 7 characters = 85.71 -> 86
    assert ratio("abcd", "abc") == 86


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("essential oil", "essential oils", 96),  # 'essential' common; "essential oil" vs "essential oils"
        ("tea tree", "tea tree", 100),
        ("powder snow", "cool powder snow", 100),  # one token set contains the other
        ("grey", "xl", 0),
        ("", "xl", 0),
    ],
)
def test_token_set_ratio_hand_checked(a, b, expected):
    assert token_set_ratio(a, b) == expected


def test_normalize_color_takes_the_first_contained_colour():
    assert normalize_color("navy blue") == "blue"  # "blue" comes before "navy" in COLOR_SET
    assert normalize_color("standard") == "tan"  # substring match, a quirk of the original
    assert normalize_color("32w x 32l") == "32w x 32l"


def test_option_matches_upstream_cases():
    # the cases of WebShop's tests/web-agent-site/engine/test_goal.py
    assert option_matches(["pack of 12", "grey", "XL"], ["grey", "XL", "pack of 12"]) == 3
    assert option_matches(["pack of 12", "blue", "XL"], ["grey", "XL", "pack of 12"]) == 2
    assert option_matches(["pack of 12", "powder snow", "XL"], ["cool powder snow", "XL", "pack of 12"]) == 3
    assert option_matches(["goal 1", "goal 2"], []) == 0


def test_attribute_matches_upstream_cases():
    goal = ["tea tree", "essential oils", "natural ingredients"]
    empty = {"Title": "", "BulletPoints": [], "Description": ""}
    assert attribute_matches({**empty, "Attributes": ["tea tree", "essential oil", "natural ingredients"]}, goal) == 3
    assert attribute_matches({**empty, "Attributes": ["essential oil", "natural ingredients"]}, goal) == 2
    in_text = {
        "Attributes": [],
        "Title": "",
        "BulletPoints": ["This shampoo has essential oils and smells like lemons"],
        "Description": "Best shampoo on the market, made with natural ingredients",
    }
    assert attribute_matches(in_text, goal) == 2
    unrelated = {
        "Attributes": ["tea bag", "earl gray", "lipton"],
        "Title": "English tea for breakfast",
        "BulletPoints": ["Soothing aroma", "Calming, great feeling"],
        "Description": "Best tea made by Lipton, great to pair with breakfast",
    }
    assert attribute_matches(unrelated, goal) == 0


def test_type_reward_category_levels_upstream_cases():
    goal = {"query": "Query 1", "product_category": "a › b › c", "name": "Name 1"}
    product = dict(goal)
    info = type_reward(product, goal)
    assert (info["r_type"], info["query_match"], info["category_match"], info["title_score"]) == (1.0, True, True, 1.0)
    for category, matches in [
        ("b › c › a", True),
        ("d › e › f", False),
        ("a › d › b", True),
        ("a › a › b", True),
        ("a › a › d", False),
    ]:
        assert (
            type_reward({**product, "query": "Query 2", "product_category": category}, goal)["category_match"]
            is matches
        )


def test_type_reward_buckets():
    goal = {"query": "q", "product_category": "A › B", "name": "Leather Wallet"}
    # no query, no category, half the goal's nouns: 0.5 > 0.2 -> 1.0
    assert type_reward({"query": "x", "product_category": "C › D", "name": "Leather Belt"}, goal)["r_type"] == 1.0
    # no noun in common -> 0.0, whatever the query says
    assert type_reward({"query": "q", "product_category": "A › B", "name": "Coffee Mug"}, goal)["r_type"] == 0.0
    # 1 of 5 goal nouns (0.2, not > 0.2), no query or category match -> 0.5
    goal5 = {"query": "q", "product_category": "A › B", "name": "Wallet Card Holder Strap Pouch"}
    assert type_reward({"query": "x", "product_category": "C › D", "name": "Pouch"}, goal5)["r_type"] == 0.5
    # a goal name without nouns counts as 0.2 (the query match then keeps 1.0)
    assert (
        type_reward({"query": "q", "product_category": "C", "name": "Mug"}, {**goal, "name": "the and of"})["r_type"]
        == 1.0
    )


def _product(**overrides):
    product = {
        "asin": "B0TEST0001",
        "name": "Leather Wallet",
        "Title": "Leather Wallet",
        "query": "leather wallet",
        "product_category": "Fashion › Wallets",
        "Attributes": ["rfid blocking", "genuine leather"],
        "BulletPoints": ["Slim"],
        "Description": "A wallet.",
    }
    product.update(overrides)
    return product


def test_purchase_reward_hand_computed():
    goal = {
        "query": "leather wallet",
        "product_category": "Fashion › Wallets",
        "name": "Leather Wallet",
        "attributes": ["rfid blocking", "zip pocket"],
        "goal_options": ["red", "large"],
        "price_upper": 30.0,
    }
    # 1 of 2 attributes, 1 of 2 options, price under the cap: (1 + 1 + 1) / (2 + 2 + 1)
    reward, info = purchase_reward(_product(), goal, 22.5, {"color": "red", "size": "small"})
    assert reward == pytest.approx(3 / 5)
    assert info["r_att"] == 0.5 and info["r_option"] == 0.5 and info["r_price"] is True and info["r_type"] == 1.0
    # over the cap: (1 + 1 + 0) / 5
    assert purchase_reward(_product(), goal, 30.01, {"color": "red", "size": "small"})[0] == pytest.approx(2 / 5)
    # everything: 1.0
    full = _product(Attributes=["rfid blocking", "zip pocket"])
    assert purchase_reward(full, goal, 30.0, {"color": "bright red", "size": "large"})[0] == 1.0
    # ...but "dark red" normalises to "dark" (listed before "red"): the colour option is missed
    assert purchase_reward(full, goal, 30.0, {"color": "dark red", "size": "large"})[0] == pytest.approx(4 / 5)
    # the wrong kind of product (no noun in common, no query or category match): 0
    mug = _product(name="Coffee Mug", Title="Coffee Mug", query="mug", product_category="Kitchen › Mugs")
    assert purchase_reward(mug, goal, 10.0, {"color": "red"})[0] == 0.0
