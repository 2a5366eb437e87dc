"""Bad input gets one clear line and exit code 2; the main commands work from the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def harness(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args], capture_output=True, text=True, timeout=300,
        env={**os.environ, **(env or {})}, cwd=cwd or REPO,
    )


def _one_line_error(proc: subprocess.CompletedProcess, needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("harness: error:"), proc.stderr
    assert needle in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args,needle",
    [
        (["run", "--model", "oracle", "--task", "nope"], "unknown task 'nope'"),
        (["run", "--model", "no-such-model", "--task", "gsm8k"], "unknown model 'no-such-model'"),
        (["run", "--model", "oracle", "--suite", "sideways"], "unknown suite"),
        (["run", "--model", "oracle", "--suite", "general,sideways"], "unknown suite 'sideways'"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--split", "dev"], "no split 'dev'"),
        (["run", "--model", "oracle"], "no task selected"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--limit", "0"], "--limit"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--task-opt", "novalue"], "KEY=VALUE"),
        (["run", "--model", "oracle", "--task", "hotpotqa", "--task-opt", "max_steps=ten"], "max_steps must be"),
        (["run", "--model", "oracle", "--task", "sciworld", "--task-opt", "jvm_reuse=maybe"], "true or false"),
        (["run", "--resume", "/nonexistent/run"], "cannot resume"),
        (["run", "--concurrency", "many"], "invalid int value"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--concurrency", "0"], "concurrency"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--task-opt", "data=x"], "no selected task takes option 'data'"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--task-opt", "gsm8k.nope=1"], "unknown task option 'nope'"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--task-opt", "os.sandbox=local"], "does not select"),
        (["run", "--model", "oracle", "--task", "gsm8k", "--sandbox", "docker"], "no selected task takes option 'sandbox'"),
        (["run", "--model", "no-such-model", "--task", "gsm8k", "--split", "test"], "unknown model"),
        (["report", "no-run", "--out", "/nonexistent/x.html"], "does not exist"),
        (["frobnicate"], "invalid choice"),
        (["data", "pull", "nope"], "unknown task"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, needle, tmp_path):
    _one_line_error(harness(*args, cwd=tmp_path), needle)


def test_malformed_registry_exits_2(tmp_path):
    bad = tmp_path / "models.toml"
    bad.write_text("[models.x\nadapter=")
    _one_line_error(harness("run", "--task", "gsm8k", env={"HARNESS_MODELS": str(bad)}), "malformed model registry")
    bad.write_text("[models.x]\nurl = 'http://x'\n")
    _one_line_error(harness("list", "models", env={"HARNESS_MODELS": str(bad)}), "needs adapter")


def test_corrupt_mirror_file_exits_2(tmp_path):
    mirror = tmp_path / "mirror" / "gsm8k"
    mirror.mkdir(parents=True)
    (mirror / "test.jsonl").write_text('{"question": "x"\n')
    (mirror / "train.jsonl").write_text("")
    env = {"HARNESS_DATA_MIRROR": str(tmp_path / "mirror"), "HARNESS_DATA_DIR": str(tmp_path / "cache")}
    _one_line_error(harness("data", "pull", "gsm8k", env=env), "checksum mismatch")


def test_malformed_bundled_style_data_exits_2(tmp_path):
    from harness.data import is_pulled  # noqa: F401  (import check only)

    cache = tmp_path / "cache" / "gsm8k"
    cache.mkdir(parents=True)
    from tasks.gsm8k import GSM8K_SOURCE

    for f in GSM8K_SOURCE.files:
        (cache / f.path).write_text('{"question": "q", "answer": "#### 1"}\nnot json\n')
    (cache / ".verified").write_text(GSM8K_SOURCE.digest() + "\n")
    env = {"HARNESS_DATA_DIR": str(tmp_path / "cache"), "HARNESS_DATA_MIRROR": ""}
    _one_line_error(harness("run", "--model", "oracle", "--task", "gsm8k", "--no-progress", env=env, cwd=tmp_path), "malformed JSON")


def test_oracle_gsm8k_full_test_set_scores_100(tmp_path, mirror):
    out = tmp_path / "run"
    proc = harness("run", "--model", "oracle", "--task", "gsm8k", "--out", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((out / "summary.json").read_text())["tasks"]["gsm8k"]
    # the paper's extraction cannot read the two negative gold answers; the robust one can
    assert summary["n"] == 1319 and summary["data_origin"] == "official" and summary["protocol"]["comparable"]
    assert summary["score"] == pytest.approx(100.0 * 1317 / 1319) and summary["metrics"]["accuracy_robust"] == 100.0
    assert summary["oracle"]["score_on_solvable"] == 100.0
    assert summary["oracle"]["explained_misses"] == {"protocol_extraction": 2} and not summary["oracle"]["unexplained_misses"]
    lines = (out / "samples.jsonl").read_text().splitlines()
    assert len(lines) == 1319
    again = harness("run", "--resume", str(out), "--no-progress")
    assert again.returncode == 0 and len((out / "samples.jsonl").read_text().splitlines()) == 1319


def test_list_commands():
    proc = harness("list", "tasks")
    assert proc.returncode == 0 and "gsm8k" in proc.stdout
    proc = harness("list", "models")
    assert "agentlm-70b" in proc.stdout and "smollm2" in proc.stdout


def test_resume_keeps_seed(tmp_path, mirror):
    out = tmp_path / "run"
    first = harness("run", "--model", "oracle", "--task", "gsm8k", "--limit", "2", "--seed", "7",
                    "--out", str(out), "--no-progress")
    assert first.returncode == 0, first.stderr
    assert json.loads((out / "manifest.json").read_text())["seed"] == 7
    _one_line_error(harness("run", "--resume", str(out), "--seed", "3"), "seed 7")
    ok = harness("run", "--resume", str(out), "--no-progress")
    assert ok.returncode == 0, ok.stderr
    assert json.loads((out / "manifest.json").read_text())["seed"] == 7


def test_a_run_that_ends_with_errored_samples_exits_3(tmp_path):
    """Every request rejected (HTTP 400): the run finishes, says how to resume, and exits 3 so that
    a training pipeline's regression step cannot take it for a result."""
    from tests.fakes.fake_tgi import FakeTGI

    out = tmp_path / "run"
    with FakeTGI() as tgi:
        tgi.fail_next(*["400"] * 3)
        proc = harness("run", "--model", f"tgi:{tgi.url}", "--task", "gsm8k", "--limit", "3", "--out", str(out),
                       "--no-progress", "--no-cache")
    assert proc.returncode == 3, proc.stderr
    assert f"--resume {out}" in proc.stderr and "Traceback" not in proc.stderr
    summary = json.loads((out / "summary.json").read_text())["tasks"]["gsm8k"]
    assert summary["n_errored"] == 3 and summary["score"] is None


def test_bare_clone_bad_model_is_reported_before_the_data_warning(tmp_path):
    """Without pulled data the bundled-sample warning must not come first: the command line and
    the model are validated before data is resolved."""
    env = {"HARNESS_DATA_MIRROR": "", "HARNESS_DATA_DIR": str(tmp_path / "empty")}
    _one_line_error(harness("run", "--model", "no-such-model", "--task", "gsm8k", env=env, cwd=tmp_path), "unknown model")
    _one_line_error(harness("run", "--model", "oracle", "--task", "gsm8k", "--split", "dev", env=env, cwd=tmp_path), "no split")
