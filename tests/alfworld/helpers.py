"""ALFWorld test helpers: the bundled sample set (two real games), episodes."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from harness.loop import run_episode
from harness.task import RunContext
from tasks.alfworld import ALFWorld
from tasks.alfworld.sources import SOURCES

SAMPLE = Path(ALFWorld.sample_data)
SAMPLE_DIRS = {s.name: SAMPLE / s.name for s in SOURCES}
PUT_GAME = "json_2.1.1/valid_unseen/pick_and_place_simple-SoapBottle-None-Toilet-424/trial_T20190907_004321_405868/game.tw-pddl"
CLEAN_GAME = "json_2.1.1/valid_unseen/pick_clean_then_place_in_recep-SoapBar-None-CounterTop-424/trial_T20190907_074124_966890/game.tw-pddl"


def play(task, sample, model, limit: int | None = None):
    """One episode through the agent loop (``limit``: stop after that many model calls)."""
    if limit is not None:
        task.max_turns = limit  # an instance attribute: the class keeps the protocol's 35
    return asyncio.run(run_episode(task, sample, model, RunContext(), sample.split))


def by_game(task, split="std"):
    return {s.data["game"]: s for s in task.samples(split)}


def copy_sample(tmp_path: Path) -> dict[str, Path]:
    """A writable copy of the bundled sample set (for bad-input tests)."""
    import shutil

    out = {}
    for name, folder in SAMPLE_DIRS.items():
        out[name] = tmp_path / name
        shutil.copytree(folder, out[name])
    return out


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))
