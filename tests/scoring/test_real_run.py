"""Leaderboard, compare and report on run directories written by the real `harness run` (oracle model)."""

from __future__ import annotations

import pandas as pd
import pytest

from harness.analysis.runs import load_run, load_samples
from harness.cli import main


@pytest.fixture(scope="module")
def oracle_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("oracle-runs")
    for name in ("first", "second"):
        assert main(["run", "--model", "oracle", "--task", "gsm8k", "--limit", "3", "--out", str(root / name),
                     "--no-progress"]) == 0
    return root / "first", root / "second"


def test_scoring_reads_the_store_format(oracle_runs, tmp_path, capsys):
    first, second = oracle_runs
    run = load_run(first)
    gsm8k = run.tasks["gsm8k"]
    assert run.model == "oracle" and gsm8k.oracle is not None and gsm8k.oracle.score_on_solvable == 100.0
    assert not gsm8k.oracle.unexplained_misses  # the bundled sample has a negative answer the original cannot read
    assert len(load_samples(first)) == 3
    csv = tmp_path / "board.csv"
    assert main(["leaderboard", str(first), str(second), "--csv", str(csv)]) == 0
    row = pd.read_csv(csv).query("source == 'run'").iloc[0]
    assert row["model"] == "oracle" and row["gsm8k"] == pytest.approx(gsm8k.score) and row["general_tasks"] == "1/4"
    assert main(["compare", str(first), str(second)]) == 0
    out = tmp_path / "report.html"
    assert main(["report", str(first), str(second), "--out", str(out)]) == 0
    assert out.stat().st_size > 1000
