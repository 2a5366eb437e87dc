"""Seeded games: the baselines' choices, a full game replayed, the SDK view the prompts come from."""

from __future__ import annotations

import random

from tasks.card_game.baselines import Baseline1, Baseline2
from tasks.card_game.client import ActionInfo
from tasks.card_game.engine import Referee
from tasks.card_game.game import Game, derive_seed
from tasks.card_game.seat import ModelSeat

GUESS = '{"guess_type": "eel", "target_position": %d}'
AOE = '{"pick_fish": "spray", "action": "active", "target_position": 0}'
NORMAL = '{"pick_fish": "%s", "action": "normal", "target_position": %d}'


def scripted_model(game: Game) -> str:
    """A fixed, legal policy: guess eel at the first living enemy, AOE while the spray lives, else a
    normal attack from the first living fish on the first living enemy."""
    info = game.request["GameInfo"]
    enemy = next(p for p in range(4) if info["EnemyHP"][p] > 0)
    if game.pending.kind == "guess":
        return GUESS % enemy
    if info["MyHP"][0] > 0:
        return AOE
    me = next(p for p in range(4) if info["MyHP"][p] > 0)
    return NORMAL % (("spray", "flame", "eel", "sunfish")[me], enemy)


def play(baseline: str, seat: int, seed: int) -> Game:
    game = Game(baseline, seat, seed)
    while game.pending is not None:
        assert game.answer(scripted_model(game))
    return game


def baseline_vs_baseline(seed: int) -> Referee:
    ref = Referee()
    players = [Baseline1(random.Random(seed)), Baseline2(random.Random(seed + 1))]
    while (req := ref.request()) is not None:
        p = players[req.player]
        answer = {"Pick": p.pick, "Assert": p.guess, "Action": p.act}[req.kind](req.content)
        ref.submit(req.player, answer)
    return ref


def test_baselines_are_deterministic_under_a_seed():
    a, b = baseline_vs_baseline(11), baseline_vs_baseline(11)
    assert a.replay == b.replay and a.outcome == b.outcome
    others = [baseline_vs_baseline(s).replay for s in range(12, 16)]
    assert any(r != a.replay for r in others)


def test_a_full_seeded_game_replays_exactly():
    first, again = play("baseline2", 1, 2024), play("baseline2", 1, 2024)
    assert first.referee.replay == again.referee.replay
    assert first.metrics() == again.metrics()
    assert first.over and first.outcome.reason == "eliminated"
    m = first.metrics()
    assert m["seat"] == 1 and m["win"] in (0, 1) and 0 <= m["damage"] <= 1600
    assert m["score_v02"] == 0.7 * m["win"] + 0.3 * m["damage"] / 1600


def test_the_seed_changes_the_opponents_team_and_moves():
    teams = {tuple(f.id for f in Game("baseline1", 0, derive_seed(0, f"g{i}")).referee.teams[1].fish) for i in range(8)}
    assert len(teams) > 1


def test_baseline1_only_attacks_normally_with_a_revealed_fish():
    """``auto_valid_action`` switches on the raw id, which is negative for a revealed fish."""
    bot = Baseline1(random.Random(3))
    info = {"EnemyFish": [-1] * 4, "EnemyHP": [400] * 4, "MyFish": [-1, -2, -3, -4], "MyHP": [400] * 4, "MyATK": [200] * 4}
    assert {bot.act({"GameInfo": info, "AssertReply": None})["Type"] for _ in range(60)} == {0}
    hidden = {**info, "MyFish": [1, 2, 3, 4]}
    kinds = [bot.act({"GameInfo": hidden, "AssertReply": None})["Type"] for _ in range(200)]
    assert 0.2 < kinds.count(0) / len(kinds) < 0.4  # the 30% coin flip (seeded: always the same count)


def test_action_info_keeps_stale_entries_that_reach_the_prompt():
    """An AOE on 4 fish, then a normal attack: the target arrays keep the AOE's tail."""
    info = ActionInfo()
    aoe = {"ActionFish": 0, "skill": {"type": "aoe", "isSkill": True, "targets": [
        {"pos": p, "player": 1, "value": 70, "isEnemy": False} for p in range(4)]}}
    info.parse(aoe, mine=False)
    assert info.enemy_targets[:5] == [0, 1, 2, 3, 0] and info.num_enemy_targets == 4
    hit = {"ActionFish": 2, "skill": {"type": "normalattack", "isSkill": False, "targets": [
        {"pos": 0, "player": 1, "value": 100, "isEnemy": False}]}}
    info.parse(hit, mine=False)
    assert info.num_enemy_targets == 1 and info.enemy_targets[:4] == [0, 1, 2, 3]
    seat = ModelSeat(random.Random(0))
    seat.client.enemy_action = info
    # the prompt lists the non-zero *indexes* of the whole array: the attack on position 0 reads [1, 2, 3]
    assert seat._enemy_action(True) == {"ACTION_FISH": "2", "ATK": "100", "TARGET": "[1, 2, 3]", "SKILL_TYPE": "Normal"}
    info.parse(None, mine=False)
    assert info.action_fish == -1 and info.enemy_targets[:4] == [0, 1, 2, 3]
