"""GSM8K answer extraction and comparison.

Deviation from AgentTuning (a defect fix, documented): the original takes the last ``\\d+`` of
the completion, which drops minus signs and splits thousands separators ("20,800" -> 800), so
two test items with negative gold answers could never be scored correct. We take the last
signed number, with thousands separators and decimals, and compare numerically.
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
