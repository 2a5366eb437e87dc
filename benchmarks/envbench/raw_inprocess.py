"""Raw replays of the in-process environments (same interface as :mod:`envbench.raw_services`):
the engine's own API with the actions the harness sent, without the agent loop, prompts,
history trimming or the run directory."""

from __future__ import annotations

import time
from typing import Any

# -- WebShop: the site engine and its text rendering ------------------------------------------------


class WebShopRaw:
    """A fresh site session per goal; per action the page's clickables, the action, the page text."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        actions = [t["info"]["action"] for t in record["trajectory"] if t["info"].get("action")]
        return {"goal_index": sample.data["goal_index"], "actions": actions}

    @staticmethod
    def setup(task):
        from tasks.webshop.nouns import tagger_name

        catalog, goals = task.site_data()
        catalog.index  # noqa: B018 - built once, as the task's start does
        tagger_name()  # the noun tagger (the reward's), loaded once: the harness's manifest loads it before the window
        return catalog, goals

    @staticmethod
    def episode(state, item) -> None:
        from tasks.webshop.env import parse_action
        from tasks.webshop.site import ShopSite
        from tasks.webshop.text import available_actions, parse, simple_text

        catalog, goals = state
        index = item["goal_index"]
        started = time.monotonic()
        site = ShopSite(catalog, goals[index], str(index), seed=index)
        root = parse(site.html)
        simple_text(root)
        _, clickables = available_actions(root)
        setup_s = time.monotonic() - started
        for action in item["actions"]:
            name, arg = parse_action(action)
            arg = arg.lower() if arg is not None else None
            if name == "search" and arg:
                site.search(arg)
            elif name == "click" and arg in clickables and arg != "search" and site.click(arg, clickables[arg]) is not None:
                simple_text(parse(site.html))  # bought: the last page
                break
            root = parse(site.html)
            simple_text(root)
            _, clickables = available_actions(root)
        return setup_s

    @staticmethod
    def teardown(state) -> None:
        return None


# -- KG: the same SPARQL queries on the same embedded store -----------------------------------------

_queries: list[tuple[str, str]] = []
_current: dict[str, str] = {}


def record_kg_queries(task) -> None:
    """Log every query the KG tools send, by sample (the recording run plays one at a time)."""
    from tasks.kg.sparql import EmbeddedStore, to_standard

    make_env, select = task.make_env, EmbeddedStore.select

    def tagged_make_env(sample, ctx):
        _current["sample"] = sample.id
        return make_env(sample, ctx)

    def logged_select(self, query):
        _queries.append((_current["sample"], to_standard(query)))
        return select(self, query)

    task.make_env = tagged_make_env
    EmbeddedStore.select = logged_select


class KGRaw:
    """Run the queries the episode's tools sent, reading every binding of every row."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        return {"queries": [q for sid, q in _queries if sid == sample.id]}

    @staticmethod
    def setup(task):
        from tasks.kg import AUTHORED_GRAPH
        from tasks.kg.stores import embedded_store

        return embedded_store(task.graph or task.data_dir / AUTHORED_GRAPH)

    @staticmethod
    def episode(store, item) -> None:
        for query in item["queries"]:
            try:
                solutions = store.store.query(query)
                names = [v.value for v in solutions.variables]
                for row in solutions:
                    [None if row[n] is None else row[n].value for n in names]
            except (SyntaxError, OSError, ValueError):
                pass  # a query the tools also failed on
        return 0.0

    @staticmethod
    def teardown(state) -> None:
        return None


# -- Digital card game: the referee and the baseline, fed the same answers --------------------------


class CardGameRaw:
    """A game seeded as the harness seeds it, answered with the recorded outputs."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        from tasks.card_game.game import derive_seed

        return {"baseline": sample.data["baseline"], "seat": int(sample.data["seat"]),
                "seed": derive_seed(0, sample.id), "outputs": [t["output"] for t in record["trajectory"]]}

    @staticmethod
    def setup(task) -> None:
        return None

    @staticmethod
    def episode(state, item) -> None:
        from tasks.card_game.game import Game

        started = time.monotonic()
        game = Game(item["baseline"], item["seat"], item["seed"])
        setup_s = time.monotonic() - started
        for output in item["outputs"]:
            game.answer(output)
            if game.over:
                break
        return setup_s

    @staticmethod
    def teardown(state) -> None:
        return None


# -- WebArena: its own environment driven directly (no runner) -------------------------------------


class WebArenaRaw:
    """The environment has no lower-level API than its Playwright session, so the raw client is
    the task's own async ``WebArenaEnv`` on the same browser and site, driven directly with the
    recorded outputs (reset, steps, evaluation, close): what remains is the runner around it."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        return {"sample": sample.model_dump(), "outputs": [t["output"] for t in record["trajectory"]]}

    @staticmethod
    def setup(task):
        import asyncio

        from harness.task import RunContext

        loop = asyncio.new_event_loop()
        ctx = RunContext()
        loop.run_until_complete(task.start(ctx))
        return loop, task, ctx

    @staticmethod
    def episode(state, item) -> float:
        from harness.task import Sample, Status

        loop, task, ctx = state

        async def play() -> float:
            started = time.monotonic()
            env = task.make_env(Sample.model_validate(item["sample"]), ctx)
            await env.areset()
            setup_s = time.monotonic() - started
            result = None
            for output in item["outputs"]:
                result = await env.astep(output)
                if result.done:
                    break
            await env.aevaluate(result.status if result is not None and result.status else Status.COMPLETED)
            await env.aclose()
            return setup_s

        return loop.run_until_complete(play())

    @staticmethod
    def teardown(state) -> None:
        loop, task, _ = state
        loop.run_until_complete(task.stop())
        loop.close()
