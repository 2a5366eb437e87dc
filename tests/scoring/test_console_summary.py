"""The end-of-run console summary: the oracle accounting line (no task code involved)."""

from __future__ import annotations

from harness.analysis.console import oracle_line
from harness.schema import OracleSummary, TaskSummary


def summary(oracle: OracleSummary | None) -> TaskSummary:
    return TaskSummary(
        task="t", version="1", suite="held-out", split="test", metric="score", scale="percent", score=80.0,
        n=10, n_errored=0, n_total=10, oracle=oracle, data_origin="official",
    )  # fmt: skip


def test_oracle_line_reports_solvable_score_and_misses():
    oracle = OracleSummary(played=10, solvable=8, score_on_solvable=100.0, explained_misses={"step_limit": 2})
    line = oracle_line(summary(oracle))
    assert line == "t oracle: 100.00 on 8 solvable samples; explained misses: step_limit 2; unexplained: none"
    bad = oracle_line(summary(OracleSummary(played=10, solvable=10, score_on_solvable=90.0, unexplained_misses=["s3"])))
    assert bad is not None and bad.endswith("unexplained: s3")
    assert oracle_line(summary(None)) is None
