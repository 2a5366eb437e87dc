"""SQuAD-style answer normalisation, token F1 and exact match, as BOLAA's HotpotQA agent and
ReWOO's evaluator compute them (both use the HotpotQA official F1, including its rule that a
yes/no/noanswer prediction or gold scores 0 unless both are equal after normalisation)."""

from __future__ import annotations

import re
import string
from collections import Counter

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = frozenset(string.punctuation)
_SPECIAL = ("yes", "no", "noanswer")


def normalize_answer(text: str) -> str:
    """Lower-case, drop ASCII punctuation, drop articles a/an/the, collapse whitespace."""
    text = text.lower()
    text = "".join(ch for ch in text if ch not in _PUNCT)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def f1_precision_recall(prediction: str, gold: str) -> tuple[float, float, float]:
    """Token-level (F1, precision, recall) of the normalised strings."""
    pred, ref = normalize_answer(prediction), normalize_answer(gold)
    if (pred in _SPECIAL or ref in _SPECIAL) and pred != ref:
        return 0.0, 0.0, 0.0
    pred_tokens, ref_tokens = pred.split(), ref.split()
    same = sum((Counter(pred_tokens) & Counter(ref_tokens)).values())
    if same == 0:
        return 0.0, 0.0, 0.0
    precision = same / len(pred_tokens)
    recall = same / len(ref_tokens)
    return 2 * precision * recall / (precision + recall), precision, recall


def f1_score(prediction: str, gold: str) -> float:
    """Token F1 in [0, 1]."""
    return f1_precision_recall(prediction, gold)[0]


def exact_match(prediction: str, gold: str) -> bool:
    """Equality after normalisation."""
    return normalize_answer(prediction) == normalize_answer(gold)
