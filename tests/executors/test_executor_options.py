"""``--executor`` and ``--ray-address`` on the command line, with or without Ray installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli import main
from harness.executors import RAY_MISSING
from harness.schema import Status
from harness.store import latest_records

REPO = Path(__file__).resolve().parents[2]


def test_ray_executor_without_ray_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as if not installed
    code = main(["run", "--model", "oracle", "--task", "gsm8k", "--limit", "1", "--executor", "ray",
                 "--out", str(tmp_path / "run"), "--no-progress"])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == f"harness: error: {RAY_MISSING}"
    assert not (tmp_path / "run").exists()


def test_ray_address_without_ray_executor_is_bad_input(capsys, tmp_path):
    code = main(["run", "--model", "oracle", "--task", "gsm8k", "--ray-address", "auto", "--out", str(tmp_path / "r")])
    assert code == 2
    assert "--ray-address needs --executor ray" in capsys.readouterr().err


def test_harness_run_executor_ray_starts_and_stops_a_private_ray(tmp_path):
    """The command as a user types it: a private local Ray instance, the oracle's records, exit 0."""
    pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'agentharness[ray]')")
    run_dir = tmp_path / "run"
    done = subprocess.run([sys.executable, "-m", "harness.cli", "run", "--model", "oracle", "--task", "gsm8k", "--limit", "2",
                           "--executor", "ray", "--out", str(run_dir), "--no-progress"],
                          capture_output=True, text=True, timeout=600, cwd=REPO, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "harness: ray: 2 environments hosted on 1 node(s)" in done.stderr
    records = latest_records(run_dir / "samples.jsonl")
    assert len(records) == 2 and all(r.status is Status.COMPLETED for r in records.values())
