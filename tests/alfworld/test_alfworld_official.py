"""On the official data (the read-only mirror; skipped without it): the lists, the oracle on a few
std games of other task types, the files' own logic, and the bundled logic files' equivalence."""

from __future__ import annotations

import pytest

from harness.data import pull
from harness.oracle import OracleModel
from harness.task import Status
from tasks.alfworld import ALFWorld
from tasks.alfworld.engine import GameFile, LogicFiles
from tasks.alfworld.process import GameProcess
from tasks.alfworld.sources import SOURCES
from tests.alfworld.helpers import PUT_GAME, SAMPLE_DIRS, play


@pytest.fixture
def mirror_data(mirror):
    """The official sources, pulled from the mirror into the session's data cache (once)."""
    return {s.name: pull(s) for s in SOURCES}


def test_std_and_dev_lists(mirror_data):
    task = ALFWorld(data=mirror_data)
    std, dev = task.samples("std"), task.samples("dev")
    assert len(std) == 50 and len(dev) == 20
    assert {s.data["game"] for s in std}.isdisjoint(s.data["game"] for s in dev)
    counts = {
        k: sum(s.data["type"] == k for s in std) for k in ("pick", "clean", "heat", "cool", "examine", "pick_two")
    }
    assert counts == {"pick": 9, "clean": 9, "heat": 8, "cool": 8, "examine": 8, "pick_two": 8}
    assert std[0].id == "std-00" and std[0].data["game"].startswith(
        "json_2.1.1/valid_unseen/pick_and_place_simple-Pencil"
    )


@pytest.mark.parametrize("kind", ["heat", "examine", "pick_two"])
def test_oracle_wins_std_games_of_other_types(mirror_data, kind):
    task = ALFWorld(data=mirror_data)
    sample = next(s for s in task.samples("std") if s.data["type"] == kind)
    record = play(task, sample, OracleModel())
    assert record.status == Status.COMPLETED and record.score == 1.0, record.error


def test_the_files_own_logic(mirror_data):
    task = ALFWorld(data=mirror_data, options={"logic": "game"})
    sample = next(s for s in task.samples("std") if s.data["type"] == "pick")
    record = play(task, sample, OracleModel())
    assert record.status == Status.COMPLETED and record.score == 1.0
    actions = [t.info["action"] for t in record.trajectory]
    assert actions[-1].startswith("move ") and " to " in actions[-1]  # the newer grammar's command
    assert record.trajectory[0].observation.startswith("You arrive at ")  # not cut: no "loc N" there


def test_bundled_logic_plays_as_the_official_files(mirror_data):
    """The bundled logic files are re-serialised (comments and indentation): same game texts."""
    game = GameFile.read(SAMPLE_DIRS["alfworld-games"] / PUT_GAME)
    transcripts = []
    for folder in (mirror_data["alfworld-logic"], SAMPLE_DIRS["alfworld-logic"]):
        play_ = GameProcess(game.playable(LogicFiles.read(folder / "logic")), label=PUT_GAME)
        try:
            seen = [play_.reset(), list(play_.admissible)]
            for command in [
                "go to countertop 1",
                "take soapbottle 3 from countertop 1",
                "inventory",
                "go to toilet 1",
                "put soapbottle 3 in/on toilet 1",
            ]:
                seen += [play_.step(command), list(play_.admissible), play_.won]
        finally:
            play_.close()
        transcripts.append(seen)
    assert transcripts[0] == transcripts[1] and transcripts[0][-1] is True
