"""The referee's rules on hand-checked scenarios: each skill and passive, guesses, errors, win order.

Numbers are worked out from the rules (and agree with the compiled original, see DIFFERENTIAL.md):
HP 400, attack 200; a normal attack deals attack // 2; spray's AOE 70; eel's AOE int(0.35 × attack);
infight 75 to a teammate and +140 attack; a deflecting eel/sunfish keeps int(0.7 d) and splits
int(0.3 d) evenly (integer division) over its living teammates; each other living spray/flame
counters 30 when a hit leaves its teammate under 120 HP; a right guess costs every enemy fish 50.
"""

from __future__ import annotations

import pytest

from tasks.card_game.checks import (
    ACTION_RULES_ERROR,
    ACTION_WITH_DEAD_FISH,
    ASSERT_DEAD_FISH,
    ASSERT_EXPOSED_FISH,
)
from tasks.card_game.engine import Referee
from tasks.card_game.fish import DEAD

NULL = {"Action": "Null"}


def start(p0=(1, 2, 3, 4), p1=(1, 2, 3, 4), **kw) -> Referee:
    ref = Referee(**kw)
    ref.submit(0, {"Action": "Pick", "ChooseFishs": list(p0)})
    ref.submit(1, {"Action": "Pick", "ChooseFishs": list(p1)})
    return ref


def normal(me: int, target: int) -> dict:
    return {"Action": "Action", "Type": 0, "MyPos": me, "EnemyPos": target}


