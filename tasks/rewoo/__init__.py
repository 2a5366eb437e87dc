"""ReWOO (held-out): Planner -> Workers -> Solver as AgentTuning ran it (eval_heldout/rewoo,
``run_eval.py --method rewoo --sample_size 50`` per dataset, ``eval-tgi.sh``).

Datasets (eval-tgi.sh's seven, 50 each, ``df.sample(50, random_state=2024)``): hotpot_qa,
trivia_qa, gsm8k (the Hugging Face train splits, see :mod:`tasks.rewoo.datasets`), strategy_qa,
physics_question, sports_understanding (BIG-bench CSVs) and sotu_qa. Splits: each dataset by name,
and ``all`` (default).

Tools per dataset are eval-tgi.sh's lists (with its ``$TOOL[@]`` quoting defect fixed, i.e. the
whole list), all of them listed to the planner verbatim, Google and WolframAlpha included; the
few-shot exemplars are upstream's ``DEFAUL_EXEMPLARS_PWS``. Worker backends
(:mod:`tasks.rewoo.workers`, :mod:`tasks.rewoo.pws_env`):

* ``LLM[...]``: a separate model, ``worker`` (default gpt-3.5-turbo, as ``LLMWorker``'s
  registration); ``Calculator[...]``: LangChain's LLM-math chain on ``calculator`` (default
  gpt-3.5-turbo: upstream's ``OpenAI()`` default, text-davinci-003, is retired). Without an API
  key for one of them (or with ``=under-test``) its calls go to the model under test, with a
  warning, and the run is not comparable.
* ``Wikipedia[...]``: LangChain's Wikipedia docstore over the live MediaWiki API (``wiki=api``,
  cached, shared with the HotpotQA task), or the offline closed corpus (``wiki=corpus``, not
  comparable).
* ``Google[...]`` (Serper, ``SERPER_API_KEY``) and ``WolframAlpha[...]``
  (``WOLFRAM_ALPHA_APPID``): the real APIs with a key, offline stand-ins without (not comparable).
* ``SearchSOTU[...]``: BM25 top-1 chunk instead of an OpenAI-embedding vector store (not
  comparable).

Decoding: AgentTuning's ``llm_llama``: llama-2 template with the system prompt, greedy,
``max_new_tokens=256``, ``truncate=4000``, no stop sequence.

Metric: the judge's accuracy (``judge_acc``, LangChain's ``QAEvalChain`` prompt; the default judge
is gpt-3.5-turbo, upstream's text-davinci-003 being retired; ``--judge`` for another, which marks
the run not comparable): the paper's ReWOO column. EM and F1 are reported beside it, never as
the main score (outside a run, without a judge, the score is F1 and ``main_metric`` says so).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

from harness.data import DataSource, repo_files
from harness.errors import HarnessError
from harness.model import GenParams, Model
from harness.task import Env, Metric, Protocol, RunContext, Sample, SampleScore, Suite, Task, TaskOption, TaskScore
from tasks.gsm8k import GSM8K_SOURCE
from tasks.rewoo.datasets import DATASETS, HOTPOT_TRAIN_SOURCE, SAMPLE_SIZE, SEED, TRIVIA_SOURCE, load_dataset
from tasks.rewoo.oracle import ReWOOOracle
from tasks.rewoo.prompts import GSM8K_PWS, HOTPOTQA_PWS_BASE, TRIVIAQA_PWS
from tasks.rewoo.pws_env import PWSEnv
from tasks.rewoo.web_tools import SERPER_KEY_ENV, SERPER_URL, WOLFRAM_KEY_ENV, WOLFRAM_URL, WebTools, has_key
from tasks.rewoo.workers import DocumentSearch, Toolbox
from tasks.services.mediawiki import DEFAULT_API_URL, WikiService
from tasks.services.wikicorpus import HOTPOTQA_SOURCE, LEVELS, Corpus, Explorer, pages_from_context, read_level
from tasks.services.wikicorpus.grouping import grouped_percent_means, percent_means

REWOO_REVISION = "9cd0283043ff4be0c9d614fda2789d143ca6ffd1"
_RAW = f"https://raw.githubusercontent.com/billxbf/ReWOO/{REWOO_REVISION}"
REWOO_SOURCE = DataSource(
    name="rewoo",
    repo="https://github.com/billxbf/ReWOO",
    revision=REWOO_REVISION,
    license="MIT (ReWOO); BIG-bench tasks Apache-2.0; State of the Union: public domain",
    mirror="rewoo",
    files=repo_files(
        _RAW,
        {
            "data/SOTU/SOTU_QA.csv": "ae392b7f6c03dccd8672cb65c89508d461eb8d32b1444bf15ef9a54646599bd0",
            "data/docs/state_of_the_union.txt": "c8083f84e6c7dd518c0e84f1cf210f93f501ac69ef64f91c79694bbf699c9d91",
            "data/bigbench/physics_question.csv": "7747cf185111aaa58493b5d804ba7b496cb152a6ae89a69a66a0c443adfd34aa",
            "data/bigbench/sports_understanding.csv": "5cfc24702b7a809409f42634f0b958f0d61c4d5aec8d732fd89889281c63d45e",
            "data/bigbench/strategy_qa.csv": "c1fd0c271bf98741b68ac1ea3d167c5ccf2ed46da66645d5fc0ed6222e45f055",
        },
    ),
)

# eval-tgi.sh toolsets, in their order.
TOOLSETS: dict[str, tuple[str, ...]] = {
    "hotpot_qa": ("Wikipedia", "LLM"),
    "trivia_qa": ("Wikipedia", "LLM"),
    "gsm8k": ("LLM", "WolframAlpha", "Calculator"),
    "strategy_qa": ("Wikipedia", "LLM", "WolframAlpha", "Calculator", "Google"),
    "physics_question": ("Wikipedia", "LLM", "WolframAlpha", "Calculator", "Google"),
    "sports_understanding": ("Wikipedia", "LLM", "WolframAlpha", "Calculator", "Google"),
    "sotu_qa": ("LLM", "Calculator", "Google", "SearchSOTU"),
}
FEWSHOTS = {"hotpot_qa": HOTPOTQA_PWS_BASE, "trivia_qa": TRIVIAQA_PWS}
"""utils/util.py ``DEFAUL_EXEMPLARS_PWS`` (GSM8K_PWS for the others)."""
DATA_SOURCES = {"hotpot_qa": HOTPOT_TRAIN_SOURCE, "trivia_qa": TRIVIA_SOURCE, "gsm8k": GSM8K_SOURCE}
MAX_LLM_CALLS = 20
"""Cap on model-backed worker calls per plan (not upstream, which has none; only runaway plans
reach it). ``--task-opt max_llm_calls=N`` lowers it (never above this: ``max_turns`` is fixed)."""
DEFAULT_AUX = "gpt-3.5-turbo"
UNDER_TEST = "under-test"
AUX_ROLES = {"worker": "LLM", "calculator": "Calculator"}


def _warn(text: str) -> None:
    print(f"harness: warning: {text}", file=sys.stderr)


class ReWOO(Task):
    name: ClassVar[str] = "rewoo"
    suite = Suite.HELD_OUT
    version = "2"
    metric = Metric(name="judge_acc", scale="percent", binary=False)
    splits = (*DATASETS, "all")
    default_split = "all"
    sources = (REWOO_SOURCE, HOTPOT_TRAIN_SOURCE, TRIVIA_SOURCE, GSM8K_SOURCE, HOTPOTQA_SOURCE)
    sample_data = Path(__file__).with_name("sample_data")
    generation = GenParams(max_new_tokens=256, temperature=0.0, do_sample=False, truncate=4000)
    max_turns = 2 + MAX_LLM_CALLS  # planner + worker calls answered by the model under test + solver
    judge_default = DEFAULT_AUX
    protocol = Protocol(reference="agenttuning-eval_heldout", source="THUDM/AgentTuning@e33a45d eval_heldout/rewoo (billxbf/ReWOO@9cd0283)")
    options_spec = (
        TaskOption(name="sample_size", type="int", default=SAMPLE_SIZE, minimum=1, help="questions per dataset"),
        TaskOption(name="seed", type="int", default=SEED, help="the dataset sampling seed"),
        TaskOption(name="max_llm_calls", type="int", default=MAX_LLM_CALLS, minimum=1,
                   help=f"cap on LLM/Calculator worker calls per plan (at most {MAX_LLM_CALLS})"),
        TaskOption(name="worker", type="str", default=DEFAULT_AUX,
                   help="the model answering LLM[...] (registry name or KIND:SPEC; under-test: the model under test)"),
        TaskOption(name="calculator", type="str", default=DEFAULT_AUX,
                   help="the model writing the Calculator's numexpr expression (as worker)"),
        TaskOption(name="wiki", type="choice", choices=("api", "corpus"), default="api",
                   help="Wikipedia backend: the live MediaWiki API, or the offline closed corpus (not comparable)"),
        TaskOption(name="wiki_url", type="str", default=DEFAULT_API_URL, comparable=True, help="the MediaWiki API endpoint"),
        TaskOption(name="wiki_cache", type="path", default=None, comparable=True,
                   help="the Wikipedia response cache file (default: under the data cache)"),
        TaskOption(name="serper_url", type="str", default=SERPER_URL, comparable=True,
                   help=f"the Serper (Google) API base URL; key from ${SERPER_KEY_ENV}"),
        TaskOption(name="wolfram_url", type="str", default=WOLFRAM_URL, comparable=True,
                   help=f"the WolframAlpha Full Results API; app id from ${WOLFRAM_KEY_ENV}"),
    )

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self._lock = threading.Lock()
        self._wiki_corpus: Corpus | None = None
        self._sotu: DocumentSearch | None = None
        self._datasets: tuple[str, ...] = DATASETS
        self.aux: dict[str, Model | None] = {"worker": None, "calculator": None}
        self.aux_used: dict[str, str] = {role: f"{UNDER_TEST} (outside a run)" for role in AUX_ROLES}
        self.judge_used: str | None = None
        self.wiki: WikiService | None = None
        self.web: WebTools | None = None

    # -- data ---------------------------------------------------------------------------------
    @classmethod
    def sources_for(cls, split: str) -> tuple[DataSource, ...]:
        names = DATASETS if split == "all" else (split,)
        own = [DATA_SOURCES[n] for n in names if n in DATA_SOURCES]
        return (REWOO_SOURCE, *own, HOTPOTQA_SOURCE)  # BOLAA's pages: the offline Wikipedia / Google stand-in

    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise HarnessError(f"rewoo: unknown split {split!r} (one of {', '.join(self.splits)})")
        names = DATASETS if split == "all" else (split,)
        self._datasets = names
        out = []
        for name in names:
            for row in load_dataset(name, self.data, self.option_int("sample_size"), self.option_int("seed")):
                out.append(Sample(id=f"{name}/{row['index']}", split=split, data=row))
        return out

    def _tools_in_use(self) -> set[str]:
        return {tool for name in self._datasets for tool in TOOLSETS[name]}

    def _union_wiki(self) -> Corpus:
        """All of BOLAA's HotpotQA context paragraphs: the offline Wikipedia of the datasets
        without context of their own (and the Google stand-in's corpus)."""
        with self._lock:
            if self._wiki_corpus is None:
                pages = [p for level in LEVELS for row in read_level(self.data["hotpotqa"], level)
                         for p in pages_from_context(row["context"])]
                self._wiki_corpus = Corpus(pages)
            return self._wiki_corpus

    def _offline_google(self, query: str) -> str:
        corpus = self._union_wiki()
        titles = corpus.similar(query, k=1)
        page = corpus.get(titles[0]) if titles else None
        return page.text if page is not None else "No good Google Search Result was found"

    def _sotu_search(self) -> DocumentSearch:
        with self._lock:
            if self._sotu is None:
                path = self.data["rewoo"] / "data/docs/state_of_the_union.txt"
                self._sotu = DocumentSearch(path.read_text(encoding="utf-8"))
            return self._sotu

    # -- services -----------------------------------------------------------------------------
    async def start(self, ctx: RunContext) -> None:
        tools = self._tools_in_use()
        for role, tool in AUX_ROLES.items():
            if tool in tools:
                await self._open_aux(ctx, role)
        self.judge_used = ctx.judge.info().name if ctx.judge is not None else None
        if "Wikipedia" in tools and self.option_choice("wiki") == "api":
            self.wiki = WikiService(self.name, self.option_str("wiki_url") or DEFAULT_API_URL, self.option("wiki_cache"))
            await self.wiki.start()
        if tools & {"Google", "WolframAlpha"}:
            self.web = WebTools(self.option_str("serper_url") or SERPER_URL, self.option_str("wolfram_url") or WOLFRAM_URL)
            for tool, env_name in (("Google", SERPER_KEY_ENV), ("WolframAlpha", WOLFRAM_KEY_ENV)):
                if tool in tools and not has_key(env_name):
                    _warn(f"rewoo: no ${env_name}: {tool}[...] answers from an offline stand-in "
                          "(scores are NOT comparable)")

    async def _open_aux(self, ctx: RunContext, role: str) -> None:
        spec = self.option_str(role) or DEFAULT_AUX
        self.aux[role] = None
        if spec == UNDER_TEST:
            self.aux_used[role] = f"{UNDER_TEST} (asked)"
            return
        if ctx.models is None:
            self.aux_used[role] = f"{UNDER_TEST} (no model provider)"
            return
        if ctx.models.missing_key(spec):
            _warn(f"rewoo: no API key for the {role} model {spec!r}: its calls go to the model under test "
                  f"(scores are NOT comparable; set the key or pass --task-opt rewoo.{role}=MODEL)")
            self.aux_used[role] = f"{UNDER_TEST} (fallback: no API key for {spec})"
            return
        self.aux[role] = await ctx.models.get(spec)
        self.aux_used[role] = spec

    async def stop(self) -> None:
        if self.wiki is not None:
            self.wiki.close()
            self.wiki = None
        if self.web is not None:
            self.web.close()
            self.web = None

    # -- episodes -----------------------------------------------------------------------------
    def make_env(self, sample: Sample, ctx: RunContext) -> PWSEnv:
        row = sample.data
        name = row["dataset"]
        tools = TOOLSETS[name]
        explorer = None
        if "Wikipedia" in tools:
            if self.option_choice("wiki") == "api":
                if self.wiki is None:
                    raise HarnessError("rewoo: wiki=api needs the task started (Task.start) to open the MediaWiki API")
                explorer = self.wiki.explorer()
            elif name == "hotpot_qa":  # corpora are built on first use (in the tool thread)
                explorer = Explorer(lambda: Corpus(pages_from_context(row["context"])))
            else:
                explorer = Explorer(self._union_wiki)
        toolbox = Toolbox(
            explorer,
            self._sotu_search if "SearchSOTU" in tools else None,
            web=self.web,
            offline_search=self._offline_google,
            offline_google=not has_key(SERPER_KEY_ENV),
            offline_wolfram=not has_key(WOLFRAM_KEY_ENV),
        )
        return PWSEnv(
            question=row["question"],
            label=row["answer"],
            tools=tools,
            fewshot=FEWSHOTS.get(name, GSM8K_PWS),
            toolbox=toolbox,
            max_llm_calls=min(MAX_LLM_CALLS, self.option_int("max_llm_calls")),
            judge=ctx.judge,
            group={"dataset": name},
            params=self.generation,
            worker=self.aux["worker"],
            calculator=self.aux["calculator"],
        )

    def comparability(self) -> list[str]:
        tools = self._tools_in_use()
        out = []
        for role, tool in AUX_ROLES.items():
            if tool in tools and self.aux_used[role].startswith(UNDER_TEST) and "(asked)" not in self.aux_used[role]:
                out.append(f"the {tool}[...] worker is the model under test, not the protocol's {DEFAULT_AUX}")
        if "Wikipedia" in tools and self.option_choice("wiki") == "corpus":
            out.append("Wikipedia is the offline closed corpus, not the live MediaWiki API")
        for tool, env_name in (("Google", SERPER_KEY_ENV), ("WolframAlpha", WOLFRAM_KEY_ENV)):
            if tool in tools and not has_key(env_name):
                out.append(f"{tool} is an offline stand-in (no ${env_name})")
        if "SearchSOTU" in tools:
            out.append("SearchSOTU is BM25 top-1, not the original's OpenAI-embedding vector store")
        return out

    def oracle(self, sample: Sample, env: Env) -> ReWOOOracle:
        """A plan with one tool call (exercising that tool), then the gold answer from the solver,
        graded exactly instead of by the judge model (see :mod:`tasks.rewoo.oracle`)."""
        row = sample.data
        tools = TOOLSETS[row["dataset"]]
        gold = row["answer"]
        if "Wikipedia" in tools:
            facts = row.get("supporting_facts") or []
            query = facts[0][0] if facts and isinstance(facts[0], list) else row["question"]
            call = f"Plan: Search for more information.\n#E1 = Wikipedia[{query}]"
        elif "SearchSOTU" in tools:
            call = f"Plan: Search the document.\n#E1 = SearchSOTU[{row['question']}]"
        else:
            call = f"Plan: Compute the answer.\n#E1 = WolframAlpha[{gold}]"
        assert isinstance(env, PWSEnv)
        return ReWOOOracle([call, gold], env)

    def describe(self) -> dict[str, Any]:
        tools = self._tools_in_use()
        wiki: dict[str, Any] = {"backend": self.option_choice("wiki")}
        if self.wiki is not None:
            wiki.update(self.wiki.facts())
        return {
            "protocol": "ReWOO PWS_Base (AgentTuning eval_heldout/rewoo, eval-tgi.sh)",
            "datasets": list(self._datasets),
            "sample_size": self.option_int("sample_size"),
            "seed": self.option_int("seed"),
            "max_llm_calls": self.option_int("max_llm_calls"),
            "toolsets": {k: list(TOOLSETS[k]) for k in self._datasets},
            "models": {
                "worker": {"asked": self.option_str("worker"), "used": self.aux_used["worker"],
                           "upstream": "gpt-3.5-turbo (LLMWorker, OpenAI branch, T=0)"},
                "calculator": {"asked": self.option_str("calculator"), "used": self.aux_used["calculator"],
                               "upstream": "LangChain OpenAI() = text-davinci-003 (retired), LLMMathChain"},
                "judge": {"default": self.judge_default, "used": self.judge_used,
                          "upstream": "LangChain OpenAI() = text-davinci-003 (retired), QAEvalChain"},
            },
            "wikipedia": wiki,
            "google": ("Serper API" if has_key(SERPER_KEY_ENV) else "offline stand-in: closest closed-corpus paragraph")
            if "Google" in tools else None,
            "wolframalpha": ("WolframAlpha Full Results API" if has_key(WOLFRAM_KEY_ENV)
                             else "offline stand-in: safe arithmetic evaluator") if "WolframAlpha" in tools else None,
            "search_sotu": "BM25 top-1 over 1000-character chunks (upstream: OpenAI-embedding vector store)"
            if "SearchSOTU" in tools else None,
            "data": "HF train splits of hotpot_qa/trivia_qa/gsm8k read from the files their loading scripts "
                    "downloaded (pinned sha256), in the scripts' row order; pandas sample(50, random_state=2024)",
            "main_metric": "judge_acc (QAEvalChain prompt); em and f1 secondary",
        }

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        base = super().aggregate(scores)
        plain = [s for _, s in scores]
        fields = ("judge_acc", "em", "f1")
        mains = {s.metrics.get("main_metric") for s in plain}
        metrics: dict[str, Any] = percent_means(plain, fields)
        metrics["main_metric"] = mains.pop() if len(mains) == 1 else "mixed"
        metrics["per_dataset"] = grouped_percent_means(plain, "dataset", fields)
        return TaskScore(value=base.value, n=base.n, ci95=base.ci95, metrics=metrics)
