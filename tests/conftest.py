"""Session-wide test isolation: data cache, response cache and run directories in a tmp dir;
the read-only data mirror (../shared/data beside the repository) as the data source."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("HARNESS_DATA_MIRROR") or REPO.parent / "shared" / "data")


@pytest.fixture(scope="session", autouse=True)
def _isolated_harness_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("harness-home")
    saved = {k: os.environ.get(k) for k in ("HARNESS_DATA_DIR", "HARNESS_CACHE_DIR", "HARNESS_RUNS_DIR", "HARNESS_DATA_MIRROR")}
    os.environ["HARNESS_DATA_DIR"] = str(root / "data")
    os.environ["HARNESS_CACHE_DIR"] = str(root / "cache")
    os.environ["HARNESS_RUNS_DIR"] = str(root / "runs")
    if MIRROR.is_dir():
        os.environ["HARNESS_DATA_MIRROR"] = str(MIRROR)
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture
def mirror() -> Path:
    if not MIRROR.is_dir():
        pytest.skip(f"data mirror {MIRROR} not present")
    return MIRROR
