"""MT-Bench single-answer grading, as FastChat's llm_judge (common.py, gen_judgment.py).

Turn 1 is judged with ``single-v1`` (``single-math-v1`` with the GPT-4 reference answer for
math, reasoning and coding), turn 2 with the multi-turn variants, which show the whole
conversation. The judge gets the prompt's system message and the filled template as one user
turn, greedy decoding, 2,048 new tokens; the rating is the first ``[[x]]`` (else ``[x]``).

Deviations (documented, deliberate):

* FastChat records an unparseable judgment as -1 and its report silently drops it. Here it is
  retried (``JUDGE_ATTEMPTS`` in all) and, if still unparseable, recorded as a per-turn
  ``judge_error``. Retries sample (temperature 0.7, seeded) because a greedy, cached retry
  would return the same text.
* A rating outside the 1–10 scale the judge is asked for (e.g. ``[[0]]``, ``[[85]]``, or a
  stray ``[2023]`` caught by the ``[x]`` fallback) counts as unparseable; FastChat keeps it.
* FastChat looks reference answers up by the judge's name (only ``gpt-4`` has them); here the
  GPT-4 reference answers are used whatever the judge.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from harness.model import ContextLimitError, GenerationRequest, GenParams, Model, system, user
from tasks.mtbench.source import JudgePrompt

NEED_REF_CATS = ("math", "reasoning", "coding")
JUDGE_ATTEMPTS = 3
JUDGE_PARAMS = GenParams(max_new_tokens=2048, temperature=0.0)
RATING_LOW, RATING_HIGH = 1.0, 10.0

_ONE_SCORE = re.compile(r"\[\[(\d+\.?\d*)\]\]")
_ONE_SCORE_BACKUP = re.compile(r"\[(\d+\.?\d*)\]")


def parse_rating(judgment: str) -> float | None:
    """The rating of a judgment: the first ``[[x]]``, else the first ``[x]``; None when absent
    or outside 1–10."""
    match = _ONE_SCORE.search(judgment) or _ONE_SCORE_BACKUP.search(judgment)
    if match is None:
        return None
    try:
        value = float(match.group(1))
    except ValueError:
        return None
    return value if RATING_LOW <= value <= RATING_HIGH else None


def prompt_name(category: str, turn: int) -> str:
    """The judge prompt FastChat uses for a category and turn (1 or 2)."""
    base = "single-math-v1" if category in NEED_REF_CATS else "single-v1"
    return base if turn == 1 else base + "-multi-turn"


def fill_prompt(
    prompt: JudgePrompt, questions: list[str], answers: list[str], reference: list[str] | None, turn: int
) -> str:
    """The judge's user message for one turn."""
    fields: dict[str, str] = {}
    if reference is not None:
        fields["ref_answer_1"] = reference[0]
        fields["ref_answer_2"] = reference[1] if len(reference) > 1 else ""
    if turn == 1:
        return prompt.prompt_template.format(question=questions[0], answer=answers[0], **fields)
    return prompt.prompt_template.format(
        question_1=questions[0], question_2=questions[1], answer_1=answers[0], answer_2=answers[1], **fields
    )


class TurnJudgment(BaseModel):
    """The judge's verdict on one turn."""

    turn: int
    prompt: str
    """The judge prompt's name (e.g. ``single-math-v1-multi-turn``)."""
    rating: float | None = None
    judge_error: str | None = None
    judgments: list[str] = Field(default_factory=list)
    """The judge's raw outputs, one per attempt."""


async def judge_turn(
    judge: Model,
    prompts: dict[str, JudgePrompt],
    *,
    category: str,
    turn: int,
    questions: list[str],
    answers: list[str],
    reference: list[str] | None,
    attempts: int = JUDGE_ATTEMPTS,
) -> TurnJudgment:
    """Ask the judge to rate one turn, retrying unparseable judgments.

    Endpoint failures (after the core's retries) propagate: the sample ends ERRORED and is
    retried on resume. A judge prompt that does not fit the judge's context is a judge error.
    """
    name = prompt_name(category, turn)
    prompt = prompts[name]
    needs_ref = name.startswith("single-math")
    if needs_ref and reference is None:
        return TurnJudgment(turn=turn, prompt=name, judge_error=f"no reference answer for a {category} question")
    text = fill_prompt(prompt, questions, answers, reference if needs_ref else None, turn)
    messages = (system(prompt.system_prompt), user(text))
    verdict = TurnJudgment(turn=turn, prompt=name)
    for attempt in range(attempts):
        params = JUDGE_PARAMS if attempt == 0 else JUDGE_PARAMS.model_copy(update={"temperature": 0.7, "seed": attempt})
        try:
            gen = await judge.generate(GenerationRequest(messages=messages, params=params))
        except ContextLimitError as exc:
            verdict.judge_error = f"judge context limit: {exc}"
            return verdict
        verdict.judgments.append(gen.text)
        verdict.rating = parse_rating(gen.text)
        if verdict.rating is not None:
            return verdict
    verdict.judge_error = f"no [[rating]] in 1-10 in {attempts} judgments"
    return verdict


def turn_metrics(verdicts: list[TurnJudgment]) -> dict[str, Any]:
    """Flat per-sample metrics: ``turn1_rating``, ``turn1_judge_error``... plus the raw verdicts."""
    out: dict[str, Any] = {}
    for v in verdicts:
        out[f"turn{v.turn}_rating"] = v.rating
        out[f"turn{v.turn}_judge_error"] = v.judge_error
    out["judge_errors"] = sum(1 for v in verdicts if v.judge_error is not None)
    out["judgments"] = [v.model_dump() for v in verdicts]
    return out