def aoe(me: int, targets: list[int]) -> dict:
    return {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": targets, "MyList": []}


def infight(me: int, mate: int) -> dict:
    return {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": [], "MyList": [mate]}


def hp(ref: Referee, player: int) -> list[int]:
    return [f.hp for f in ref.teams[player].fish]


def atk(ref: Referee, player: int) -> list[int]:
    return [f.atk for f in ref.teams[player].fish]


def set_hp(ref: Referee, player: int, values: list[int]) -> None:
    for f, v in zip(ref.teams[player].fish, values):
        f.hp = v
        if v <= 0:
            f.state = DEAD


def test_turn_order_player0_guesses_then_acts_first():
    ref = Referee()
    assert (ref.request().player, ref.request().kind) == (0, "Pick")
    ref.submit(0, {"Action": "Pick", "ChooseFishs": [1, 2, 3, 4]})
    assert (ref.request().player, ref.request().kind) == (1, "Pick")
    ref.submit(1, {"Action": "Pick", "ChooseFishs": [4, 3, 2, 1]})
    kinds = []
    for _ in range(4):
        req = ref.request()
        kinds.append((req.player, req.kind))
        ref.submit(req.player, NULL if req.kind == "Assert" else normal(0, 0))
    assert kinds == [(0, "Assert"), (0, "Action"), (1, "Assert"), (1, "Action")]


def test_spray_aoe_hits_every_enemy_for_70_and_deflecters_split_30_percent():
    ref = start()
    ref.submit(0, NULL)
    ref.submit(0, aoe(0, [0, 1, 2, 3]))
    # eel: keeps 49 of 70, 21 // 3 = 7 to each teammate; then sunfish the same
    assert hp(ref, 1) == [400 - 70 - 7 - 7, 400 - 70 - 7 - 7, 400 - 49 - 7, 400 - 7 - 49]
    info = ref.last_action[0]
    assert [t["value"] for t in info["skill"]["targets"]] == [70, 70, 70, 70]
    assert [(p["type"], p["source"], p["value"]) for p in info["passive"]] == [("deflect", 2, 49.0), ("deflect", 3, 49.0)]


def test_eel_aoe_is_35_percent_of_its_attack_and_grows_after_200_damage_taken():
    ref = start()
    ref.submit(0, NULL)
    ref.submit(0, infight(1, 2))  # flame hits its own eel for 75 (no deflection: the damage has no source)
    assert hp(ref, 0)[2] == 325 and atk(ref, 0)[1] == 340
    ref.submit(1, NULL)
    ref.submit(1, normal(0, 0))
    ref.submit(0, NULL)
    ref.submit(0, infight(3, 2))  # sunfish hits the eel: 150 taken in all (the eel deflected none of it)
    assert atk(ref, 0) == [200, 340, 200, 340]
    ref.submit(1, NULL)
    ref.submit(1, normal(0, 2))  # 100 at the eel: it keeps 70 and deflects 30 (10 to each mate): 220 taken
    assert ref.teams[0].fish[2].atk == 240 and ref.teams[0].fish[2].wound == 20
    ref.submit(0, NULL)
    ref.submit(0, aoe(2, [0, 1, 2, 3]))
    assert ref.last_action[0]["skill"]["targets"][0]["value"] == 84  # int(240 * 0.35)


def test_flame_and_sunfish_infight_a_teammate_for_75_and_gain_140_attack():
    ref = start()
    ref.submit(0, NULL)
    ref.submit(0, infight(1, 3))  # flame -> sunfish
    assert hp(ref, 0) == [400, 400, 400, 325] and atk(ref, 0) == [200, 340, 200, 200]
    ref.submit(1, NULL)
    ref.submit(1, infight(3, 0))  # sunfish -> spray
    assert hp(ref, 1) == [325, 400, 400, 400] and atk(ref, 1) == [200, 200, 200, 340]
    ref.submit(0, NULL)
    ref.submit(0, normal(1, 0))  # the flame now hits for 170; the spray drops to 155: no counter yet
    assert hp(ref, 1)[0] == 155 and "passive" not in ref.last_action[0]


def test_infight_on_itself_is_an_illegal_move_that_loses_the_game():
    ref = start()
    ref.submit(0, NULL)
    ref.submit(0, infight(1, 1))
    assert ref.outcome.winner == 1 and ref.outcome.reason == "error"
    assert ref.replay[-2]["errors"] == [{"player": 0, "type": ACTION_RULES_ERROR, "actionfish": 2,
                                         "action_rules_error_type": 7}]


def test_counter_each_other_living_spray_or_flame_hits_the_attacker_for_30():
    ref = start()
    set_hp(ref, 1, [150, 400, 400, 400])
    ref.submit(0, NULL)
    ref.submit(0, normal(3, 0))  # p1's spray drops to 50 (< 120): p1's flame counters p0's sunfish
    assert hp(ref, 1)[0] == 50 and hp(ref, 0) == [400, 400, 400, 370]
    counters = [p for p in ref.last_action[0]["passive"] if p["type"] == "counter"]
    assert [(p["source"], p["player"], p["value"]) for p in counters] == [(0, 1, 30.0)]


def test_counter_after_a_deflected_hit_two_counters_no_deflection_of_counter_damage():
    ref = start()
    set_hp(ref, 1, [400, 400, 130, 400])
    ref.submit(0, NULL)
    ref.submit(0, normal(2, 2))  # p0's eel hits p1's eel: it keeps 70 (130 -> 60), 10 to each mate
    assert hp(ref, 1) == [390, 390, 60, 390]
    # spray and flame both counter: 60 to p0's eel, which does not deflect sourceless damage
    assert hp(ref, 0) == [400, 400, 340, 400]


def test_a_lone_deflecter_takes_the_whole_hit():
    ref = start()
    set_hp(ref, 1, [0, 0, 400, 0])
    ref.submit(0, NULL)
    ref.submit(0, normal(0, 2))
    assert hp(ref, 1)[2] == 300 and "passive" not in ref.last_action[0]


def test_a_right_guess_reveals_and_costs_every_enemy_fish_50_a_wrong_one_nothing():
    ref = start(p1=(3, 1, 4, 2))
    ref.submit(0, {"Action": "Assert", "Pos": 1, "ID": 2})  # wrong: pos 1 is a spray
    assert hp(ref, 1) == [400] * 4 and ref.last_assert["AssertResult"] is False
    ref.submit(0, normal(0, 0))
    ref.submit(1, NULL)
    ref.submit(1, normal(0, 0))
    ref.submit(0, {"Action": "Assert", "Pos": 0, "ID": 3})  # right: an eel
    assert hp(ref, 1) == [280, 340, 340, 340]  # the eel had kept 70 of a 100 hit and passed 10 to each mate
    assert ref.request().content["GameInfo"]["EnemyFish"] == [3, -1, -1, -1]
    ref.submit(0, normal(0, 0))
    assert ref.request().content["GameInfo"]["MyFish"] == [-3, 1, 4, 2]  # a revealed fish of one's own reads negative


def test_a_right_guess_floors_dead_fish_at_zero_and_can_end_the_game():
    ref = start(p1=(1, 2, 3, 4))
    set_hp(ref, 1, [-20, 40, 50, 30])
    ref.teams[1].fish[0].state = DEAD
    ref.submit(0, {"Action": "Assert", "Pos": 1, "ID": 2})
    assert hp(ref, 1) == [0, 0, 0, 0]
    assert ref.outcome.winner == 0 and ref.outcome.reason == "eliminated"
    assert ref.finish[0]["Result"] == "Win" and "MyAssert" in ref.finish[0]


@pytest.mark.parametrize(("setup", "code"), [("dead", ASSERT_DEAD_FISH), ("exposed", ASSERT_EXPOSED_FISH)])
def test_guessing_a_dead_or_revealed_fish_loses_the_game(setup, code):
    ref = start()
    if setup == "dead":
        set_hp(ref, 1, [0, 400, 400, 400])
    else:
        ref.teams[1].fish[0].is_expose = True
    ref.submit(0, {"Action": "Assert", "Pos": 0, "ID": 1})
    assert ref.outcome.winner == 1 and ref.replay[-2]["errors"][0]["type"] == code


def test_attacking_a_dead_fish_loses_the_game():
    ref = start()
    set_hp(ref, 1, [0, 400, 400, 400])
    ref.submit(0, NULL)
    ref.submit(0, normal(0, 0))
    assert ref.outcome.winner == 1 and ref.replay[-2]["errors"][0]["type"] == ACTION_WITH_DEAD_FISH
    assert ref.outcome.end_info == {"0": 0, "1": 100}


def test_aoe_must_name_every_living_enemy():
    ref = start()
    ref.submit(0, NULL)
    ref.submit(0, aoe(0, [0, 1]))
    assert ref.outcome.winner == 1 and ref.replay[-2]["errors"][0]["action_rules_error_type"] == 10


def test_elimination_after_an_action_the_other_side_wins_both_dead_the_actor_wins():
    ref = start()
    set_hp(ref, 1, [50, 50, 0, 0])
    set_hp(ref, 0, [30, 0, 0, 0])
    ref.submit(0, NULL)
    ref.submit(0, aoe(0, [0, 1]))  # kills both, and each hit provokes the other's 30-point counter
    assert hp(ref, 0)[0] == -30 and ref.teams[0].all_dead() and ref.teams[1].all_dead()
    assert ref.outcome.winner == 0 and ref.outcome.reason == "eliminated"

    ref = start()
    set_hp(ref, 1, [100, 0, 0, 0])
    ref.submit(0, NULL)
    ref.submit(0, normal(1, 0))
    assert ref.outcome.winner == 0 and ref.outcome.end_info == {"0": 100, "1": 0}


# -- the state limit: points decide, in this order ------------------------------------------------------
def limited(p0_hp: list[int], p1_hp: list[int]) -> Referee:
    """A game whose state limit falls right after player 0's first action: its spray hits player 1's
    spray (position 3) for 100; player 1's flame (position 2) is dead in every case, so no counter."""
    ref = start(p1=(4, 3, 2, 1), state_limit=4)
    set_hp(ref, 0, p0_hp)
    set_hp(ref, 1, p1_hp)
    ref.submit(0, NULL)
    ref.submit(0, normal(0, 3))
    assert ref.outcome.reason == "state_limit"
    return ref


def test_points_more_living_fish_wins():
    ref = limited([100, 0, 0, 0], [400, 400, 400, 500])  # p1: 4 alive after the hit vs p0's 1
    assert ref.outcome.winner == 1 and ref.finish[1]["isStateLimitExceed"] is True


def test_points_then_more_total_hp():
    ref = limited([300, 300, 0, 0], [390, 0, 0, 200])  # 2 alive each: 600 vs 390 + 100
    assert ref.outcome.winner == 0


def test_points_then_higher_max_hp():
    ref = limited([250, 250, 0, 0], [300, 0, 0, 300])  # 2 alive, 500 each: max 250 vs 300
    assert ref.outcome.winner == 1


def test_points_all_equal_the_second_mover_wins():
    ref = limited([250, 250, 0, 0], [250, 0, 0, 350])  # identical after the hit
    assert hp(ref, 1) == [250, 0, 0, 250] and ref.outcome.winner == 1


def test_state_limit_is_128_states_and_ends_after_the_126th_guess_or_action():
    ref = start()
    for f in (*ref.teams[0].fish, *ref.teams[1].fish):
        f.hp = 10**6  # nobody dies: only the state counter ends this game
    answers = 0
    while ref.request() is not None:
        req = ref.request()
        ref.submit(req.player, NULL if req.kind == "Assert" else normal(0, 0))
        answers += 1
    assert answers == 126 and ref.state == 129 and ref.outcome.reason == "state_limit"
