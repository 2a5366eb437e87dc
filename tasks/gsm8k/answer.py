"""GSM8K answer extraction and comparison, two ways from the same output.

- :func:`original_answer` (the main metric, the paper's): AgentTuning's ``eval_gsm8k_tgi.py``
  takes the last run of digits (``\\d+``) of the completion cut at "Question:" and ``eval``s it, so
  minus signs are dropped ("-3" reads 3), thousands separators split numbers ("20,800" reads 800)
  and a run with a leading zero ("05") is unreadable (Python 3's ``eval`` rejects it). The two
  test items with negative gold answers can never be scored correct this way.
- :func:`predicted_answer` (the secondary ``accuracy_robust``): the last signed number, with
  thousands separators and decimals, compared numerically. Never lower, often higher.
"""

from __future__ import annotations

import re

GOLD_RE = re.compile(r"#### (\-?[0-9\.\,]+)")
NUMBER_RE = re.compile(r"-?\d(?:[\d,]*\d)?(?:\.\d+)?")


def clean_completion(text: str) -> str:
    """Cut the completion where the model starts inventing the next question (as the original)."""
    return text.split("Question:")[0]


def gold_answer(answer_field: str) -> float:
    """The number after ``####``; a data item without one is malformed input."""
    match = GOLD_RE.search(answer_field)
    if match is None:
        raise ValueError("GSM8K item without a '#### <number>' answer")
    return float(match.group(1).strip().replace(",", "").rstrip("."))


DIGITS_RE = re.compile(r"\d+")


def original_answer(completion: str) -> int | None:
    """The original's prediction: ``eval`` of the last ``\\d+`` of the cleaned completion (None
    where the original's ``eval`` fails: no digits, or a run like "05")."""
    runs = DIGITS_RE.findall(clean_completion(completion))
    if not runs:
        return None
    last = runs[-1]
    if len(last) > 1 and last.startswith("0") and last.strip("0"):
        return None  # eval("05") is a SyntaxError in Python 3 ("000" is 0)
    return int(last)


def predicted_answer(completion: str) -> float | None:
    """The last number of the cleaned completion, or None."""
    numbers = NUMBER_RE.findall(clean_completion(completion))
    if not numbers:
        return None
    try:
        return float(numbers[-1].replace(",", ""))
    except ValueError:
        return None


def format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)
