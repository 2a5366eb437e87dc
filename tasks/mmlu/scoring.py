"""MMLU scoring: log-prob argmax (the protocol) or letter extraction (fallback), and aggregation.

Two modes, never mixed in one number:

* ``logprob`` — the model returned next-token log-probabilities of `` A``..`` D`` after the
  prompt (TGI, OpenAI-compatible completions, the embedded llama.cpp model, the oracle); the
  prediction is their argmax, as in AgentTuning.
* ``generation`` — the endpoint cannot give log-probabilities (chat-only APIs): the model
  generates a short greedy answer and the letter is extracted from the text. An answer without
  a recognisable letter is a scored invalid answer (score 0).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from harness.task import Sample, SampleScore, TaskScore
from tasks.mmlu.source import LETTERS

Mode = Literal["logprob", "generation"]
MODES: tuple[Mode, ...] = ("logprob", "generation")

_LEADING = re.compile(
    r"^\W*(?:[Tt]he\s+)?(?:[Cc]orrect\s+)?(?:[Aa]nswer\s*(?:is)?\s*[:：]?\s*)?\(?([ABCD])\)?(?=\s*$|[.):,;\n]|\s+[^a-z\s])"
)
_STATED = re.compile(r"[Aa]nswer\s*(?:is|would be|:|：)\s*(?:[Oo]ption\s*)?\(?([ABCD])\)?(?![A-Za-z0-9])")
_LABELLED = re.compile(r"(?<![A-Za-z0-9])\(?([ABCD])[.)](?!\w)")


def extract_letter(text: str, options: Sequence[str] = ()) -> str | None:
    """The answer letter of a generated reply, or None.

    Tried in order: a reply that starts with the letter (``B``, ``(B)``, ``B. Paris``,
    ``Answer: B``; not the article of "A good answer..."); ``the answer is B`` anywhere; the
    first labelled option (``B.`` / ``B)``); a reply that is exactly one option's text.
    """
    stripped = text.strip()
    for pattern in (_LEADING, _STATED):
        match = pattern.search(stripped)
        if match:
            return match.group(1)
    match = _LABELLED.search(stripped)
    if match:
        return match.group(1)
    normalized = stripped.rstrip(".").strip().lower()
    for letter, option in zip(LETTERS, options):
        if normalized and normalized == option.strip().lower():
            return letter
    return None


def argmax_letter(choice_logprobs: Mapping[str, float]) -> str | None:
    """The letter whose continuation (`` A``..`` D``) is most likely; None when none is scored.

    Ties go to the earlier letter (as numpy's argmax in the original)."""
    best: tuple[float, str] | None = None
    for letter in LETTERS:
        value = choice_logprobs.get(f" {letter}", choice_logprobs.get(letter))
        if value is None or math.isnan(value) or value == -math.inf:
            continue
        if best is None or value > best[0]:
            best = (value, letter)
    return best[1] if best else None


def score_answer(
    text: str,
    choice_logprobs: Mapping[str, float] | None,
    *,
    gold: str,
    subject: str,
    category: str,
    options: Sequence[str],
) -> SampleScore:
    """Score one answer; the mode is ``logprob`` exactly when log-probabilities came back."""
    mode: Mode = "logprob" if choice_logprobs else "generation"
    pred = argmax_letter(choice_logprobs) if choice_logprobs else None
    if pred is None:
        pred = extract_letter(text, options)
    metrics: dict[str, Any] = {
        "subject": subject,
        "category": category,
        "mode": mode,
        "pred": pred,
        "gold": gold,
        "invalid": pred is None,
    }
    if choice_logprobs:
        metrics["choice_logprobs"] = {
            k: (round(v, 4) if math.isfinite(v) else None) for k, v in choice_logprobs.items()
        }
    return SampleScore(score=1.0 if pred == gold else 0.0, metrics=metrics)


def _accuracy(values: list[float]) -> dict[str, float | int]:
    return {"accuracy": 100.0 * sum(values) / len(values) if values else 0.0, "n": len(values)}


def aggregate_scores(scores: Sequence[tuple[Sample | None, SampleScore]]) -> TaskScore:
    """Micro accuracy over the questions of one mode, with per-subject and per-category detail.

    The reported mode is ``logprob`` whenever any sample was scored that way (it is the protocol),
    else ``generation``. A run that mixes modes is flagged (``mixed_modes``) and each mode's
    accuracy is listed under ``by_mode``; the main number never mixes them.
    """
    from harness.metrics import wilson

    by_mode: dict[str, list[SampleScore]] = defaultdict(list)
    for _, s in scores:
        by_mode[s.metrics.get("mode", "generation")].append(s)
    if not by_mode:
        return TaskScore(value=0.0, n=0, ci95=None, metrics={"mode": None, "mixed_modes": False})
    mode = "logprob" if "logprob" in by_mode else next(iter(by_mode))
    chosen = by_mode[mode]
    subjects: dict[str, list[float]] = defaultdict(list)
    categories: dict[str, list[float]] = defaultdict(list)
    for s in chosen:
        subjects[s.metrics.get("subject", "unknown")].append(s.score)
        categories[s.metrics.get("category", "unknown")].append(s.score)
    values = [s.score for s in chosen]
    lo, hi = wilson(sum(values), len(values))
    metrics: dict[str, Any] = {
        "mode": mode,
        "mixed_modes": len(by_mode) > 1,
        "by_mode": {m: _accuracy([s.score for s in ss]) for m, ss in sorted(by_mode.items())},
        "by_category": {c: _accuracy(v) for c, v in sorted(categories.items())},
        "by_subject": {c: _accuracy(v) for c, v in sorted(subjects.items())},
        "n_invalid": sum(1 for s in chosen if s.metrics.get("invalid")),
    }
    if len(by_mode) > 1:
        metrics["excluded_other_mode"] = sum(len(ss) for m, ss in by_mode.items() if m != mode)
    return TaskScore(value=100.0 * sum(values) / len(values), n=len(values), ci95=(100 * lo, 100 * hi), metrics=metrics)
