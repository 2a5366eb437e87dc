"""The KG metrics of AgentBench.old, per question: F1 (main), exact match, executability.

The original computes them over its list of outputs, skipping questions whose episode crashed
(``outputs[i] is None``), so a crash shrank the denominator. Here no question is skipped: an
answer whose query fails is an empty prediction (scored 0); only environment failures
(unreachable endpoint) end a sample as ``errored``, which is not scored and is retried on resume.
"""

from __future__ import annotations

from harness.task import SampleScore


def f1(predicted: set[str], gold: set[str]) -> float:
    """The original's F1: 0 without a true positive."""
    tp = len(gold & predicted)
    if tp == 0:
        return 0.0
    precision = tp / len(predicted)
    recall = tp / len(gold)
    return 2 * precision * recall / (precision + recall)


def score_prediction(predicted: list[str], gold: set[str]) -> SampleScore:
    """One question's score: F1 as the main score, EM and executability alongside."""
    answer = set(predicted)
    value = f1(answer, gold)
    exact = len(gold & answer) == len(gold) and len(gold & answer) == len(answer)
    return SampleScore(
        score=value,
        metrics={"F1": value, "EM": 1.0 if exact else 0.0, "executability": 1.0 if predicted else 0.0},
    )
