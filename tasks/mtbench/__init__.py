"""MT-Bench (general suite): 80 two-turn questions, single-answer grading by an LLM judge.

Answer generation follows AgentTuning's eval_general/eval_mt_bench_tgi.py (itself FastChat's
gen_model_answer.py): llama-2 template with the system prompt "You are a helpful, respectful
and honest assistant.", FastChat's per-category temperatures (sampling only above 1e-4),
``max_new_tokens`` 4096, answers stripped. Judging follows FastChat's llm_judge
(:mod:`tasks.mtbench.judge`); the judge is ``ctx.judge`` (``--judge``, GPT-4 in the paper).

Score: mean rating (1–10) over all rated turns, as FastChat's ``show_result`` (which averages
the turn-1 and turn-2 judgments together); per turn and per category in the metrics.

Oracle: MT-Bench has no gold answers. The oracle replays the GPT-4 reference answer where one
exists (math, reasoning, coding) and otherwise a fixed placeholder, so its score is NOT a
100-style self-test: it only proves the answer -> judge -> rating plumbing.

Task option: ``judge_attempts=N`` (default 3): judge calls per turn before a judge error is
recorded (1 = FastChat's single call).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar

from harness.errors import HarnessError
from harness.model import GenParams
from harness.task import Env, Metric, Protocol, RunContext, Sample, SampleScore, Suite, Task, TaskOption, TaskScore
from tasks.mtbench.env import SYSTEM_PROMPT, MTBenchEnv
from tasks.mtbench.judge import JUDGE_ATTEMPTS, JUDGE_PARAMS, NEED_REF_CATS
from tasks.mtbench.source import SOURCE, JudgePrompt, load_judge_prompts, load_questions, load_references

TEMPERATURE = {
    "writing": 0.7,
    "roleplay": 0.7,
    "extraction": 0.0,
    "math": 0.0,
    "coding": 0.0,
    "reasoning": 0.0,
    "stem": 0.1,
    "humanities": 0.1,
}
"""FastChat llm_judge's sampling temperature per category (``temperature_config``)."""
MAX_NEW_TOKENS = 4096
ORACLE_PLACEHOLDER = (
    "This is the harness oracle. MT-Bench has no gold answer for this question, so this fixed "
    "reply only tests the judging pipeline."
)


class MTBench(Task):
    """MT-Bench, judged by ``--judge``."""

    name: ClassVar[str] = "mtbench"
    suite: ClassVar[Suite] = Suite.GENERAL
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric] = Metric(name="rating", scale="rating", low=1.0, high=10.0, binary=False)
    splits: ClassVar[tuple[str, ...]] = ("test",)
    default_split: ClassVar[str] = "test"
    sources = (SOURCE,)
    sample_data: ClassVar[Path | None] = Path(__file__).with_name("sample_data")
    generation: ClassVar[GenParams] = GenParams(max_new_tokens=MAX_NEW_TOKENS, temperature=0.0, do_sample=False)
    max_turns: ClassVar[int] = 2
    judge_default: ClassVar[str | None] = "gpt-4"
    protocol = Protocol(reference="agenttuning-eval_general", source="THUDM/AgentTuning@e33a45d eval_general (FastChat llm_judge)")
    options_spec = (
        TaskOption(name="judge_attempts", type="int", default=JUDGE_ATTEMPTS, minimum=1, comparable=True,
                   help="judge calls per answer until a rating parses"),
    )

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self._prompts: dict[str, JudgePrompt] | None = None
        self._references: dict[int, list[str]] | None = None
        self.judge_name: str | None = None
        self.judge_attempts = self.option_int("judge_attempts")

    @property
    def root(self) -> Path:
        return Path(self.data[SOURCE.name])

    @property
    def prompts(self) -> dict[str, JudgePrompt]:
        if self._prompts is None:
            self._prompts = load_judge_prompts(self.root)
        return self._prompts

    @property
    def references(self) -> dict[int, list[str]]:
        if self._references is None:
            self._references = load_references(self.root)
        return self._references

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=str(q["question_id"]), split=split, data=q) for q in load_questions(self.root)]

    def params(self, sample: Sample) -> GenParams:
        temperature = TEMPERATURE.get(sample.data["category"], 0.0)
        sampling = temperature > 1e-4
        return GenParams(
            max_new_tokens=MAX_NEW_TOKENS, temperature=temperature if sampling else 0.0, do_sample=sampling
        )

    async def start(self, ctx: RunContext) -> None:
        if ctx.judge is None:
            raise HarnessError("MT-Bench needs --judge MODEL")
        self.judge_name = ctx.judge.name

    def make_env(self, sample: Sample, ctx: RunContext) -> MTBenchEnv:
        reference = self.references.get(sample.data["question_id"])
        return MTBenchEnv(sample.data, reference, ctx.judge, self.prompts, self.judge_attempts)

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        reference = self.references.get(sample.data["question_id"])
        turns = len(sample.data["turns"])
        if reference is not None and len(reference) >= turns:
            return list(reference[:turns])
        return [ORACLE_PLACEHOLDER] * turns

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        return aggregate_ratings(scores)

    def describe(self) -> dict[str, Any]:
        return {
            "judge": self.judge_name,
            "judge_mode": "single-answer grading (FastChat llm_judge)",
            "judge_prompts": {
                "default": "single-v1 / single-v1-multi-turn",
                "with_reference": "single-math-v1 / single-math-v1-multi-turn",
            },
            "reference_categories": list(NEED_REF_CATS),
            "judge_decoding": JUDGE_PARAMS.model_dump(mode="json"),
            "judge_attempts": self.judge_attempts,
            "system_prompt": SYSTEM_PROMPT,
            "temperatures": TEMPERATURE,
            "max_new_tokens": MAX_NEW_TOKENS,
            "oracle_note": "no gold answers: the oracle replays GPT-4 references or a placeholder; its score is a plumbing check, not 100",
        }


def _mean(values: list[float]) -> dict[str, float | int | None]:
    return {"mean": sum(values) / len(values) if values else None, "n": len(values)}


def aggregate_ratings(scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
    """Mean of all rated turns (FastChat's number), with per-turn/per-category means."""
    from harness.metrics import normal_ci

    ratings: list[float] = []
    by_turn: dict[str, list[float]] = defaultdict(list)
    by_category: dict[str, list[float]] = defaultdict(list)
    errors = 0
    judges: set[str] = set()
    for _, s in scores:
        m = s.metrics
        errors += int(m.get("judge_errors", 0))
        if m.get("judge"):
            judges.add(m["judge"])
        for turn in (1, 2):
            rating = m.get(f"turn{turn}_rating")
            if rating is None:
                continue
            ratings.append(rating)
            by_turn[f"turn{turn}"].append(rating)
            by_category[m.get("category", "unknown")].append(rating)
    metrics: dict[str, Any] = {
        "by_turn": {t: _mean(v) for t, v in sorted(by_turn.items())},
        "by_category": {c: _mean(v) for c, v in sorted(by_category.items())},
        "judge_errors": errors,
        "n_ratings": len(ratings),
        "judge": sorted(judges),
    }
    if not ratings:
        return TaskScore(value=0.0, n=0, ci95=None, metrics=metrics)
    return TaskScore(value=sum(ratings) / len(ratings), n=len(scores), ci95=normal_ci(ratings), metrics=metrics)
