"""Agent-H's metrics.

Per sample (``set`` × ``format``):

- ``no_tool`` (the right answer is a plain reply): ``hallucinated`` when the classifier finds any
  tool-call pattern; score = 1 − hallucinated.
- ``tool`` (the mirror set, a call is needed): ``correct_call`` when the response makes an
  executable call (a ReAct ``Action:`` or a structured call) naming the gold function; score =
  correct_call. A spoken intent ("I will call…") is not an executable call.

Task level (×100):

- H_ReAct, H_General: hallucination rates over the ``no_tool`` samples of each format.
- **HScore = 0.5 × ((1 − H_ReAct) + (1 − H_General))**, the main metric. The Agent-FLAN paper
  prints the formula with H_ReAct twice — a typo; its table fits the two-term mean above.
- tool_call_accuracy (secondary): correct calls over the ``tool`` samples. HScore alone never
  penalises a missed call (a model that never calls tools scores 100 on it); this number does.
- sample_mean: the plain mean of the per-sample scores (what ``harness compare`` pairs).
"""

from __future__ import annotations

from typing import Any

from harness.task import SampleScore, TaskScore
from tasks.agent_h.classifier import classify


def score_response(text: str, set_name: str, fmt: str, tools: list[str], gold_tool: str | None) -> SampleScore:
    verdict = classify(text, tools)
    metrics: dict[str, Any] = {
        "set": set_name,
        "format": fmt,
        "patterns": sorted({d.pattern for d in verdict.detections}),
        "families": verdict.families,
        "evidence": [d.evidence for d in verdict.detections[:3]],
    }
    if set_name == "no_tool":
        metrics["hallucinated"] = verdict.is_call
        return SampleScore(score=0.0 if verdict.is_call else 1.0, metrics=metrics)
    called = verdict.structured_tool
    metrics["called_tool"] = called
    metrics["gold_tool"] = gold_tool
    metrics["correct_call"] = called is not None and called == gold_tool
    return SampleScore(score=1.0 if metrics["correct_call"] else 0.0, metrics=metrics)


def _rate(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(scores: list[SampleScore]) -> TaskScore:
    halluc: dict[str, list[bool]] = {"react": [], "general": []}
    calls: dict[str, list[bool]] = {"react": [], "general": []}
    families: dict[str, int] = {}
    for s in scores:
        fmt = str(s.metrics.get("format"))
        if s.metrics.get("set") == "no_tool":
            halluc.setdefault(fmt, []).append(bool(s.metrics.get("hallucinated")))
            if s.metrics.get("hallucinated"):
                for fam in s.metrics.get("families") or ():
                    families[fam] = families.get(fam, 0) + 1
        elif s.metrics.get("set") == "tool":
            calls.setdefault(fmt, []).append(bool(s.metrics.get("correct_call")))
    h_react, h_general = _rate(halluc["react"]), _rate(halluc["general"])
    present = [h for h in (h_react, h_general) if h is not None]
    hscore = 100.0 * sum(1 - h for h in present) / len(present) if present else 0.0
    all_calls = calls["react"] + calls["general"]

    def pct(x: float | None) -> float | None:
        return None if x is None else round(100.0 * x, 4)

    metrics: dict[str, Any] = {
        "H_ReAct": pct(h_react),
        "H_General": pct(h_general),
        "HScore": round(hscore, 4),
        "tool_call_accuracy": pct(_rate(all_calls)),
        "tool_call_accuracy_react": pct(_rate(calls["react"])),
        "tool_call_accuracy_general": pct(_rate(calls["general"])),
        "sample_mean": pct(sum(s.score for s in scores) / len(scores)) if scores else None,
        "n_no_tool": {k: len(v) for k, v in halluc.items()},
        "n_tool": {k: len(v) for k, v in calls.items()},
        "hallucinations_by_family": dict(sorted(families.items())),
    }
    n_no_tool = sum(len(v) for v in halluc.values())
    metrics["n_scored_for_hscore"] = n_no_tool
    return TaskScore(value=hscore, n=len(scores), metrics=metrics)
