"""Per-group means of per-sample metrics (per HotpotQA level, per ReWOO dataset), computed from
``SampleScore.metrics`` only so that they also work on stored records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from harness.task import SampleScore


def percent_means(scores: Iterable[SampleScore], fields: Sequence[str]) -> dict[str, float]:
    """``{field: mean × 100}`` over the scores that carry the field."""
    sums: dict[str, list[float]] = defaultdict(list)
    for s in scores:
        for f in fields:
            value = s.metrics.get(f)
            if isinstance(value, (int, float)):  # bools count as 0/1
                sums[f].append(float(value))
    return {f: 100.0 * sum(v) / len(v) for f, v in sums.items() if v}


def grouped_percent_means(scores: Iterable[SampleScore], key: str, fields: Sequence[str]) -> dict[str, dict[str, float]]:
    """``{group: {"n": count, field: mean × 100, ...}}`` grouped by ``metrics[key]``."""
    groups: dict[str, list[SampleScore]] = defaultdict(list)
    for s in scores:
        groups[str(s.metrics.get(key, "?"))].append(s)
    return {g: {"n": len(members), **percent_means(members, fields)} for g, members in sorted(groups.items())}
