"""Step metrics and their aggregation, on hand-checked cases."""

from __future__ import annotations

import pytest

from tasks.mind2web.records import StepPlan
from tasks.mind2web.scoring import aggregate, sample_score, score_step


def plan(index: int, gold_ids: list[str], gold_action: str = "CLICK ") -> StepPlan:
    op, _, value = gold_action.partition(" ")
    return StepPlan(index=index, action_uid=f"u{index}", previous_actions=[], gold_ids=gold_ids, gold_op=op,
                    gold_value=value, gold_action=gold_action, pool=["1", "2", "3"], ranked=True,
                    gold_rank=0 if gold_ids else 14)  # fmt: skip


def test_score_step_cases():
    right = score_step(plan(0, ["7", "8"], "TYPE New York"), "asked", ("8", "TYPE New York"), 2)
    assert (right.element_correct, right.action_f1, right.success) == (True, 1.0, True)
    partial = score_step(plan(1, ["7"], "TYPE New York"), "asked", ("7", "TYPE New"), 2)
    assert (partial.element_correct, partial.action_f1, partial.success) == (True, 0.8, False)
    wrong_element = score_step(plan(2, ["7"]), "asked", ("9", "CLICK "), 1)
    assert (wrong_element.element_correct, wrong_element.action_f1, wrong_element.success) == (False, 1.0, False)
    nothing = score_step(plan(3, ["7"]), "asked", ("", ""), 3)
    assert (nothing.element_correct, nothing.action_f1, nothing.success) == (False, 0.0, False)
    # gold outside the top k: 0 on everything, even for a prediction that would match the action
    outside = score_step(plan(4, []), "outside_top_k", ("", "CLICK "), 0)
    assert (outside.element_correct, outside.action_f1, outside.success) == (False, 0.0, False)


def test_aggregate_is_micro_over_steps_with_task_success_over_tasks():
    task_a = [  # 2 of 3 steps right
        score_step(plan(0, ["1"]), "asked", ("1", "CLICK "), 1),
        score_step(plan(1, ["1"], "TYPE x"), "asked", ("1", "TYPE x"), 1),
        score_step(plan(2, []), "outside_top_k", ("", ""), 0),
    ]
    task_b = [score_step(plan(0, ["2"]), "asked", ("2", "CLICK "), 1)]  # 1 of 1
    scores = [sample_score(task_a, {"website": "a"}), sample_score(task_b, {"website": "b"})]
    assert [s.score for s in scores] == pytest.approx([2 / 3, 1.0])
    agg = aggregate(scores)
    assert agg.value == pytest.approx(75.0)  # 3 of 4 steps, not the mean of 66.7 and 100
    assert agg.metrics["macro_step_sr"] == pytest.approx(100 * (2 / 3 + 1) / 2)
    assert agg.metrics["element_acc"] == pytest.approx(75.0)
    assert agg.metrics["action_f1"] == pytest.approx(75.0)
    assert agg.metrics["task_success"] == pytest.approx(50.0)
    assert (agg.metrics["steps"], agg.metrics["tasks"], agg.metrics["steps_outside_top_k"]) == (4, 2, 1)
    lo, hi = agg.ci95
    assert lo <= 75.0 <= hi <= 100.0


def test_aggregate_of_nothing():
    assert aggregate([]).value == 0.0 and aggregate([]).ci95 is None
