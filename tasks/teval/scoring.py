"""Scoring one T-Eval response, and the Overall as ``teval/utils/convert_results.py`` computes it.

Per file, every metric is the mean over that file's items (INSTRUCT: over the items of each
response format). Then (all ×100):

- Instruct   = mean( (json_format + json_args_em) / 2, (string_format + string_args_em) / 2 )
- Plan       = mean( plan_str.f1_score, plan_json.f1_score )
- Reason     = mean( reason_str.thought, rru_json.thought )
- Retrieve   = mean( retrieve_str.name, rru_json.name )
- Understand = mean( understand_str.args, rru_json.args )
- Review     = review_str.review_quality   (the original lists it twice in its mean)
- Overall    = mean of the six.

INSTRUCT and REVIEW file means are rounded to 4 decimals first, as their evaluators do.
With ``--limit`` some variants may have no item: an ability is then the mean of the variants
present, the Overall the mean of the abilities present, and ``abilities_missing`` says which.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from harness.task import SampleScore, TaskScore
from tasks.teval import metrics as m
from tasks.teval.dataset import BY_STEM
from tasks.teval.embedding import Embedder

ABILITIES = ("instruct", "plan", "reason", "retrieve", "understand", "review")

# ability -> (variant label, file stem, metric key(s) averaged into the variant)
_VARIANTS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "instruct": (
        ("json", "instruct_v2", ("json_format_metric", "json_args_em_metric")),
        ("string", "instruct_v2", ("string_format_metric", "string_args_em_metric")),
    ),
    "plan": (("str", "plan_str_v2", ("f1_score",)), ("json", "plan_json_v2", ("f1_score",))),
    "reason": (("str", "reason_str_v2", ("thought",)), ("json", "reason_retrieve_understand_json_v2", ("thought",))),
    "retrieve": (("str", "retrieve_str_v2", ("name",)), ("json", "reason_retrieve_understand_json_v2", ("name",))),
    "understand": (("str", "understand_str_v2", ("args",)), ("json", "reason_retrieve_understand_json_v2", ("args",))),
    "review": (("str", "review_str_v2", ("review_quality",)),),
}


def score_response(stem: str, item: dict[str, Any], prediction: str, embedder: Embedder) -> SampleScore:
    """All of T-Eval's metrics for one cleaned prediction; ``score`` is the sample's own ability
    measure in [0, 1], rounded to 4 decimals (the Overall is computed in :func:`aggregate` from the
    exact ``values``, not from ``score``)."""
    spec = BY_STEM[stem]
    if spec.ability == "instruct":
        values = m.instruct_scores(prediction, item)
        own = sum(values.values()) / 2
    elif spec.ability == "plan":
        values = m.plan_scores(prediction, item, spec.prompt_type, embedder)
        own = values["f1_score"]
    elif spec.ability == "review":
        values = m.review_scores(prediction, item)
        own = values["review_quality"]
    else:
        values = m.rru_scores(prediction, item, spec.ability, spec.prompt_type, embedder)
        own = sum(v for k, v in values.items() if k != "parse_rate") / max(1, len(values) - 1)
    # rounded to 4 decimals: the JSON argument match is k / (k + 1e-5) for a perfect answer, which
    # would read as a miss in the oracle's self-test; the exact values stay in ``values``
    return SampleScore(score=round(float(own), 4), metrics={"file": stem, "values": {k: float(v) for k, v in values.items()}})


ROUNDED_FILES = ("instruct_v2", "review_str_v2")
"""Files whose evaluators round each mean to 4 decimals (``np.round``) before the Overall."""


def _file_mean(stem: str, values: list[float]) -> float:
    mean = sum(values) / len(values)
    return float(np.round(mean, decimals=4)) if stem in ROUNDED_FILES else mean


def aggregate(scores: list[SampleScore]) -> TaskScore:
    """T-Eval's Overall (0-100) with every ability, variant and file metric in ``metrics``."""
    per_key: dict[tuple[str, str], list[float]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for s in scores:
        stem = s.metrics.get("file")
        counts[str(stem)] += 1
        for key, value in (s.metrics.get("values") or {}).items():
            per_key[(str(stem), key)].append(float(value))
    files = {
        stem: {key: 100.0 * _file_mean(stem, v) for (st, key), v in sorted(per_key.items()) if st == stem}
        for stem in sorted({st for st, _ in per_key})
    }
    abilities: dict[str, float] = {}
    variants: dict[str, dict[str, float]] = {}
    for ability, specs in _VARIANTS.items():
        got = {}
        for label, stem, keys in specs:
            values = files.get(stem, {})
            if all(k in values for k in keys):
                got[label] = sum(values[k] for k in keys) / len(keys)
        if got:
            variants[ability] = got
            abilities[ability] = sum(got.values()) / len(got)
    overall = sum(abilities.values()) / len(abilities) if abilities else 0.0
    metrics: dict[str, Any] = {
        **{a: round(v, 4) for a, v in abilities.items()},
        "variants": {a: {k: round(v, 4) for k, v in d.items()} for a, d in variants.items()},
        "files": {st: {k: round(v, 4) for k, v in d.items()} for st, d in files.items()},
        "items_per_file": dict(sorted(counts.items())),
        "abilities_missing": [a for a in ABILITIES if a not in abilities],
    }
    return TaskScore(value=overall, n=len(scores), metrics=metrics)
