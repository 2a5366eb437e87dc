"""The regression gate: McNemar and bootstrap on known cases, exit codes on synthetic runs."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from harness.analysis.compare import (
    bootstrap_statistic,
    bootstrap_test,
    compare_runs,
    mcnemar_exact,
    paired_proportion_ci,
)
from harness.cli import main

from .fakeruns import binary_scores, write_run


def test_mcnemar_exact_known_values():
    # 9 pairs pass->fail, 1 fail->pass: p = 2 * P(X <= 1 | n=10, 1/2) = 2 * 11 / 1024
    base = np.array([1] * 9 + [0] + [1] * 5 + [0] * 5)
    new = np.array([0] * 9 + [1] + [1] * 5 + [0] * 5)
    assert mcnemar_exact(base, new) == (9, 1, pytest.approx(22 / 1024))
    # 5 vs 0 discordant: p = 2 / 32
    assert mcnemar_exact(np.array([1] * 5), np.array([0] * 5))[2] == pytest.approx(2 / 32)
    # no discordant pair, or balanced discordance: p = 1
    assert mcnemar_exact(np.array([1, 0]), np.array([1, 0])) == (0, 0, 1.0)
    assert mcnemar_exact(np.array([1, 0]), np.array([0, 1]))[2] == pytest.approx(1.0)


def test_paired_proportion_ci():
    lo, hi = paired_proportion_ci(b=40, c=0, n=200)  # 80% -> 60%
    d, se = -0.2, np.sqrt(40 - 40**2 / 200) / 200
    assert (lo, hi) == (pytest.approx(d - 1.959964 * se), pytest.approx(d + 1.959964 * se))
    assert paired_proportion_ci(0, 0, 10) == (0.0, 0.0)


def test_bootstrap_matches_the_normal_approximation_and_is_seeded():
    rng = np.random.default_rng(1)
    d = rng.normal(0.3, 1.0, size=400)
    reps = bootstrap_statistic([(d, 1.0)], n_boot=4000, seed=7)
    (lo, hi), p = bootstrap_test(float(d.mean()), reps)
    se = d.std(ddof=1) / np.sqrt(len(d))
    assert lo == pytest.approx(d.mean() - 1.96 * se, abs=0.2 * se)
    assert hi == pytest.approx(d.mean() + 1.96 * se, abs=0.2 * se)
    assert p < 0.001
    assert np.array_equal(reps, bootstrap_statistic([(d, 1.0)], n_boot=4000, seed=7))


def test_bootstrap_null_and_constant_cases():
    sym = np.array([-1.0, 1.0] * 50)
    (_, _), p = bootstrap_test(0.0, bootstrap_statistic([(sym, 1.0)], n_boot=2000))
    assert p == 1.0
    const = np.full(30, -0.5)
    (lo, hi), p = bootstrap_test(-0.5, bootstrap_statistic([(const, 1.0)], n_boot=500))
    assert lo == hi == pytest.approx(-0.5) and p == pytest.approx(1 / 501)


def test_stratified_bootstrap_is_the_weighted_sum_of_stratum_means():
    a, b = np.array([1.0, 0.0, 1.0, 1.0]), np.array([-2.0, -2.0, -2.0])
    reps = bootstrap_statistic([(a, 0.5), (b, 0.25)], n_boot=3000, seed=3)
    assert reps.mean() == pytest.approx(0.5 * a.mean() + 0.25 * b.mean(), abs=0.02)
    assert np.allclose(reps - 0.25 * -2.0, np.round((reps + 0.5) * 8) / 8)  # only stratum a varies


@pytest.fixture
def degraded(tmp_path):
    base = write_run(tmp_path, "base", "m", {"os": binary_scores(200, 0.8), "kg": [0.5, 0.25, 1.0, 0.75] * 10})
    same = write_run(tmp_path, "same", "m", {"os": binary_scores(200, 0.8), "kg": [0.5, 0.25, 1.0, 0.75] * 10})
    worse = write_run(tmp_path, "worse", "m", {"os": binary_scores(200, 0.6), "kg": [0.5, 0.25, 1.0, 0.75] * 10})
    return base, same, worse


def test_compare_flags_a_degraded_run(degraded, tmp_path, capsys):
    base, _, worse = degraded
    out = tmp_path / "cmp.json"
    assert main(["compare", str(base), str(worse), "--json", str(out)]) == 1
    assert "REGRESSION" in capsys.readouterr().out
    data = json.loads(out.read_text())
    assert data["regressed"] is True and data["baseline"]["run_id"] == "base" and data["new"]["run_id"] == "worse"
    os_delta = next(t for t in data["tasks"] if t["task"] == "os")
    assert os_delta["test"] == "mcnemar" and os_delta["regression"]
    assert os_delta["delta"] == pytest.approx(-20.0) and os_delta["discordant"] == [40, 0]
    assert os_delta["p_value"] == pytest.approx(2 * 0.5**40)
    kg_delta = next(t for t in data["tasks"] if t["task"] == "kg")
    assert kg_delta["test"] == "bootstrap" and not kg_delta["regression"] and kg_delta["delta"] == 0
    (held_in,) = data["suites"]
    assert held_in["partial"] and held_in["coverage"] == "2/6" and held_in["regression"]
    assert held_in["delta"] == pytest.approx(-20.0 / 20 / 2)


def test_compare_passes_an_identical_rerun(degraded, capsys):
    base, same, _ = degraded
    assert main(["compare", str(base), str(same)]) == 0
    assert "no significant regression" in capsys.readouterr().out


def test_small_or_insignificant_drops_pass(tmp_path):
    base = write_run(tmp_path, "b", "m", {"os": binary_scores(200, 0.8)})
    slight = write_run(tmp_path, "s", "m", {"os": binary_scores(200, 0.795)})
    noisy = write_run(tmp_path, "n", "m", {"os": binary_scores(20, 0.8) + [None] * 180})
    tiny = write_run(tmp_path, "t", "m", {"os": binary_scores(20, 0.7) + [None] * 180})
    assert not compare_runs(str(base), str(slight), tolerance=1.0).regressed  # -0.5 points: within tolerance
    cmp = compare_runs(str(noisy), str(tiny), tolerance=1.0)  # -10 points on 20 pairs: not significant
    assert cmp.tasks[0].n_paired == 20 and cmp.tasks[0].p_value > 0.05 and not cmp.regressed
    assert compare_runs(str(base), str(slight), tolerance=0.0, alpha=0.99).regressed


def test_errored_samples_are_left_out_of_the_pairs(tmp_path):
    base = write_run(tmp_path, "b", "m", {"os": [1.0, 1.0, None, 0.0]})
    new = write_run(tmp_path, "n", "m", {"os": [1.0, None, 1.0, 0.0]})
    t = compare_runs(str(base), str(new)).tasks[0]
    assert (t.n_paired, t.n_base_only, t.n_new_only) == (2, 1, 1)


def test_bad_input_exits_2(tmp_path, capsys):
    base = write_run(tmp_path, "b", "m", {"os": [1.0]})
    other = write_run(tmp_path, "o", "m", {"db": [1.0]})
    assert main(["compare", str(base), str(other)]) == 2
    assert "no task with a sample scored in both" in capsys.readouterr().err
    proc = subprocess.run([sys.executable, "-m", "harness.cli", "compare", str(base), str(tmp_path / "missing")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "no run directory" in proc.stderr and "Traceback" not in proc.stderr
