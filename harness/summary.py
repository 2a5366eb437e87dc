"""Per-run summaries: a task's main score on its native scale with a 95% confidence interval, its
comparability with the reference protocol and, for oracle runs, the self-test accounting."""

from __future__ import annotations

from collections import Counter

from harness.metrics import SampleScore
from harness.schema import Comparability, OracleSummary, SampleRecord, Status, TaskSummary
from harness.task import Task


def oracle_summary(records: list[SampleRecord], factor: float) -> OracleSummary | None:
    """Misses by reason, the unexplained ones, and the mean score over the samples the protocol
    lets the gold policy solve (only over records the oracle accounted for)."""
    played = [r for r in records if r.oracle is not None and r.status is not Status.ERRORED and r.score is not None]
    if not played:
        return None
    reasons: Counter[str] = Counter()
    unexplained: list[str] = []
    solvable: list[float] = []
    for r in played:
        assert r.oracle is not None and r.score is not None
        if r.score >= 1.0:
            solvable.append(r.score)
        elif not r.oracle.solvable:
            reasons[r.oracle.reason or "unsolvable"] += 1
        else:
            unexplained.append(r.sample_id)
            solvable.append(r.score)
    return OracleSummary(
        played=len(played),
        solvable=len(solvable),
        score_on_solvable=factor * sum(solvable) / len(solvable) if solvable else None,
        explained_misses=dict(sorted(reasons.items())),
        unexplained_misses=sorted(unexplained),
    )


def summarize_task(
    task: Task, split: str, records: list[SampleRecord], n_total: int, data_origin: str, protocol: Comparability
) -> TaskSummary:
    """Summarize the latest record of each sample of one task."""
    scored = [r for r in records if r.status is not Status.ERRORED]
    statuses = Counter(r.status.value for r in records)
    agg = task.aggregate([(None, SampleScore(score=r.score or 0.0, metrics=r.metrics)) for r in scored])
    n_sc = len(scored)
    return TaskSummary(
        task=task.name,
        version=task.version,
        suite=task.suite.value,
        split=split,
        metric=task.metric.name,
        scale=task.metric.scale,
        score=agg.value if n_sc else None,
        ci95=agg.ci95 if n_sc else None,
        n=n_sc,
        n_errored=len(records) - n_sc,
        n_total=n_total,
        statuses=dict(sorted(statuses.items())),
        metrics=agg.metrics,
        mean_turns=(sum(r.turns for r in scored) / n_sc) if n_sc else 0.0,
        prompt_tokens=sum(r.prompt_tokens for r in records),
        completion_tokens=sum(r.completion_tokens for r in records),
        sample_s=sum(r.wall_s for r in records),
        model_s=sum(r.model_s for r in records),
        data_origin=data_origin,
        protocol=protocol,
        oracle=oracle_summary(scored, task.metric.factor) if task.metric.scale == "percent" else None,
    )
