"""How the model's answers are read (AI_En.py's checks) and what five rejected answers cost."""

from __future__ import annotations

import pytest

from tasks.card_game.game import Game
from tasks.card_game.seat import json_candidates

GUESS = '{"guess_type": "spray", "target_position": 0}'
AOE = '{"pick_fish": "spray", "action": "active", "target_position": 3}'


def at_action(seed: int = 5, seat: int = 0, baseline: str = "baseline2") -> Game:
    game = Game(baseline, seat, seed)
    assert game.answer(GUESS) and game.pending.kind == "action"
    return game


def test_candidates_are_the_shortest_brace_spans_with_single_quotes_turned_double():
    text = "I think {'guess_type': 'eel', 'target_position': 2} or maybe {bad} {\"a\": {\"b\": 1}}"
    assert json_candidates(text) == [{"guess_type": "eel", "target_position": 2}]
    assert json_candidates("no braces at all") == []
    assert json_candidates("{\"x\": \"it's\"}") == []  # the quote swap breaks it, as in the original


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [
        ('{"guess_type": "spray", "target_position": 0}', True),
        ("{'guess_type': 'eel', 'target_position': '2'}", True),
        ('{"guess_type": "Spray", "target_position": 0}', False),  # names are exact
        ('{"guess_type": "spray", "target_position": 1.0}', False),  # "1.0" is not in ["0".."3"]
        ('{"guess_type": "spray", "target_position": 4}', False),
        ('{"guess_type": "spray"}', False),
        ('Let me think. {"guess_type": "shark", "target_position": 0} No: {"guess_type": "flame", "target_position": 3}', True),
        ("", False),
    ],
)
def test_guess_checks(answer, accepted):
    game = Game("baseline1", 0, seed=2)
    assert game.answer(answer) is accepted
    assert game.pending.kind == ("action" if accepted else "guess")


def test_a_guess_at_a_revealed_fish_is_accepted_and_becomes_no_guess():
    game = Game("baseline1", 0, seed=2)
    truth = [f.id for f in game.referee.teams[1].fish]
    name = {1: "spray", 2: "flame", 3: "eel", 4: "sunfish"}[truth[0]]
    right = f'{{"guess_type": "{name}", "target_position": 0}}'
    assert game.answer(right)
    assert game.referee.last_assert == {"AssertPos": 0, "AssertContent": truth[0], "AssertResult": True}
    game.answer(AOE)
    while game.pending.kind != "guess":
        game.answer(AOE)
    assert game.answer(right)  # position 0 is revealed: the SDK sends "Null"
    assert game.referee.last_assert == {"AssertPos": None, "AssertContent": None, "AssertResult": None}


def test_a_guess_at_a_dead_enemy_is_rejected():
    game = Game("baseline1", 0, seed=2)
    game.referee.teams[1].fish[1].hp = 0
    game.referee.teams[1].fish[1].state = 2
    game.model.client.enemy_fish[1].hp = 0
    assert game.answer('{"guess_type": "spray", "target_position": 1}') is False


def test_aoe_ignores_its_target_and_names_every_living_enemy():
    game = at_action()
    assert game.answer(AOE)
    info = game.referee.last_action[0]
    assert info["skill"]["type"] == "aoe" and info["ActionFish"] == 0 and len(info["skill"]["targets"]) == 4


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [
        ('{"pick_fish": "flame", "action": "normal", "target_position": 2}', True),
        ('{"pick_fish": "flame", "action": "active", "target_position": 3}', True),  # infight on the sunfish
        ('{"pick_fish": "flame", "action": "active", "target_position": 1}', False),  # on itself
        ('{"pick_fish": "1", "action": "active", "target_position": 3}', False),  # a flame named by position: the SDK refuses
        ('{"pick_fish": "0", "action": "active", "target_position": 3}', True),  # a spray named by position: AOE
        ('{"pick_fish": "flame", "action": "attack", "target_position": 2}', False),
        ('{"pick_fish": "shark", "action": "normal", "target_position": 2}', False),
        ('{"pick_fish": "flame", "action": "normal", "target_position": "x"}', False),
        ('{"pick_fish": "flame", "action": "normal"}', False),
    ],
)
def test_action_checks(answer, accepted):
    game = at_action()
    assert game.answer(answer) is accepted


def test_infight_target_must_also_be_a_living_enemy_position():
    game = at_action()
    game.referee.teams[1].fish[3].hp = 0
    game.referee.teams[1].fish[3].state = 2
    game.model.client.enemy_fish[3].hp = 0
    assert game.answer('{"pick_fish": "flame", "action": "active", "target_position": 3}') is False


def test_five_rejected_guesses_mean_no_guess_this_turn():
    game = Game("baseline1", 0, seed=4)
    for _ in range(4):
        assert game.answer("I pass.") is False and game.pending.kind == "guess"
    assert game.answer("I pass.") is False
    assert game.pending.kind == "action"
    assert game.referee.last_assert == {"AssertPos": None, "AssertContent": None, "AssertResult": None}


@pytest.mark.parametrize(("answer", "status"), [("no idea", "invalid_format"),
                                                ('{"pick_fish": "whale", "action": "normal", "target_position": 0}', "invalid_action")])
def test_five_rejected_actions_lose_the_game(answer, status):
    game = at_action()
    for _ in range(5):
        assert game.answer(answer) is False
    assert game.over and game.model_failed == status
    assert game.outcome.reason == "error" and game.outcome.error_player == 0 and game.winner() == 1
    metrics = game.metrics()
    assert metrics["win"] == 0 and metrics["full_play"] == 0 and metrics["rejected_actions"] == 5


def test_a_retry_resends_the_identical_request():
    game = at_action()
    before = list(game.pending.messages)
    game.answer("hmm")
    assert game.pending.messages == before and game.pending.tries == 1
