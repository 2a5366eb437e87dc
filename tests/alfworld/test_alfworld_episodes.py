"""Whole ALFWorld episodes on the real engine (the bundled sample: two real games): the oracle's
replay, observations, the three-identical-outputs rule, the step limit, errors."""

from __future__ import annotations

from harness.oracle import OracleModel
from harness.task import SampleScore, Status
from tasks.alfworld.env import ALFWorldEnv
from tests.alfworld.helpers import CLEAN_GAME, PUT_GAME, by_game, play
from tests.fakes.scripted import ScriptedModel


def test_oracle_replays_both_bundled_games(sample_task):
    samples = sample_task.samples("std")
    assert [s.data["type"] for s in samples] == ["pick", "clean"]
    records = [play(sample_task, s, OracleModel()) for s in samples]
    assert [(r.status, r.score, r.turns) for r in records] == [(Status.COMPLETED, 1.0, 4), (Status.COMPLETED, 1.0, 6)]
    put = records[0].trajectory
    assert [t.info["action"] for t in put] == [
        "go to countertop 1", "take soapbottle 3 from countertop 1", "go to toilet 1", "put soapbottle 3 in/on toilet 1",
    ]  # fmt: skip
    # the old grammar's arrival prefix is cut from what the model reads
    assert [t.observation for t in put] == [
        "On the countertop 1, you see a soapbottle 3, and a soapbottle 1.",
        "You pick up the soapbottle 3 from the countertop 1.",
        "On the toilet 1, you see a candle 2.",
        "You put the soapbottle 3 in/on the toilet 1.",
    ]
    agg = sample_task.aggregate([(None, SampleScore(score=r.score, metrics=r.metrics)) for r in records])
    assert agg.value == 100.0 and agg.metrics["pick_n"] == 1 and agg.metrics["clean_n"] == 1


def test_actions_are_mapped_onto_admissible_commands(sample_task):
    sample = by_game(sample_task)[PUT_GAME]
    model = ScriptedModel([
        "THOUGHT: the bottle may be on the countertop.\n ACTION: go to the countertop\n",
        "ACTION: pick up soapbottle 3 from countertop 1",
        "ACTION: fly to the moon\n",  # BLEU > 0.01 with every "go to ...": the first of them
        "xyzzy",  # no ACTION: the whole line; no BLEU above 0.01: sent raw
        "ACTION: go to toilet 1\n",
        "ACTION: put soapbottle 3 on toilet 1\n",
    ])  # fmt: skip
    record = play(sample_task, sample, model)
    steps = [(t.info["action"], t.invalid, t.observation) for t in record.trajectory]
    assert steps == [
        ("go to countertop 1", False, "On the countertop 1, you see a soapbottle 3, and a soapbottle 1."),
        ("take soapbottle 3 from countertop 1", False, "You pick up the soapbottle 3 from the countertop 1."),
        ("go to cabinet 1", False, "The cabinet 1 is closed."),
        ("xyzzy", True, "Nothing happens."),
        ("go to toilet 1", False, "On the toilet 1, you see a candle 2."),
        ("put soapbottle 3 in/on toilet 1", False, "You put the soapbottle 3 in/on the toilet 1."),
    ]
    assert record.status == Status.COMPLETED and record.score == 1.0


def test_three_identical_outputs_end_the_episode_from_the_fourth(sample_task):
    sample = by_game(sample_task)[PUT_GAME]
    record = play(sample_task, sample, ScriptedModel([], last="ACTION: look\n"))
    # outputs 1-3 are identical already, but the original checks only once more than 3 are logged
    assert record.turns == 4 and record.status == Status.INVALID_ACTION and record.score == 0.0
    assert record.metrics["repeated"] is True and record.metrics["won"] is False
    outputs = ["ACTION: look\n"] * 3 + ["ACTION: inventory\n", "ACTION: look\n"] + ["ACTION: inventory\n"] * 3
    record = play(sample_task, sample, ScriptedModel(outputs, last="never sent"))
    assert record.turns == 8 and record.status == Status.INVALID_ACTION  # the first repeat-free window breaks at 4


class _WinningGame:
    """A stand-in engine that wins on a given step (the rule's order is under test, not the game)."""

    admissible = ("look", "inventory")

    def __init__(self, win_at: int):
        self.win_at = win_at
        self.steps, self.won, self.done = 0, False, False

    def step(self, command):
        self.steps += 1
        self.won = self.done = self.steps == self.win_at
        return "You win." if self.won else "Nothing happens."


def _play_fake(outputs, win_at):
    env = ALFWorldEnv(game_path=None, listed=PUT_GAME, example=[], logic=None, kind="pick")
    env.game = _WinningGame(win_at)
    results = [env.step(o) for o in outputs]
    return results[-1], env.evaluate(results[-1].status).score


def test_the_repeat_rule_is_checked_before_the_win():
    look, inventory = "ACTION: look\n", "ACTION: inventory\n"
    last, score = _play_fake([look] * 4, win_at=4)  # the 4th identical output wins the game: still 0
    assert last.done and last.status == Status.INVALID_ACTION and score == 0.0
    last, score = _play_fake([look, look, inventory, look], win_at=4)
    assert last.status == Status.COMPLETED and score == 1.0
    last, score = _play_fake([look] * 3, win_at=3)  # three identical outputs, but only three logged
    assert last.status == Status.COMPLETED and score == 1.0


def test_thirty_five_outputs_then_the_limit(sample_task):
    sample = by_game(sample_task)[CLEAN_GAME]
    outputs = ["ACTION: look\n", "ACTION: inventory\n"] * 18
    model = ScriptedModel(outputs)
    record = play(sample_task, sample, model)
    assert record.status == Status.TASK_LIMIT_REACHED and record.score == 0.0
    assert record.turns == 35 and len(model.requests) == 35
    assert model.requests[-1].params.max_new_tokens == 128 and model.requests[-1].params.truncate == 3968
