"""WebShop's reward for a purchase (``get_reward`` in web_agent_site/engine/goal.py), rewritten.

    reward = (matched attributes + matched options + [price <= price_upper])
             / (#goal attributes + #goal options + 1)  x  r_type

- an attribute matches when some product attribute has ``token_set_ratio > 85`` with it, or when
  it occurs (case-sensitively, as the goal writes it) in the lower-cased title, bullet points or
  description;
- an option matches when some chosen option value, both passed through ``normalize_color`` (the
  first colour word *contained* in the string, else the string), has ``token_set_ratio > 85``;
- r_type: 1.0 when the product and the goal share the scraping query, or at least two
  ``›``-separated category levels, or more than 20 % of the goal title's nouns; else 0.5; then
  0.1 when the noun overlap is under 10 %, and 0.0 when it is zero (a goal title without nouns
  counts as 20 %).

The quirks are kept on purpose (they are the metric): colour normalisation by substring ("tan" in
"standard"), attribute substring search without lower-casing the goal attribute, nouns counted
with duplicates for the denominator but as a set for the overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tasks.webshop.fuzzy import token_set_ratio
from tasks.webshop.nouns import title_nouns

# Protocol data: engine/normalize.py COLOR_SET, in its order (the first contained colour wins).
COLOR_SET = (
    "alabaster", "apricot", "aqua", "ash", "asphalt", "azure",
    "banana", "beige", "black", "blue", "blush", "bordeaux", "bronze",
    "brown", "burgundy", "camel", "camo", "caramel", "champagne",
    "charcoal", "cheetah", "chestnut", "chocolate", "christmas", "coffee",
    "cognac", "copper", "coral", "cranberry", "cream", "crystal", "dark",
    "denim", "eggplant", "elephant", "espresso", "fuchsia", "gold", "granite",
    "grape", "graphite", "grass", "gray", "green", "grey", "heather", "indigo",
    "ivory", "ivy", "khaki", "lavender", "lemon", "leopard", "light", "lilac",
    "lime", "magenta", "maroon", "mauve", "merlot", "midnight", "mint", "mocha",
    "multicolor", "mushroom", "mustard", "natural", "navy", "nude", "olive",
    "orange", "peach", "pewter", "pink", "plum", "purple", "rainbow", "red",
    "rose", "royal", "rust", "sand", "sapphire", "seashell", "silver", "skull",
    "slate", "steel", "stone", "stonewash", "sunflower", "tan", "taupe", "teal",
    "tiger", "turquoise", "violet", "walnut", "wheat", "white", "wine", "yellow",
)  # fmt: skip

MATCH_THRESHOLD = 85


def normalize_color(value: Any) -> Any:
    """The first colour of COLOR_SET contained in ``value`` (``in``: substring for strings,
    membership for the (name, value) pairs of dict-shaped goal options), else ``value``."""
    for color in COLOR_SET:
        if color in value:
            return color
    return value


def type_reward(product: Mapping[str, Any], goal: Mapping[str, Any]) -> dict[str, Any]:
    """r_type and its parts (query match, category match, title noun overlap)."""
    query_match = product["query"] == goal["query"]
    bought_levels = {x.strip() for x in product["product_category"].split("›")}
    goal_levels = {x.strip() for x in goal["product_category"].split("›")}
    category_match = len(bought_levels & goal_levels) >= 2
    bought_nouns = title_nouns(product["name"])
    goal_nouns = title_nouns(goal["name"])
    if not goal_nouns:
        title_score = 0.2
    else:
        title_score = len(set(bought_nouns) & set(goal_nouns)) / len(goal_nouns)
    r_type = 1.0
    if not (query_match or category_match or title_score > 0.2):
        r_type = 0.5
    if title_score < 0.1:
        r_type = 0.1
    if title_score == 0.0:
        r_type = 0.0
    return {"r_type": r_type, "query_match": query_match, "category_match": category_match, "title_score": title_score}


def attribute_matches(product: Mapping[str, Any], goal_attributes: Sequence[str]) -> int:
    """How many goal attributes the product has (fuzzy over its attributes, else a substring)."""
    matches = 0
    for wanted in goal_attributes:
        if any(token_set_ratio(have, wanted) > MATCH_THRESHOLD for have in product["Attributes"]) or (
            wanted in product["Title"].lower()
            or wanted in " ".join(product["BulletPoints"]).lower()
            or wanted in product["Description"].lower()
        ):
            matches += 1
    return matches


def option_matches(chosen: Iterable[Any], goal_options: Iterable[Any]) -> int:
    """How many goal options some chosen option value matches (after colour normalisation)."""
    chosen_norm = [normalize_color(o) for o in chosen]
    matches = 0
    for wanted in (normalize_color(o) for o in goal_options):
        if any(token_set_ratio(have, wanted) > MATCH_THRESHOLD for have in chosen_norm):
            matches += 1
    return matches


def purchase_reward(
    product: Mapping[str, Any], goal: Mapping[str, Any], price: float, options: Mapping[str, str]
) -> tuple[float, dict[str, Any]]:
    """The reward of buying ``product`` at ``price`` with the chosen ``options``, and its parts."""
    type_info = type_reward(product, goal)
    goal_options = goal["goal_options"]
    goal_option_list = list(goal_options.items()) if isinstance(goal_options, Mapping) else list(goal_options)
    r_price = price <= goal["price_upper"]
    n_attr = attribute_matches(product, goal["attributes"])
    n_opt = option_matches(list(options.values()), goal_option_list)
    denominator = len(goal["attributes"]) + len(goal_option_list) + 1
    reward = (n_attr + n_opt + r_price) / denominator * type_info["r_type"]
    info: dict[str, Any] = {
        **type_info,
        "r_att": n_attr / len(goal["attributes"]) if goal["attributes"] else None,
        "w_att": len(goal["attributes"]) / denominator,
        "r_price": r_price,
        "w_price": 1 / denominator,
    }
    if goal_option_list:
        info["r_option"] = n_opt / len(goal_option_list)
        info["w_option"] = len(goal_option_list) / denominator
    return reward, info
