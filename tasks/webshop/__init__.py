"""WebShop (AgentBench held-in), as AgentTuning evaluates it (AgentBench.old protocol).

A real shop site for each episode (``tasks/webshop/site.py``): a search page, BM25 search over
the catalogue with paginated results, item pages with options, Description / Features / Reviews
sub pages, Buy Now; each page rendered to HTML and read back as the original text environment
reads it (``observation_mode="text"``: the visible strings joined with `` [SEP] ``, and the
available actions as a Python dict). The agent has 10 rounds of ``Thought:`` / ``Action:`` with
``search[...]`` or ``click[...]`` (1-shot prompt, verbatim); an answer without a parsable action
ends the episode with reward 0. The score is WebShop's reward of the purchase (0 when nothing
was bought); metric: mean reward x 100.

Goals: the human instructions of ``items_human_ins.json`` for the 1,000-product catalogue, in the
original order (built in catalogue order, shuffled with seed 233); std = goals 0-199, dev =
200-279. Without the official files (Google Drive only, not reachable here) the task runs on its
bundled authored catalogue (64 products, 5 categories, 62 goals in the official schema): such runs
are not comparable with the paper.

Options (``--task-opt``): ``catalog=small|full`` (the official set to read; AgentBench.old uses
small), ``data_dir=DIR`` (read the three files from DIR instead of the pulled source),
``observation_mode=text|text_rich`` (text_rich: WebShop's ``[button] ... [button_]`` rendering,
not what AgentBench.old shows; non-comparable).

Deviations, all recorded in ``describe()``:
- search is BM25 with ``bm25s`` and a rewritten Lucene analysis, not pyserini/Lucene (see
  ``search.py`` for what differs);
- the title-noun part of the type reward uses spaCy only when an English pipeline is installed,
  else an approximation (``nouns.py``);
- range prices and goal price caps are drawn from a generator seeded with 233 (the original
  leaves them unseeded, so no run of the original can be reproduced exactly);
- the ``<a>`` search prefix works (the original text environment crashes on it).
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any, ClassVar

from harness.data import file_sha256
from harness.errors import HarnessError
from harness.model import GenParams
from harness.task import (
    Env,
    Metric,
    OraclePolicy,
    RunContext,
    Sample,
    SampleScore,
    Suite,
    Task,
    TaskOption,
    TaskScore,
)
from tasks.agentbench import HELD_IN_RENDERING, agentbench_old, held_in_generation
from tasks.webshop.catalog import ATTRIBUTE_FILES, HUMAN_GOALS_FILE, PRICE_SEED, PRODUCT_FILES, Catalog, load_catalog
from tasks.webshop.env import MAX_ROUNDS, WebShopEnv
from tasks.webshop.goals import GOAL_SHUFFLE_SEED, SPLITS, human_goals, split_range
from tasks.webshop.nouns import tagger_name
from tasks.webshop.oracle import ScriptedBuyer
from tasks.webshop.search import K1, SEARCH_RETURN_N, B
from tasks.webshop.source import KNOWN_SHA256, WEBSHOP_SOURCE

_SOURCE = WEBSHOP_SOURCE.name


class WebShop(Task):
    """AgentBench WebShop on a real site engine; metric: mean final reward (percent)."""

    name: ClassVar[str] = "webshop"
    suite: ClassVar[Suite] = Suite.HELD_IN
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric] = Metric(name="reward", binary=False)
    splits: ClassVar[tuple[str, ...]] = tuple(SPLITS)
    default_split: ClassVar[str] = "std"
    sources = (WEBSHOP_SOURCE,)
    sample_data: ClassVar[Path | None] = Path(__file__).parent / "sample_data"
    protocol = agentbench_old("src/tasks/webshop")
    rendering = HELD_IN_RENDERING
    generation: ClassVar[GenParams] = held_in_generation()
    options_spec = (
        TaskOption(name="catalog", type="choice", choices=tuple(PRODUCT_FILES), default="small",
                   help="the official product set to read (AgentBench.old: small, the 1,000 products)"),
        TaskOption(name="data_dir", type="path", comparable=True,
                   help="read items_shuffle*.json, items_ins_v2*.json and items_human_ins.json from this "
                   "directory (files other than the pinned release make the run not comparable)"),
        TaskOption(name="observation_mode", type="choice", choices=("text", "text_rich"), default="text",
                   help="text: [SEP]-joined page text, as AgentBench.old; text_rich: WebShop's [button] markers"),
    )  # fmt: skip
    max_turns: ClassVar[int] = MAX_ROUNDS

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._goals: list[dict[str, Any]] | None = None
        self._files: dict[str, str] = {}

    def data_directory(self) -> Path:
        """Where the three files are read from: ``data_dir``, else the resolved source."""
        given = self.option("data_dir")
        if given is not None:
            if not Path(given).is_dir():
                raise HarnessError(f"webshop: data_dir {given} is not a directory")
            return Path(given)
        if self.option("catalog") == "full":
            raise HarnessError("webshop: catalog=full needs data_dir=DIR holding items_shuffle.json, items_ins_v2.json")
        if _SOURCE not in self.data:
            raise HarnessError("webshop: no data directory (give --task-opt data_dir=DIR or pull the source)")
        return Path(self.data[_SOURCE])

    @property
    def authored(self) -> bool:
        """True when the run reads the bundled authored catalogue (not the official files)."""
        return (
            self.sample_data is not None and self.data_directory().resolve() == (self.sample_data / _SOURCE).resolve()
        )

    # -- data ------------------------------------------------------------------------------------
    def site_data(self) -> tuple[Catalog, list[dict[str, Any]]]:
        """The catalogue and the goals, read once (thread-safe)."""
        with self._lock:
            if self._catalog is None or self._goals is None:
                directory = self.data_directory()
                size = self.option("catalog")
                catalog = load_catalog(directory, size)
                self._goals = human_goals(catalog)
                names = (PRODUCT_FILES[size], ATTRIBUTE_FILES[size], HUMAN_GOALS_FILE)
                self._files = {n: file_sha256(directory / n) for n in names}
                self._catalog = catalog
            return self._catalog, self._goals

    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise HarnessError(f"webshop: unknown split {split!r} (available: {', '.join(self.splits)})")
        _, goals = self.site_data()
        indices = split_range(split, len(goals))
        if not indices:
            raise HarnessError(
                f"webshop: split {split!r} (goals {SPLITS[split][0]}-{SPLITS[split][1] - 1}) is empty: "
                f"the catalogue read has {len(goals)} goals"
            )
        return [Sample(id=f"{split}-{i:03d}", split=split, data={"goal_index": i, "goal": goals[i]}) for i in indices]

    # -- episodes --------------------------------------------------------------------------------
    async def start(self, ctx: RunContext) -> None:
        catalog, _ = await asyncio.to_thread(self.site_data)
        await asyncio.to_thread(lambda: catalog.index)  # build the search index once, off the loop

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        catalog, goals = self.site_data()
        index = int(sample.data["goal_index"])
        return WebShopEnv(catalog, goals[index], index, mode=self.option("observation_mode"))

    def oracle(self, sample: Sample, env: Env) -> OraclePolicy:
        """The scripted buyer, acting on the sample's live page."""
        assert isinstance(env, WebShopEnv)
        return ScriptedBuyer(env)

    # -- reporting -------------------------------------------------------------------------------
    def describe(self) -> dict[str, Any]:
        facts: dict[str, Any] = {
            "protocol": "AgentBench.old WebShop: 1-shot, 10 rounds, Thought/Action search[...] click[...], "
            "observation_mode=text, unparsable answer ends the episode with reward 0",
            "goals": f"human goals (items_human_ins.json), seed {GOAL_SHUFFLE_SEED} shuffle; std 0-199, dev 200-279",
            "catalog": self.option("catalog"),
            "observation_mode": self.option("observation_mode"),
            "search": f"BM25 (bm25s, Lucene formula) k1={K1} b={B}, top {SEARCH_RETURN_N}; rewritten Lucene English "
            "analysis (StandardTokenizer-like words, possessive, 33 stop words, Porter); exact document lengths",
            "noun_tagger": tagger_name(),
            "fuzzy_matching": "thefuzz 0.19 token_set_ratio semantics over difflib (no python-Levenshtein)",
            "price_seed": PRICE_SEED,
        }
        try:
            directory = self.data_directory()
        except HarnessError:
            return facts
        facts["data"] = "authored catalogue (bundled)" if self.authored else f"official files from {directory}"
        if self._files:
            facts["files_sha256"] = dict(self._files)
        return facts

    def comparability(self) -> list[str]:
        """This task's own reasons (the core adds bundled data and non-default options)."""
        reasons = []
        if not self.authored and self._files and any(KNOWN_SHA256.get(n) != h for n, h in self._files.items()):
            reasons.append("WebShop data files that differ from the pinned release")
        if not tagger_name().startswith("spacy:en_core_web_lg"):
            reasons.append(f"type reward title nouns from {tagger_name()} (AgentBench.old: spaCy en_core_web_lg)")
        reasons.append("search by BM25 over a rewritten Lucene analysis (bm25s), not pyserini/Lucene")
        return reasons

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Mean reward x 100, with AgentBench.old's other two metrics: format failures and rounds."""
        base = super().aggregate(scores)
        n = len(scores)
        if n:
            base.metrics["format_fail_rate"] = sum(bool(s.metrics.get("format_fail")) for _, s in scores) / n
            base.metrics["average_round"] = sum(float(s.metrics.get("rounds", 0)) for _, s in scores) / n
        return base
