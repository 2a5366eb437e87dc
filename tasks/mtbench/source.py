"""MT-Bench data: FastChat's llm_judge files (questions, GPT-4 reference answers, judge prompts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from harness.data import DataFile, DataSource

REPO = "https://github.com/lm-sys/FastChat"
REVISION = "0e6d3e4beaab66f4d3f93db72541a4abab8af28d"
RAW = f"https://raw.githubusercontent.com/lm-sys/FastChat/{REVISION}/fastchat/llm_judge/data/"

QUESTIONS = "mt_bench/question.jsonl"
REFERENCES = "mt_bench/reference_answer/gpt-4.jsonl"
JUDGE_PROMPTS = "judge_prompts.jsonl"

SOURCE = DataSource(
    name="mtbench",
    repo=REPO,
    revision=REVISION,
    license="Apache-2.0",
    mirror="mtbench",
    files=(
        DataFile(
            path=QUESTIONS,
            url=RAW + QUESTIONS,
            sha256="119565adbab82227089cefdb44c8d7e2cf04dc0a0ec233634c82e7d4e2a944f7",
        ),
        DataFile(
            path=REFERENCES,
            url=RAW + REFERENCES,
            sha256="f957a5bc977badb66885ec970e6cd08527845780313f0995764260e5777b9b3f",
        ),
        DataFile(
            path=JUDGE_PROMPTS,
            url=RAW + JUDGE_PROMPTS,
            sha256="fd283293406d024f44c174b094ef48031d0687a4682fd3a56b29b138f80281b6",
        ),
    ),
)


class JudgePrompt(BaseModel):
    """One line of judge_prompts.jsonl."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str
    type: str
    system_prompt: str
    prompt_template: str
    output_format: str


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_questions(root: Path) -> list[dict[str, Any]]:
    """The questions, in file order (question_id, category, turns[, reference])."""
    return _jsonl(root / QUESTIONS)


def load_references(root: Path) -> dict[int, list[str]]:
    """GPT-4 reference answers (the turns of the first choice) by question id."""
    path = root / REFERENCES
    if not path.is_file():
        return {}
    return {row["question_id"]: list(row["choices"][0]["turns"]) for row in _jsonl(path)}


def load_judge_prompts(root: Path) -> dict[str, JudgePrompt]:
    """Judge prompt templates by name."""
    return {row["name"]: JudgePrompt.model_validate(row) for row in _jsonl(root / JUDGE_PROMPTS)}
