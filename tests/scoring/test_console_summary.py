"""The end-of-run console summary: the oracle accounting line (no task code involved)."""

from __future__ import annotations

from harness.report_console import oracle_line
from harness.summary import TaskSummary


def summary(metrics: dict) -> TaskSummary:
    return TaskSummary(
        task="t", version="1", suite="held-out", split="test", metric="score", scale="percent", score=80.0,
        n=10, n_errored=0, n_total=10, metrics=metrics, data_origin="official",
    )  # fmt: skip


def test_oracle_line_reports_solvable_score_and_misses():
    line = oracle_line(
        summary(
            {
                "oracle": {
                    "score_on_solvable": 100.0,
                    "solvable": 8,
                    "explained_misses": {"step_limit": 2},
                    "unexplained_misses": [],
                }
            }
        )
    )
    assert line == "t oracle: 100.00 on 8 solvable samples; explained misses: step_limit 2; unexplained: none"
    bad = oracle_line(summary({"oracle": {"score_on_solvable": 90.0, "solvable": 9, "unexplained_misses": ["s3"]}}))
    assert bad is not None and bad.endswith("unexplained: s3")
    assert oracle_line(summary({"per_task": {}})) is None
