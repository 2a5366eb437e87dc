"""The product catalogue: the official WebShop files read as the original engine reads them.

Files (the official names; the bundled authored set uses the same names and schema):

- ``items_shuffle_1000.json`` (``items_shuffle.json`` for the full 1.18 M set): a list of scraped
  products with ``asin``, ``name``, ``full_description``, ``small_description`` (a list or a
  string), ``pricing`` (``"$12.99"``, ``"$9.99 - $19.99"``...), ``customization_options``
  (``{name: [{"value": ..., "image": ...}]}`` or null), ``images``, ``category``, ``query``,
  ``product_category`` (``"A › B › C"``);
- ``items_ins_v2_1000.json`` (``items_ins_v2.json``): ``{asin: {"attributes": [...], ...}}``;
- ``items_human_ins.json``: ``{asin: [{"instruction", "instruction_attributes",
  "instruction_options", ...}]}`` — the human goals.

Reading follows ``load_products`` in web_agent_site/engine/engine.py: products with an ``asin``
of "nan" or longer than 10 characters are skipped, as are repeated asins; the price tag is
``$p`` or ``$p0 to $p1`` from the numbers after each ``$``; option names and values are
lower-cased, values stripped with ``/`` shown as `` | ``; a product without an attribute entry
gets ``["DUMMY_ATTR"]``; there are no reviews and the rating is "N.A." (AgentBench.old's engine
leaves the review file out). The price a purchase is charged is the single price, or a uniform
draw inside a price range; the original draws it unseeded, here it comes from a generator seeded
with 233, so every run of the harness charges the same prices.

A malformed file is bad input: :class:`harness.errors.HarnessError` with one line naming it.
"""

from __future__ import annotations

import json
import random
import re
import threading
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from tasks.webshop.search import SearchIndex, document_text

PRICE_SEED = 233
"""Seed of the price draws (range prices, goal price caps); the original leaves them unseeded."""

PRODUCT_FILES = {"small": "items_shuffle_1000.json", "full": "items_shuffle.json"}
ATTRIBUTE_FILES = {"small": "items_ins_v2_1000.json", "full": "items_ins_v2.json"}
HUMAN_GOALS_FILE = "items_human_ins.json"


class MalformedProduct(Exception):
    """A product entry that cannot be read (reported with its file and position)."""


_REQUIRED = ("asin", "name", "full_description", "small_description", "images", "category", "query", "product_category")


