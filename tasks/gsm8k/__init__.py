"""GSM8K (general suite) as AgentTuning evaluates it: 8-shot CoT chat, greedy, 512 new tokens.

Prediction = last number of the completion cut at "Question:"; gold = the number after
``####``; metric = accuracy in percent over the 1,319 test items.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

from harness.data import DataFile, DataSource
from harness.errors import HarnessError
from harness.model import GenParams
from harness.task import (
    Env,
    Metric,
    Protocol,
    Replay,
    RunContext,
    Sample,
    SampleScore,
    SingleTurnEnv,
    Suite,
    Task,
    TaskScore,
)
from tasks.gsm8k.answer import format_number, gold_answer, original_answer, predicted_answer
from tasks.gsm8k.prompt import build_messages

_REV = "3101c7d5072418e28b9008a6636bde82a006892c"
_RAW = f"https://raw.githubusercontent.com/openai/grade-school-math/{_REV}/grade_school_math/data"

GSM8K_SOURCE = DataSource(
    name="gsm8k",
    repo="https://github.com/openai/grade-school-math",
    revision=_REV,
    license="MIT",
    files=(
        DataFile(path="test.jsonl", url=f"{_RAW}/test.jsonl", sha256="3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14"),
        DataFile(path="train.jsonl", url=f"{_RAW}/train.jsonl", sha256="17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465"),
    ),
)


def read_jsonl(path: Path) -> list[dict]:
    """Read a JSONL file; a malformed line is bad input (one clear line, exit 2)."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise HarnessError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from None
    return rows


class GSM8K(Task):
    name: ClassVar[str] = "gsm8k"
    suite = Suite.GENERAL
    version = "1"
    metric = Metric(name="accuracy", scale="percent")
    splits = ("test", "train")
    default_split = "test"
    sources = (GSM8K_SOURCE,)
    sample_data = Path(__file__).with_name("sample_data")
    generation = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False)
    max_turns = 1
    protocol = Protocol(reference="agenttuning-eval_general", source="THUDM/AgentTuning@e33a45d eval_general (GSM8K)")

    def samples(self, split: str) -> list[Sample]:
        path = self.data["gsm8k"] / f"{split}.jsonl"
        if not path.is_file():
            raise HarnessError(f"gsm8k: {path} is missing")
        out = []
        for i, row in enumerate(read_jsonl(path)):
            if "question" not in row or "answer" not in row:
                raise HarnessError(f"gsm8k: {path} line {i + 1} lacks question/answer")
            out.append(Sample(id=f"{split}-{i:04d}", split=split, data=row))
        return out

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        gold = gold_answer(sample.data["answer"])

        def score(completion: str) -> SampleScore:
            original = original_answer(completion)
            robust = predicted_answer(completion)
            return SampleScore(
                score=float(original is not None and original == gold),
                metrics={
                    "prediction": original,
                    "gold": gold,
                    "prediction_robust": robust,
                    "correct_robust": robust is not None and abs(robust - gold) < 1e-6,
                },
            )

        return SingleTurnEnv(build_messages(sample.data["question"]), score)

    def oracle(self, sample: Sample, env: Env) -> Replay:
        gold = gold_answer(sample.data["answer"])
        defect = "the original extraction (last run of digits) cannot read a negative answer" if gold < 0 else None
        return Replay([f"Let's think step by step.\nThe answer is {format_number(gold)}"], defect, reason="protocol_extraction")

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Accuracy with the original extraction (the paper's), and with the robust one."""
        base = super().aggregate(scores)
        robust = [float(bool(s.metrics.get("correct_robust"))) for _, s in scores]
        base.metrics["accuracy_robust"] = 100.0 * sum(robust) / len(robust) if robust else None
        return base

    def describe(self) -> dict:
        return {
            "prompt": "AgentTuning eval_gsm8k_tgi.py: llama-2 chat, 8-shot CoT, system prompt set",
            "extraction": "the original's: eval of the last \\d+ after cutting at 'Question:' (main metric, accuracy); "
            "the last signed number with separators and decimals as accuracy_robust (same outputs)",
        }
