"""One WebShop episode with AgentBench.old's interaction loop (``predict`` in
``src/tasks/webshop/__init__.py``) as an :class:`harness.task.Env`.

Per round (at most 10): the user turn ``Observation:\\n<page text>\\n\\nAvailable Actions:\\n<dict>``;
the agent's answer must contain ``Action:`` followed by a newline and ``search[...]`` or
``click[...]`` (``[Aa]ction: *\\n *((search|click)\\[.+?])``), else the episode ends at once with
reward 0 (``format_fail``). The action then goes to the text environment: ``search[kw]`` with a
non-empty keyword runs a search from any page; ``click[x]`` acts when ``x`` (lower-cased) is one
of the page's clickables other than ``search``; anything else does nothing (the same page comes
back). Clicking Buy Now ends the episode with the purchase's reward. The score is the reward of
the last step: 0 unless something was bought.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench import agentbench_trim
from tasks.webshop.catalog import Catalog
from tasks.webshop.prompt import first_messages, observation_message
from tasks.webshop.site import ShopSite, page_name
from tasks.webshop.text import Clickable, Element, available_actions, parse, rich_text, simple_text

MAX_ROUNDS = 10
"""``for j in range(10)`` in the original loop."""

ACTION_RE = re.compile(r"[Aa]ction: *\n *((search|click)\[.+?])")
ENGINE_ACTION_RE = re.compile(r"(.+)\[(.+)\]")

ObservationMode = Literal["text", "text_rich"]


def parse_response(text: str) -> str | None:
    """The action of an agent answer (``search[...]`` / ``click[...]``), or None (format failure)."""
    match = ACTION_RE.search(text)
    return match.group(1) if match else None


def parse_action(action: str) -> tuple[str, str | None]:
    """The engine's split of an action into name and argument (greedy, as the original)."""
    match = ENGINE_ACTION_RE.match(action)
    if match is None:
        return action, None
    return match.group(1), match.group(2)


class WebShopEnv(Env):
    """A shopper on the site for one goal. The site is an in-memory engine over the catalog loaded
    at the task's start (search, page rendering and parsing: 0.05-2 ms a call): ``light``."""

    light = True

    def __init__(
        self,
        catalog: Catalog,
        goal: dict[str, Any],
        goal_index: int,
        *,
        mode: ObservationMode = "text",
        show_attrs: bool = False,
    ):
        self.catalog = catalog
        self.goal = goal
        self.goal_index = goal_index
        self.mode = mode
        self.show_attrs = show_attrs
        self.site: ShopSite | None = None
        self.rounds = 0
        self.format_fail = False
        self.invalid_actions = 0
        self._tree: tuple[str, Element] | None = None

    # -- the page as the agent sees it -------------------------------------------------------------
    def tree(self) -> Element:
        """The current page parsed, once per page (a step reads it up to three times: the
        clickables before the action, the observation and the available actions after it)."""
        assert self.site is not None
        html = self.site.html
        if self._tree is None or self._tree[0] is not html:
            self._tree = (html, parse(html))
        return self._tree[1]

    def observation(self) -> str:
        assert self.site is not None
        root = self.tree()
        if self.mode == "text_rich":
            return rich_text(root, self.site.url or "", self.site.session.asins)
        return simple_text(root)

    def clickables(self) -> tuple[bool, dict[str, Clickable]]:
        return available_actions(self.tree())

    def available_actions(self) -> dict[str, Any]:
        """The dict the original prints: ``{'has_search_bar': ..., 'clickables': [...]}``."""
        has_search_bar, clickables = self.clickables()
        return {"has_search_bar": has_search_bar, "clickables": list(clickables)}

    def page(self) -> str | None:
        """The kind of the current page: "" (search), search_results, item_page, item_sub_page, done."""
        return page_name(self.site.url) if self.site is not None else None

    # -- the episode ---------------------------------------------------------------------------------
    def reset(self) -> list[Message]:
        self.site = ShopSite(
            self.catalog, self.goal, str(self.goal_index), show_attrs=self.show_attrs, seed=self.goal_index
        )
        self.rounds = 0
        return first_messages(self.observation(), self.available_actions())

    def context(self, history: list[Message]) -> list[Message]:
        """AgentBench.old's client-side history trimming (3,500 segments, [NOTICE] line)."""
        return agentbench_trim(history)

    def act(self, action: str) -> tuple[float, bool, bool]:
        """Apply one parsed action to the site: (reward, done, whether it did anything)."""
        assert self.site is not None
        _, clickables = self.clickables()
        name, arg = parse_action(action)
        if arg is not None:
            arg = arg.lower()
        if name == "search" and arg:
            self.site.search(arg)
            return 0.0, False, True
        if name == "click" and arg is not None and arg in clickables and arg != "search":
            reward = self.site.click(arg, clickables[arg])
            return (reward, True, True) if reward is not None else (0.0, False, True)
        return 0.0, False, False

    def step(self, action: str) -> StepResult:
        self.rounds += 1
        parsed = parse_response(action or "")
        if parsed is None:
            self.format_fail = True
            return StepResult(done=True, reward=0.0, status=Status.INVALID_FORMAT, invalid=True, info={"action": None})
        reward, done, acted = self.act(parsed)
        if not acted:
            self.invalid_actions += 1
        info = {"action": parsed, "page": self.page()}
        if done:
            return StepResult(
                observation=self.observation(), done=True, reward=reward, status=Status.COMPLETED, info=info
            )
        text = observation_message(self.observation(), self.available_actions())
        return StepResult(observation=text, reward=reward, invalid=not acted, info=info)

    def evaluate(self, status: Status) -> SampleScore:
        purchase = self.site.purchase if self.site is not None else None
        reward = purchase.reward if purchase is not None else 0.0
        metrics: dict[str, Any] = {
            "reward": reward,
            "format_fail": self.format_fail,
            "rounds": self.rounds,
            "invalid_actions": self.invalid_actions,
            "goal_index": self.goal_index,
            "target_asin": self.goal["asin"],
        }
        if purchase is not None:
            metrics.update(
                purchased_asin=purchase.asin,
                purchased_options=purchase.options,
                price=round(purchase.price, 2),
                **{k: v for k, v in purchase.info.items() if v is not None},
            )
        return SampleScore(score=reward, metrics=metrics)