def read_json(path: Path) -> Any:
    """A JSON file, or one clear line naming it."""
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise HarnessError(f"webshop: data file {path} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HarnessError(f"webshop: {path} is not valid JSON: {exc}") from None


def parse_pricing(pricing: Any) -> tuple[list[float], str]:
    """The prices and the price tag shown on the pages (``$12.99`` / ``$9.99 to $19.99``)."""
    if not pricing:
        return [100.0], "$100.0"
    if not isinstance(pricing, str):
        raise MalformedProduct(f"pricing must be a string like '$12.99', not {pricing!r}")
    try:
        prices = [float(Decimal(re.sub(r"[^\d.]", "", part))) for part in pricing.split("$")[1:]]
    except InvalidOperation:
        raise MalformedProduct(f"pricing {pricing!r} has no number after a '$'") from None
    if not prices:
        raise MalformedProduct(f"pricing {pricing!r} has no '$' price")
    if len(prices) == 1:
        return prices, f"${prices[0]}"
    return prices[:2], f"${prices[0]} to ${prices[1]}"


def parse_options(raw: Any) -> dict[str, list[str]]:
    """``customization_options`` -> {lower-cased name: [normalised values]}."""
    options: dict[str, list[str]] = {}
    if not raw:
        return options
    if not isinstance(raw, dict):
        raise MalformedProduct("customization_options must be an object or null")
    for name, contents in raw.items():
        if contents is None:
            continue
        if not isinstance(contents, list) or not all(
            isinstance(c, dict) and isinstance(c.get("value"), str) for c in contents
        ):
            raise MalformedProduct(f"option {name!r} must be a list of {{'value': str, 'image': ...}}")
        options[name.lower()] = [c["value"].strip().replace("/", " | ").lower() for c in contents]
    return options


def _product(raw: Any, attributes: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise MalformedProduct("is not an object")
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise MalformedProduct(f"lacks {', '.join(missing)}")
    for key in ("asin", "name", "full_description", "category", "query", "product_category"):
        if not isinstance(raw[key], str):
            raise MalformedProduct(f"{key} must be a string")
    bullets = raw["small_description"]
    bullets = bullets if isinstance(bullets, list) else [bullets]
    if not all(isinstance(b, str) for b in bullets):
        raise MalformedProduct("small_description must be a string or a list of strings")
    if not isinstance(raw["images"], list) or not raw["images"]:
        raise MalformedProduct("images must be a non-empty list")
    prices, price_tag = parse_pricing(raw.get("pricing"))
    entry = attributes.get(raw["asin"])
    product_attributes = entry["attributes"] if isinstance(entry, dict) and "attributes" in entry else ["DUMMY_ATTR"]
    return {
        "asin": raw["asin"],
        "name": raw["name"],
        "category": raw["category"],
        "query": raw["query"].lower().strip(),
        "product_category": raw["product_category"],
        "Title": raw["name"],
        "Description": raw["full_description"],
        "BulletPoints": bullets,
        "Reviews": [],
        "Rating": "N.A.",
        "pricing": prices,
        "Price": price_tag,
        "options": parse_options(raw.get("customization_options")),
        "Attributes": product_attributes,
        "MainImage": raw["images"][0],
    }


class Catalog:
    """Products by position and asin, purchase prices, and the search index (built on first use)."""

    def __init__(self, products: list[dict[str, Any]], human_instructions: dict[str, Any]):
        self.products = products
        self.by_asin = {p["asin"]: p for p in products}
        self.human_instructions = human_instructions
        rng = random.Random(PRICE_SEED)
        self.prices = {p["asin"]: self._price(rng, p["pricing"]) for p in products}
        self.rng_state_after_prices = rng.getstate()
        """The price generator continues into the goal price caps (goals.py), in the original's order."""
        self.attribute_to_asins: dict[str, set[str]] = defaultdict(set)
        for p in products:
            for attribute in p["Attributes"]:
                self.attribute_to_asins[attribute].add(p["asin"])
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    @staticmethod
    def _price(rng: random.Random, pricing: list[float]) -> float:
        return pricing[0] if len(pricing) == 1 else rng.uniform(*pricing[:2])

    @property
    def index(self) -> SearchIndex:
        with self._lock:
            if self._index is None:
                self._index = SearchIndex([document_text(p) for p in self.products])
            return self._index

    def search(self, query: str) -> list[dict[str, Any]]:
        return [self.products[i] for i in self.index.search(query)]


def load_catalog(directory: Path, size: str = "small") -> Catalog:
    """Read the three files of a catalogue directory (official or authored)."""
    products_path = directory / PRODUCT_FILES[size]
    attributes_path = directory / ATTRIBUTE_FILES[size]
    goals_path = directory / HUMAN_GOALS_FILE
    raw_products = read_json(products_path)
    attributes = read_json(attributes_path)
    human = read_json(goals_path)
    if not isinstance(raw_products, list):
        raise HarnessError(f"webshop: {products_path} must hold a list of products")
    if not isinstance(attributes, dict):
        raise HarnessError(f"webshop: {attributes_path} must map asins to attribute entries")
    if not isinstance(human, dict) or not all(isinstance(v, list) for v in human.values()):
        raise HarnessError(f"webshop: {goals_path} must map asins to lists of instructions")
    products: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_products):
        asin = raw.get("asin") if isinstance(raw, dict) else None
        if isinstance(asin, str) and (asin == "nan" or len(asin) > 10 or asin in seen):
            continue
        try:
            product = _product(raw, attributes)
        except MalformedProduct as exc:
            raise HarnessError(f"webshop: {products_path}: product {i} ({asin or '?'}) {exc}") from None
        seen.add(product["asin"])
        products.append(product)
    return Catalog(products, human)
