"""Bad input: a malformed game file errors its sample with the reason; malformed lists, prompts,
logic or options stop the run with one clear line (HarnessError: exit 2)."""

from __future__ import annotations

import json

import pytest

from harness.errors import ConfigError, HarnessError
from harness.oracle import OracleModel
from harness.task import Status
from tasks.alfworld import ALFWorld
from tasks.alfworld.sources import PROMPTS, STD_LIST
from tests.alfworld.helpers import PUT_GAME, by_game, copy_sample, play


@pytest.fixture
def data(tmp_path):
    return copy_sample(tmp_path)


def _game(data):
    return data["alfworld-games"] / PUT_GAME


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "is not JSON"),
        ("[1, 2]", "is not a JSON object"),
        (json.dumps({"pddl_domain": "x", "grammar": "y"}), "lacks 'pddl_problem'"),
        (None, "has no 'Your task is to: ...' rule"),
    ],
)
def test_malformed_game_file_errors_its_sample_with_the_reason(data, content, reason):
    path = _game(data)
    if content is None:  # a game whose grammar lost its task rule
        game = json.loads(path.read_text())
        game["grammar"] = game["grammar"].replace("Your task is to:", "Your goal:")
        content = json.dumps(game)
    path.write_text(content)
    task = ALFWorld(data=data)
    record = play(task, by_game(task)[PUT_GAME], OracleModel())
    assert record.status == Status.ERRORED and record.error_kind == "environment"
    first = record.error.splitlines()[0]
    assert first.startswith("GameFileError: alfworld: game file") and str(path) in first and reason in first


def test_a_game_the_engine_cannot_parse_errors_its_sample(data):
    path = _game(data)
    game = json.loads(path.read_text())
    game["pddl_problem"] = "(define (problem broken) (:domain alfred) (:objects"
    path.write_text(json.dumps(game))
    task = ALFWorld(data=data)
    record = play(task, by_game(task)[PUT_GAME], OracleModel())
    assert record.status == Status.ERRORED
    assert record.error.splitlines()[0].startswith(f"GameFileError: alfworld: the engine cannot load {PUT_GAME}")


def test_malformed_list_stops_the_run(data):
    path = data["agentbench-alfworld"] / STD_LIST
    path.write_text('{"pick_and_place": "not a list"}')
    with pytest.raises(HarnessError, match="malformed game list .*standard.json"):
        ALFWorld(data=data).samples("std")
    path.write_text("{")
    with pytest.raises(HarnessError, match="malformed game list"):
        ALFWorld(data=data).samples("std")


def test_a_listed_game_that_is_missing_stops_the_run(data):
    _game(data).unlink()
    with pytest.raises(HarnessError, match="lists .*SoapBottle.* which is not in"):
        ALFWorld(data=data).samples("std")


def test_malformed_prompts_stop_the_run(data):
    path = data["agentbench-alfworld"] / PROMPTS
    prompts = json.loads(path.read_text())
    prompts["put"] = prompts["put"][:-1]  # an odd number of turns
    path.write_text(json.dumps(prompts))
    with pytest.raises(HarnessError, match="malformed prompt file .*'put'"):
        ALFWorld(data=data).samples("std")


def test_malformed_logic_stops_the_run(data):
    (data["alfworld-logic"] / "logic/alfred.twl2").write_text("grammar :: nothing")
    with pytest.raises(HarnessError, match="no UNKNOWN GOAL"):
        ALFWorld(data=data).samples("std")


def test_unknown_logic_option():
    with pytest.raises(ConfigError, match="logic must be one of agentbench, game"):
        ALFWorld(data={}, options={"logic": "newest"})


def test_unknown_split(sample_task):
    with pytest.raises(HarnessError, match="unknown split"):
        sample_task.samples("test")


def test_a_missing_engine_stops_the_run(monkeypatch):
    import asyncio
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "fast_downward" else real(name, *a))
    with pytest.raises(HarnessError, match=r"alfworld needs fast_downward: pip install 'textworld\[pddl\]'"):
        asyncio.run(ALFWorld(data={}).start(None))
