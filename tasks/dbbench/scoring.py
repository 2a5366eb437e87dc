"""DBBench scoring: the original per-item checks and the per-type / per-category accuracies.

INSERT/UPDATE (and DELETE) items compare the table fingerprint (``str`` of the fetched md5 row,
e.g. ``[('03b2…',)]``) with the item's ``answer_md5``. Every other type ("SELECT-type": other,
counting, comparison, ranking, aggregation-*) compares the ``Final Answer`` list with ``label``.
"""

from __future__ import annotations

import ast
import math
from typing import Any

from harness.metrics import Z95
from harness.task import SampleScore, TaskScore

MODIFY_TYPES = ("INSERT", "DELETE", "UPDATE")
CATEGORIES = ("SELECT", "INSERT", "UPDATE")
"""The three categories whose accuracies ``overall_cat_accuracy`` averages."""
TYPES = (
    "other", "counting", "comparison", "ranking",
    "aggregation-SUM", "aggregation-MIN", "aggregation-MAX", "aggregation-AVG",
    "SELECT", "INSERT", "UPDATE",
)  # fmt: skip
"""The original's ``<type>_accuracy`` metrics ("SELECT" covers every non-INSERT/UPDATE type)."""


def category(item_type: str) -> str:
    """SELECT for every type that is not INSERT/UPDATE (the original counts DELETE under SELECT too)."""
    return item_type if item_type in ("INSERT", "UPDATE") else "SELECT"


def _as_list(answer: str) -> list[Any]:
    """``list(eval(answer))``, falling back to ``[answer]``, as the original does.

    Deviation: ``ast.literal_eval`` instead of ``eval`` (never run model text as code). Both strip
    leading blanks; they differ only on non-literal expressions such as ``[1+1]``, which here fall
    back to the raw string. Like the original, a bare string answer becomes its list of characters.
    """
    try:
        return list(ast.literal_eval(answer))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return [answer]


def select_correct(answer: str, label: list[Any]) -> bool:
    """The original comparison: one element each -> equal as floats when both parse, else equal
    as values; otherwise equal as sets (unhashable elements -> wrong)."""
    ans = _as_list(answer)
    if len(ans) == 1 and len(label) == 1:
        try:
            return float(ans[0]) == float(label[0])
        # OverflowError (a huge int answer) crashed the original's metric; here it falls back too.
        except (ValueError, TypeError, OverflowError):
            return ans[0] == label[0]
    try:
        return set(ans) == set(label)
    except TypeError:
        return False


def score_item(item_type: str, answer: str, truth: Any) -> SampleScore:
    """Score one item: ``answer`` is the table fingerprint (modify types) or the Final Answer text."""
    ok = answer == truth if item_type in MODIFY_TYPES else select_correct(answer, truth)
    return SampleScore(
        score=1.0 if ok else 0.0,
        metrics={"type": item_type, "category": category(item_type), "answer": answer[:300]},
    )


def _accuracy(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def aggregate_scores(scores: list[SampleScore]) -> TaskScore:
    """``overall_cat_accuracy`` = mean of the SELECT, INSERT and UPDATE accuracies (×100).

    Deviation: the original counts a category with no item as accuracy 0 (so a partial run with
    only SELECT items would show a third of its accuracy); here the mean runs over the categories
    present and ``missing_categories`` lists the others. On the full split both are the same.
    """
    by_type: dict[str, list[float]] = {t: [] for t in TYPES}
    for s in scores:
        t = str(s.metrics.get("type", ""))
        by_type.setdefault(t, []).append(s.score)
        if category(t) == "SELECT" and t != "SELECT":
            by_type["SELECT"].append(s.score)
    metrics: dict[str, Any] = {}
    for t in TYPES:
        metrics[f"{t}_accuracy"] = 100.0 * _accuracy(by_type[t])
        metrics[f"{t}_n"] = len(by_type[t])
    present = [c for c in CATEGORIES if by_type[c]]
    if not present:
        return TaskScore(value=0.0, n=0, ci95=None, metrics=metrics)
    accs = [_accuracy(by_type[c]) for c in present]
    value = sum(accs) / len(accs)
    # Normal interval of a mean of independent category proportions.
    var = sum(p * (1 - p) / len(by_type[c]) for p, c in zip(accs, present)) / len(present) ** 2
    half = Z95 * math.sqrt(var)
    metrics["overall_cat_accuracy"] = 100.0 * value
    metrics["missing_categories"] = [c for c in CATEGORIES if c not in present]
    ci = (100.0 * max(0.0, value - half), 100.0 * min(1.0, value + half))
    return TaskScore(value=100.0 * value, n=len(scores), ci95=ci, metrics=metrics)
