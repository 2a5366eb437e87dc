"""The leaderboard: runs merged by model (the later run wins), suite Overalls, reference rows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from harness.analysis.leaderboard import build_leaderboard, to_markdown
from harness.analysis.runs import load_runs
from harness.analysis.scorecard import load_scorecard
from harness.cli import main

from .fakeruns import binary_scores, write_run

HELD_IN = ["alfworld", "webshop", "mind2web", "kg", "os", "db"]


@pytest.fixture
def two_runs(tmp_path):
    """Model A: a full held-in suite over two runs (os in both: the later one wins) and MT-Bench;
    model B: two held-out tasks only."""
    first = write_run(tmp_path, "a1", "model-a", {t: binary_scores(10, 0.5) for t in HELD_IN}, created="2026-01-01T00:00:00Z")
    second = write_run(tmp_path, "a2", "model-a", {"os": binary_scores(10, 0.9), "mtbench": [8.0, 7.0, None]},
                       created="2026-01-02T00:00:00Z")
    other = write_run(tmp_path, "b1", "model-b", {"sciworld": [0.25, 0.75], "webarena": binary_scores(4, 0.25)})
    return [second, first, other]  # command-line order differs from creation order on purpose


def test_leaderboard_merges_runs_and_computes_suites(two_runs):
    card = load_scorecard()
    board = build_leaderboard(load_runs(two_runs), reference=None)
    frame = board.frame.set_index("model")
    assert list(frame["source"]) == ["run", "run"]
    a = frame.loc["model-a"]
    assert a["os"] == pytest.approx(90.0)  # from a2, created later
    assert any("task os from run a2 replaces run a1" in n for n in board.notes)
    expected = sum((90.0 if t == "os" else 50.0) / card.tasks[t].weight for t in HELD_IN) / 6
    assert a["held_in"] == pytest.approx(expected)
    assert a["held_in_tasks"] == "6/6" and math.isnan(a["held_in_partial"])
    assert a["mtbench"] == pytest.approx(7.5)
    assert math.isnan(a["general"]) and a["general_partial"] == pytest.approx(7.5 / 8) and a["general_tasks"] == "1/4"
    assert a["mtbench_n"] == 2 and a["mtbench_errored"] == 1 and a["errored"] == 1
    assert a["os_tokens"] == 10 * 110 and a["os_sample_s"] == pytest.approx(5.0)  # v1 summaries' wall_s, migrated
    b = frame.loc["model-b"]
    assert math.isnan(b["held_out"]) and b["held_out_tasks"] == "2/6"
    assert b["held_out_partial"] == pytest.approx((50.0 / 16 + 25.0 / 3) / 2)


def test_leaderboard_cli_writes_csv_with_reference_rows(two_runs, tmp_path, capsys):
    out, md = tmp_path / "board.csv", tmp_path / "board.md"
    assert main(["leaderboard", *map(str, two_runs), "--reference", "agenttuning", "--csv", str(out), "--markdown", str(md)]) == 0
    assert "replaces run a1" in capsys.readouterr().err
    frame = pd.read_csv(out)
    assert list(frame["source"]).count("run") == 2 and list(frame["source"]).count("reference") == 8
    gpt4 = frame[frame["model"] == "GPT-4"].iloc[0]
    assert gpt4["source"] == "reference" and gpt4["held_in"] == pytest.approx(2.75) and gpt4["webarena"] == pytest.approx(6.28)
    assert set(frame["scorecard"]) == {load_scorecard().version}
    for col in ("alfworld", "held_in", "held_in_partial", "held_in_tasks", "general", "n", "errored", "tokens",
                "sample_s", "os_n", "os_errored", "os_tokens", "os_sample_s", "os_comparable", "os_why", "held_in_comparable",
                "not_comparable"):
        assert col in frame.columns
    text = md.read_text()
    assert "(partial 1/4)" in text and "(partial 2/6)" in text and "| GPT-4 | reference |" in text


def test_partial_suite_is_never_in_the_full_column(two_runs):
    board = build_leaderboard(load_runs(two_runs[2:]), reference=None)
    row = board.frame.iloc[0]
    assert math.isnan(row["held_out"]) and not math.isnan(row["held_out_partial"])
    assert "Held-out" in to_markdown(board) and "(partial 2/6)" in to_markdown(board)


def test_leaderboard_prints_to_the_terminal_without_an_output_file(two_runs, capsys):
    assert main(["leaderboard", str(two_runs[0]), "--reference", "none"]) == 0
    out = capsys.readouterr().out
    assert "model-a" in out and "Held-in" in out and "score card" in out


def test_leaderboard_output_folder_must_exist(two_runs, tmp_path, capsys):
    assert main(["leaderboard", str(two_runs[0]), "--csv", str(tmp_path / "nope" / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


def test_leaderboard_missing_run_dir(tmp_path, capsys):
    assert main(["leaderboard", str(tmp_path / "nope"), "--csv", str(tmp_path / "x.csv")]) == 2
    assert "no run directory" in capsys.readouterr().err
