"""The WebShop site for one shopper: pages, navigation, search and purchase.

This is the original's ``SimServer.receive`` + ``SimBrowser`` (web_agent_site/envs/
web_agent_text_env.py) rewritten: one session per episode, the same state (keywords, page,
asin, clicked asins, chosen options), the same page URLs (the page kind is read back from the
URL, as the original does), and the same transitions:

- ``search[kw]`` (from any page): results page 1 for ``kw``; clears the product and options;
- ``click[back to search]``: the search page, session reset;
- ``click[next >]`` / ``click[< prev]`` on results: the next / previous results page (Next is
  always offered, also past the last page);
- ``click[< prev]`` on an item page: back to the results page; on a sub page: back to the item;
- ``click[description|features|reviews|attributes]``: the product's sub page;
- ``click[buy now]``: the done page, the reward, the end of the episode;
- any other clickable: a product link opens the item page; an option sets ``options[name]``.

Special search prefixes of the original engine are kept: ``<r>`` 50 random products, ``<c> X``
the products of category X, ``<q> X`` the products of query X, ``<a> X`` the products with
attribute X (the original text environment crashes on ``<a>``: it never passes the attribute
map; here it works as the web app does).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from tasks.webshop import pages
from tasks.webshop.catalog import Catalog
from tasks.webshop.reward import purchase_reward
from tasks.webshop.text import Clickable

BASE_URL = "http://127.0.0.1:3000"
PRODUCT_WINDOW = 10
_PAGE_NAMES = ("search_results", "item_page", "item_sub_page", "done")


def page_name(url: str | None) -> str | None:
    """The page kind a URL points at (the original's ``get_page_name``: first name contained)."""
    if url is None:
        return None
    for name in _PAGE_NAMES:
        if name in url:
            return name
    return ""


@dataclass
class Purchase:
    asin: str
    options: dict[str, str]
    price: float
    reward: float
    info: dict[str, Any]


@dataclass
class Session:
    keywords: list[str] | None = None
    page: int | None = None
    asin: str | None = None
    asins: set[str] = field(default_factory=set)
    options: dict[str, str] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)

    def count(self, action: str) -> None:
        self.actions[action] = self.actions.get(action, 0) + 1


class ShopSite:
    """One shopper on the site, serving a goal. ``html`` and ``url`` are the current page."""

    def __init__(
        self, catalog: Catalog, goal: dict[str, Any], session_id: str, *, show_attrs: bool = False, seed: int = 0
    ):
        self.catalog = catalog
        self.goal = goal
        self.session_id = session_id
        self.show_attrs = show_attrs
        self.rng = random.Random(seed)
        self.session = Session()
        self.purchase: Purchase | None = None
        self.html = ""
        self.url: str | None = None
        self.reset()

    @property
    def instruction(self) -> str:
        return self.goal["instruction_text"]

    # -- pages -----------------------------------------------------------------------------------
    def reset(self) -> None:
        """The search page; the session starts over."""
        self.session = Session()
        self.html = pages.search_page(self.instruction)
        self.url = f"{BASE_URL}/{self.session_id}"

    def _results(self, keywords: list[str], page: int) -> None:
        session = self.session
        session.page, session.keywords = page, keywords
        session.count("search")
        session.asin, session.options = None, {}
        found = self._search(keywords)
        shown = found[(page - 1) * PRODUCT_WINDOW : page * PRODUCT_WINDOW]
        self.html = pages.results_page(self.instruction, shown, page, len(found))
        self.url = f"{BASE_URL}/search_results/{self.session_id}/{'+'.join(keywords)}/{page}"

    def _search(self, keywords: list[str]) -> list[dict[str, Any]]:
        products = self.catalog.products
        head = keywords[0] if keywords else ""
        if head == "<r>":
            return self.rng.sample(products, k=min(50, len(products)))
        if head == "<a>":
            asins = self.catalog.attribute_to_asins.get(" ".join(keywords[1:]).strip(), set())
            return [p for p in products if p["asin"] in asins]
        if head == "<c>":
            category = keywords[1].strip() if len(keywords) > 1 else ""
            return [p for p in products if p["category"] == category]
        if head == "<q>":
            query = " ".join(keywords[1:]).strip()
            return [p for p in products if p["query"] == query]
        return self.catalog.search(" ".join(keywords))

    def _item(self, name: str, clickable: Clickable | None) -> None:
        session = self.session
        if clickable is not None and clickable.kind == "link":
            session.asin = name.upper()
            session.count("asin")
            session.asins.add(session.asin)
        elif clickable is not None and clickable.option_name is not None:
            session.options[clickable.option_name.lower()] = name
            session.count("options")
        product = self.catalog.by_asin[session.asin]
        self.html = pages.item_page(self.instruction, product, self.show_attrs)
        self.url = (
            f"{BASE_URL}/item_page/{self.session_id}/{session.asin}/{'+'.join(session.keywords or [])}/"
            f"{session.page}/{json.dumps(session.options)}"
        )

    def _sub_page(self, name: str) -> None:
        which = next(sub for sub in pages.SUB_PAGES if sub.lower() == name.lower())
        session = self.session
        session.count(which)
        self.html = pages.sub_page(self.instruction, self.catalog.by_asin[session.asin], which)
        self.url = (
            f"{BASE_URL}/item_sub_page/{self.session_id}/{session.asin}/{'+'.join(session.keywords or [])}/"
            f"{session.page}/{which}/{session.options}"
        )

    def _buy(self) -> float:
        session = self.session
        session.count("purchase")
        product = self.catalog.by_asin[session.asin]
        price = self.catalog.prices[session.asin]
        reward, info = purchase_reward(product, self.goal, price, session.options)
        self.purchase = Purchase(session.asin, dict(session.options), price, reward, info)
        self.html = pages.done_page(session.asin, session.options, reward)
        self.url = f"{BASE_URL}/done/{self.session_id}/{session.asin}/{session.options}"
        return reward

    # -- actions ---------------------------------------------------------------------------------
    def search(self, text: str) -> None:
        """``search[text]``: the text is split on single spaces, as the original browser does."""
        self._results(text.split(" "), 1)

    def click(self, name: str, clickable: Clickable | None) -> float | None:
        """A click on a clickable of the current page; returns the reward when it was Buy Now."""
        name_low = name.lower()
        where = page_name(self.url)
        if name_low == pages.END_BUTTON.lower():
            return self._buy()
        if name_low == pages.BACK_TO_SEARCH.lower():
            self.reset()
        elif name_low == pages.NEXT_PAGE.lower() and where == "search_results":
            self._results(self.session.keywords or [""], (self.session.page or 1) + 1)
        elif name_low == pages.PREV_PAGE.lower() and where == "search_results":
            self._results(self.session.keywords or [""], (self.session.page or 1) - 1)
        elif name_low == pages.PREV_PAGE.lower() and where == "item_sub_page":
            self._item(name, clickable)
        elif name_low == pages.PREV_PAGE.lower() and where == "item_page":
            self._results(self.session.keywords or [""], self.session.page or 1)
        elif name_low in (sub.lower() for sub in pages.SUB_PAGES):
            self._sub_page(name)
        else:
            self._item(name, clickable)
        return None
