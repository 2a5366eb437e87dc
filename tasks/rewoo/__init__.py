"""ReWOO (held-out): Planner -> Workers -> Solver as AgentTuning ran it (eval_heldout/rewoo,
``run_eval.py --method rewoo --sample_size 50`` per dataset, ``eval-tgi.sh``).

Datasets offline: hotpot_qa, gsm8k, strategy_qa, physics_question, sports_understanding,
sotu_qa (50 each, pandas ``sample(50, random_state=2024)``); trivia_qa is not available (see
:mod:`tasks.rewoo.datasets`). Splits: each dataset by name, and ``all`` (default).

Tools per dataset are eval-tgi.sh's lists (with its ``$TOOL[@]`` quoting defect fixed, i.e. the
whole list), minus the two that need the internet, Google and WolframAlpha: they are not listed
to the planner, and a plan that calls them gets "No evidence found", which is what upstream
answers for any tool outside the toolset. The few-shot exemplars are upstream's
(``HOTPOTQA_PWS_BASE`` for hotpot_qa, ``GSM8K_PWS`` for the rest — it shows WolframAlpha).

Decoding: AgentTuning's ``llm_llama``: llama-2 template with the system prompt, greedy,
``max_new_tokens=256``, ``truncate=4000``, no stop sequence.

Metrics: EM, F1 and LLM-judged accuracy (``--judge``; upstream text-davinci-003 with
LangChain's QA grading prompt). The paper's ReWOO column is the judged accuracy: the main score
is ``judge_acc`` when a judge is given, else F1 (recorded per sample and in the aggregate as
``main_metric``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from harness.data import DataFile, DataSource
from harness.errors import HarnessError
from harness.model import GenParams
from harness.task import Env, Metric, Protocol, RunContext, Sample, SampleScore, Suite, Task, TaskOption, TaskScore
from tasks.gsm8k import GSM8K_SOURCE
from tasks.rewoo.datasets import DATASETS, SAMPLE_SIZE, SEED, load_dataset
from tasks.rewoo.prompts import GSM8K_PWS, HOTPOTQA_PWS_BASE
from tasks.rewoo.pws_env import PWSEnv
from tasks.rewoo.workers import DocumentSearch, Toolbox
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
    files=tuple(
        DataFile(path=path, url=f"{_RAW}/{path}", sha256=sha)
        for path, sha in (
            ("data/SOTU/SOTU_QA.csv", "ae392b7f6c03dccd8672cb65c89508d461eb8d32b1444bf15ef9a54646599bd0"),
            ("data/docs/state_of_the_union.txt", "c8083f84e6c7dd518c0e84f1cf210f93f501ac69ef64f91c79694bbf699c9d91"),
            ("data/bigbench/physics_question.csv", "7747cf185111aaa58493b5d804ba7b496cb152a6ae89a69a66a0c443adfd34aa"),
            ("data/bigbench/sports_understanding.csv", "5cfc24702b7a809409f42634f0b958f0d61c4d5aec8d732fd89889281c63d45e"),
            ("data/bigbench/strategy_qa.csv", "c1fd0c271bf98741b68ac1ea3d167c5ccf2ed46da66645d5fc0ed6222e45f055"),
        )
    ),
)

# eval-tgi.sh toolsets, in their order, without Google and WolframAlpha (internet only).
TOOLSETS: dict[str, tuple[str, ...]] = {
    "hotpot_qa": ("Wikipedia", "LLM"),
    "gsm8k": ("LLM", "Calculator"),
    "strategy_qa": ("Wikipedia", "LLM", "Calculator"),
    "physics_question": ("Wikipedia", "LLM", "Calculator"),
    "sports_understanding": ("Wikipedia", "LLM", "Calculator"),
    "sotu_qa": ("LLM", "Calculator", "SearchSOTU"),
}
MAX_LLM_CALLS = 20
"""Cap on LLM-worker turns per plan (not upstream, which has none; only runaway plans reach it).
``--task-opt max_llm_calls=N`` lowers it (never above this: ``max_turns`` is fixed)."""


class ReWOO(Task):
    name: ClassVar[str] = "rewoo"
    suite = Suite.HELD_OUT
    version = "1"
    metric = Metric(name="judge_acc|f1", scale="percent", binary=False)
    splits = (*DATASETS, "all")
    default_split = "all"
    sources = (REWOO_SOURCE, GSM8K_SOURCE, HOTPOTQA_SOURCE)
    sample_data = Path(__file__).with_name("sample_data")
    generation = GenParams(max_new_tokens=256, temperature=0.0, do_sample=False, truncate=4000)
    max_turns = 2 + MAX_LLM_CALLS  # planner + LLM workers + solver
    protocol = Protocol(reference="agenttuning-eval_heldout", source="THUDM/AgentTuning@e33a45d eval_heldout/rewoo (billxbf/ReWOO@9cd0283)")
    options_spec = (
        TaskOption(name="sample_size", type="int", default=SAMPLE_SIZE, minimum=1, help="questions per dataset"),
        TaskOption(name="seed", type="int", default=SEED, help="the dataset sampling seed"),
        TaskOption(name="max_llm_calls", type="int", default=MAX_LLM_CALLS, minimum=1,
                   help=f"cap on LLM-worker calls per plan (at most {MAX_LLM_CALLS})"),
    )

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self._lock = threading.Lock()
        self._wiki: Corpus | None = None
        self._sotu: DocumentSearch | None = None

    # -- data ---------------------------------------------------------------------------------
    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise HarnessError(f"rewoo: unknown split {split!r} (one of {', '.join(self.splits)})")
        size = self.option_int("sample_size")
        seed = self.option_int("seed")
        names = DATASETS if split == "all" else (split,)
        out = []
        for name in names:
            for row in load_dataset(name, self.data, size if size > 0 else None, seed):
                out.append(Sample(id=f"{name}/{row['index']}", split=split, data=row))
        return out

    def _union_wiki(self) -> Corpus:
        """All HotpotQA context paragraphs: the Wikipedia of the datasets without context."""
        with self._lock:
            if self._wiki is None:
                pages = [p for level in LEVELS for row in read_level(self.data["hotpotqa"], level)
                         for p in pages_from_context(row["context"])]
                self._wiki = Corpus(pages)
            return self._wiki

    def _sotu_search(self) -> DocumentSearch:
        with self._lock:
            if self._sotu is None:
                path = self.data["rewoo"] / "data/docs/state_of_the_union.txt"
                self._sotu = DocumentSearch(path.read_text(encoding="utf-8"))
            return self._sotu

    # -- episodes -----------------------------------------------------------------------------
    def make_env(self, sample: Sample, ctx: RunContext) -> PWSEnv:
        row = sample.data
        name = row["dataset"]
        tools = TOOLSETS[name]
        explorer = None
        if "Wikipedia" in tools:  # corpora are built on first use (in Env.reset's worker thread)
            if name == "hotpot_qa":
                explorer = Explorer(lambda: Corpus(pages_from_context(row["context"])))
            else:
                explorer = Explorer(self._union_wiki)
        sotu = self._sotu_search if "SearchSOTU" in tools else None
        return PWSEnv(
            question=row["question"],
            label=row["answer"],
            tools=tools,
            fewshot=HOTPOTQA_PWS_BASE if name == "hotpot_qa" else GSM8K_PWS,
            toolbox=Toolbox(explorer, sotu),
            max_llm_calls=min(MAX_LLM_CALLS, self.option_int("max_llm_calls")),
            judge=ctx.judge,
            group={"dataset": name},
        )

    def comparability(self) -> list[str]:
        return [
            "the LLM[...] worker is the model under test, not the original's gpt-3.5-turbo",
            "Google and WolframAlpha left out of the planner prompt; Wikipedia is a closed corpus; the Calculator "
            "is a safe evaluator, not LangChain's LLM-math chain; SearchSOTU is BM25, not an embedding store",
            "trivia_qa is missing; hotpot_qa and gsm8k questions come from other pools than the original's "
            "Hugging Face train splits",
        ]

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        """A one-step plan through the LLM worker; the worker and the solver answer the gold."""
        gold = sample.data["answer"]
        return ["Plan: Answer the question directly.\n#E1 = LLM[Answer the question.]", gold, gold]

    def describe(self) -> dict[str, Any]:
        return {
            "protocol": "ReWOO PWS_Base (AgentTuning eval_heldout/rewoo, eval-tgi.sh)",
            "datasets": list(DATASETS),
            "missing_datasets": ["trivia_qa (not in the data mirror)"],
            "max_llm_calls": self.option_int("max_llm_calls"),
            "sample_size": self.option_int("sample_size"),
            "seed": self.option_int("seed"),
            "toolsets": {k: list(v) for k, v in TOOLSETS.items()},
            "unavailable_tools": ["Google", "WolframAlpha"],
            "wikipedia": "closed corpus: the question's HotpotQA context (hotpot_qa), else all HotpotQA contexts",
            "calculator": "safe AST arithmetic evaluator (upstream: LLMMathChain)",
            "search_sotu": "BM25 top-1 over 1000-character chunks (upstream: OpenAI-embedding vector store)",
            "main_metric": "judge_acc with --judge, else f1",
        }

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        base = super().aggregate(scores)
        plain = [s for _, s in scores]
        fields = ("em", "f1", "judge_acc")
        mains = {s.metrics.get("main_metric") for s in plain}
        metrics: dict[str, Any] = percent_means(plain, fields)
        metrics["main_metric"] = mains.pop() if len(mains) == 1 else "mixed"
        metrics["per_dataset"] = grouped_percent_means(plain, "dataset", fields)
        return TaskScore(value=base.value, n=base.n, ci95=base.ci95, metrics=metrics)

