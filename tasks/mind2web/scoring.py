"""Mind2Web's step metrics (AgentBench.old ``Mind2Web.metric``) and their aggregation.

Per step: element accuracy (the predicted id is one of the positives in the top k), action F1
(token-set F1 of ``"OP value"``) and step success (element right and F1 = 1). A step whose gold is
not in the top k (or that is never asked) scores 0 on all three and stays in the average. The
original reports micro averages over steps (the main metric is the step success rate); task
success (every step of a task right) is Mind2Web's own extra metric, reported alongside, and so is
the step success rate over the steps the model could get right (``step_sr_askable``: gold in the
top k, pool of two or more), which removes the ranker's ceiling.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel

from harness.task import SampleScore, TaskScore
from tasks.mind2web.parsing import action_f1
from tasks.mind2web.records import StepPlan

Z95 = 1.959963984540054

StepKind = Literal["asked", "outside_top_k", "single_candidate", "not_reached"]


class StepOutcome(BaseModel):
    """One step's result, with what is needed to recompute every metric."""

    index: int
    action_uid: str
    kind: StepKind
    """asked: the tournament ran; outside_top_k: no positive ranked below k (also when the step is
    missing from the score file: ``ranked`` is False); single_candidate: a pool of one is never
    shown; not_reached: the episode ended first (context or time limit)."""
    ranked: bool
    gold_ids: list[str]
    gold_rank: int | None
    gold_action: str
    pool: list[str]
    predicted_id: str
    predicted_action: str
    rounds: int
    element_correct: bool
    action_f1: float
    success: bool


def score_step(plan: StepPlan, kind: StepKind, prediction: tuple[str, str], rounds: int) -> StepOutcome:
    """Score one step (a step without a gold in the top k scores 0, whatever was predicted)."""
    predicted_id, predicted_action = prediction
    if plan.gold_ids:
        element = predicted_id in plan.gold_ids
        f1 = action_f1(predicted_action, plan.gold_action)
    else:
        element, f1 = False, 0.0
    return StepOutcome(
        index=plan.index,
        action_uid=plan.action_uid,
        kind=kind,
        ranked=plan.ranked,
        gold_ids=plan.gold_ids,
        gold_rank=plan.gold_rank,
        gold_action=plan.gold_action,
        pool=plan.pool,
        predicted_id=predicted_id,
        predicted_action=predicted_action,
        rounds=rounds,
        element_correct=element,
        action_f1=f1,
        success=element and f1 >= 1.0,
    )


def sample_score(outcomes: list[StepOutcome], facts: dict[str, Any]) -> SampleScore:
    """A task's score: its step success rate; metrics keep the sums and every step's record."""
    n = len(outcomes)
    successes = sum(o.success for o in outcomes)
    metrics: dict[str, Any] = {
        **facts,
        "steps": n,
        "step_successes": successes,
        "element_hits": sum(o.element_correct for o in outcomes),
        "action_f1_sum": sum(o.action_f1 for o in outcomes),
        "task_success": int(n > 0 and successes == n),
        "steps_outside_top_k": sum(o.kind == "outside_top_k" for o in outcomes),
        "steps_askable": sum(o.kind in ("asked", "not_reached") for o in outcomes),
        "steps_not_reached": sum(o.kind == "not_reached" for o in outcomes),
        "step_records": [o.model_dump() for o in outcomes],
    }
    return SampleScore(score=successes / n if n else 0.0, metrics=metrics)


def _ratio_ci(hits: list[float], sizes: list[int]) -> tuple[float, float]:
    """95% interval of a ratio of sums over clustered data (steps clustered in tasks)."""
    total = sum(sizes)
    n = len(sizes)
    ratio = sum(hits) / total
    if n < 2:
        return (ratio, ratio)
    spread = sum((h - ratio * m) ** 2 for h, m in zip(hits, sizes)) * n / (n - 1)
    half = Z95 * math.sqrt(spread) / total
    return (max(0.0, ratio - half), min(1.0, ratio + half))


def aggregate(scores: list[SampleScore]) -> TaskScore:
    """Micro averages over all steps (step success rate is the value), task success over tasks."""
    rows = [s.metrics for s in scores if s.metrics.get("steps")]
    sizes = [int(m["steps"]) for m in rows]
    total = sum(sizes)
    if not total:
        return TaskScore(value=0.0, n=len(scores), ci95=None, metrics={"steps": 0})
    hits = [float(m["step_successes"]) for m in rows]
    lo, hi = _ratio_ci(hits, sizes)
    metrics = {
        "step_sr": 100 * sum(hits) / total,
        "element_acc": 100 * sum(m["element_hits"] for m in rows) / total,
        "action_f1": 100 * sum(m["action_f1_sum"] for m in rows) / total,
        "task_success": 100 * sum(m["task_success"] for m in rows) / len(rows),
        "macro_step_sr": 100 * sum(h / m for h, m in zip(hits, sizes)) / len(rows),
        "steps": total,
        "tasks": len(rows),
        "steps_outside_top_k": sum(m.get("steps_outside_top_k", 0) for m in rows),
        "steps_askable": sum(m.get("steps_askable", 0) for m in rows),
        "steps_not_reached": sum(m.get("steps_not_reached", 0) for m in rows),
    }
    if metrics["steps_askable"]:  # the ranker's ceiling removed: steps whose gold the model could pick
        metrics["step_sr_askable"] = 100 * sum(hits) / metrics["steps_askable"]
    return TaskScore(value=metrics["step_sr"], n=len(scores), ci95=(100 * lo, 100 * hi), metrics=metrics)
