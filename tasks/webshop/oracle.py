"""The scripted buyer: the oracle's policy, acting on the live site like a shopper who knows the goal.

It reads the current page from its environment, never the conversation:

1. on the search page, search the goal's scraping query (``goal["query"]``); on a results page
   without the target, go to the next page while the results last and the round budget allows
   the rest of the purchase, else search the target's title;
2. on a results page listing the target, open it (``click[<asin>]``);
3. on the target's page, choose each goal option (the product option the reward would match:
   equal after lower-casing, else the best ``token_set_ratio`` above 85), then ``click[Buy Now]``;
4. anywhere else (another product, a sub page), go back (``click[< Prev]``).

Answers use the prompt's format (``Thought:`` ... ``Action:`` newline action). The policy's
account names why a purchase scored under 1: a goal option the product does not offer, a goal
attribute the product lacks, a price over the cap, a type mismatch — defects of the goal data,
not of the environment; on the authored catalogue every goal scores 1.0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from harness.model import Message
from harness.task import OracleAccount, OraclePolicy, SampleScore, Status
from tasks.webshop.env import MAX_ROUNDS, WebShopEnv
from tasks.webshop.fuzzy import token_set_ratio
from tasks.webshop.reward import MATCH_THRESHOLD, attribute_matches, normalize_color, type_reward

_BRACKETS = re.compile(r"[\[\]]")


def answer(thought: str, action: str) -> str:
    return f"Thought:\nI think {thought}\n\nAction:\n{action}"


def pick_option(wanted: str, offered: Sequence[str]) -> str | None:
    """The offered option value a goal option is best served by (None: nothing matches)."""
    low = str(wanted).lower()
    for value in offered:
        if value == low:
            return value
    goal_norm = normalize_color(low)
    scored = [(token_set_ratio(normalize_color(v), goal_norm), -n, v) for n, v in enumerate(offered)]
    best = max(scored, default=None)
    return best[2] if best is not None and best[0] > MATCH_THRESHOLD else None


class ScriptedBuyer(OraclePolicy):
    """Gold outputs computed from the live page of one :class:`WebShopEnv`."""

    def __init__(self, env: WebShopEnv):
        self.env = env
        self.goal = env.goal
        self.target = env.goal["asin"]
        self.searches = 0

    def _rounds_left(self) -> int:
        return MAX_ROUNDS - self.env.rounds

    def _goal_options(self) -> list[Any]:
        options = self.goal["goal_options"]
        return list(options.values()) if isinstance(options, dict) else list(options)

    def _needed_after_open(self) -> int:
        """Rounds the purchase still needs once the target is open: options + Buy Now."""
        return len(self._goal_options()) + 1

    def _search(self) -> str:
        product = self.env.catalog.by_asin.get(self.target)
        if self.searches == 0:
            query = self.goal["query"]
        else:
            query = product["Title"] if product is not None else self.goal["name"]
        self.searches += 1
        query = _BRACKETS.sub(" ", query).strip() or self.goal["name"]
        return answer("I should search for the product the instruction describes.", f"search[{query}]")

    async def aact(self, history: Sequence[Message]) -> str:
        return await self.env.call(self.act, history)

    def act(self, history: Sequence[Message] = ()) -> str:
        """The next gold answer for the current page."""
        env = self.env
        page = env.page()
        _, clickables = env.clickables()
        if page == "search_results":
            asin = self.target.lower()
            if asin in clickables:
                return answer(f"{self.target} is the product I need.", f"click[{asin}]")
            session = env.site.session
            shown_all = (session.page or 1) * 10 >= self._total_results()
            budget = self._rounds_left() - 1 - 1 - self._needed_after_open()  # next page, open, options, buy
            if "next >" in clickables and not shown_all and budget >= 0:
                return answer("the product may be on the next page.", "click[Next >]")
            return self._search()
        if page == "item_page" and env.site.session.asin == self.target:
            chosen = env.site.session.options
            for name, value in self.option_plan().items():
                if chosen.get(name) != value and value in clickables:
                    return answer(f"I should choose the option '{value}'.", f"click[{value}]")
            return answer("the product and its options match the instruction.", "click[Buy Now]")
        if page in ("item_page", "item_sub_page") and "< prev" in clickables:
            return answer("this is not the product I need.", "click[< Prev]")
        return self._search()

    def option_plan(self) -> dict[str, str]:
        """Option group -> value serving each goal option (each group used once, first fit)."""
        product = self.env.catalog.by_asin[self.target]
        plan: dict[str, str] = {}
        for wanted in self._goal_options():
            for name, values in product["options"].items():
                if name in plan:
                    continue
                value = pick_option(wanted, values)
                if value is not None:
                    plan[name] = value
                    break
        return plan

    def _total_results(self) -> int:
        match = re.search(r"\(Total results: (\d+)\)", self.env.site.html)
        return int(match.group(1)) if match else 0

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        """Whether the goal can score 1: the reasons it cannot are defects of the goal data."""
        if score.score >= 1.0:
            return OracleAccount()
        reasons = self.defects()
        if reasons:
            return OracleAccount(solvable=False, reason="data_defect", detail={"defects": reasons})
        return OracleAccount(detail={"note": "no data defect found: the scripted buyer missed"})

    def defects(self) -> list[str]:
        """What in the goal data keeps a purchase of the target from scoring 1."""
        product = self.env.catalog.by_asin.get(self.target)
        if product is None:
            return ["the target product is not in the catalogue"]
        reasons = []
        for wanted in self._goal_options():
            if all(pick_option(wanted, values) is None for values in product["options"].values()):
                reasons.append(f"goal option {wanted!r} is not an option of the target product")
        if attribute_matches(product, self.goal["attributes"]) < len(self.goal["attributes"]):
            reasons.append("a goal attribute is not found in the target product")
        if self.env.catalog.prices[self.target] > self.goal["price_upper"]:
            reasons.append("the target's price is over the goal's cap")
        if type_reward(product, self.goal)["r_type"] < 1.0:
            reasons.append("the type reward of the target itself is under 1")
        return reasons
