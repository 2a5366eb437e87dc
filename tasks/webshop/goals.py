"""The human goals, built and ordered as the original server does (``get_human_goals`` + seed 233).

For every product (catalogue order) with human instructions, every instruction with at least one
attribute becomes a goal: the product's asin, category, query, name and product category, the
instruction (trailing dots stripped) plus ``", and price lower than X.00 dollars"``, its
attributes and options, and a price cap. The cap is the larger of two values drawn from the first
four multiples of 10 above the product's price (no cap, and no price text, when fewer than two
exist below 1,000). The goal list is then shuffled with ``random.seed(233)``; AgentBench.old's
std split is goals 0-199 of that order, dev is 200-279.
"""

from __future__ import annotations

import random
from typing import Any

from harness.errors import HarnessError
from tasks.webshop.catalog import HUMAN_GOALS_FILE, Catalog

PRICE_RANGE = [10.0 * i for i in range(1, 100)]
GOAL_SHUFFLE_SEED = 233
SPLITS = {"std": (0, 200), "dev": (200, 280)}
"""configs/tasks/webshop/{std,dev}.yaml: start/end goal indices."""


def human_goals(catalog: Catalog) -> list[dict[str, Any]]:
    """All goals in the original's shuffled order."""
    goals: list[dict[str, Any]] = []
    rng = random.Random()
    rng.setstate(catalog.rng_state_after_prices)
    for product in catalog.products:
        records = catalog.human_instructions.get(product["asin"])
        if not records:
            continue
        for n, record in enumerate(records):
            where = f"webshop: {HUMAN_GOALS_FILE}: {product['asin']} instruction {n}"
            if not isinstance(record, dict) or not isinstance(record.get("instruction"), str):
                raise HarnessError(f"{where} lacks an instruction text")
            attributes = record.get("instruction_attributes")
            options = record.get("instruction_options", [])
            if not isinstance(attributes, list) or not isinstance(options, (list, dict)):
                raise HarnessError(f"{where}: instruction_attributes / instruction_options must be lists")
            if not attributes:
                continue
            price = catalog.prices[product["asin"]]
            price_range = [p for p in PRICE_RANGE if p > price][:4]
            if len(price_range) >= 2:
                _, price_upper = sorted(rng.sample(price_range, 2))
                price_text = f", and price lower than {price_upper:.2f} dollars"
            else:
                price_upper, price_text = 1000000, ""
            goals.append(
                {
                    "asin": product["asin"],
                    "category": product["category"],
                    "query": product["query"],
                    "name": product["name"],
                    "product_category": product["product_category"],
                    "instruction_text": record["instruction"].strip(".") + price_text,
                    "attributes": attributes,
                    "price_upper": price_upper,
                    "goal_options": options,
                    "weight": 1,
                }
            )
    random.Random(GOAL_SHUFFLE_SEED).shuffle(goals)
    return goals


def split_range(split: str, n_goals: int) -> range:
    """The goal indices of a split (clipped to the goals there are)."""
    if split not in SPLITS:
        raise HarnessError(f"webshop: unknown split {split!r} (available: {', '.join(SPLITS)})")
    start, end = SPLITS[split]
    return range(min(start, n_goals), min(end, n_goals))
