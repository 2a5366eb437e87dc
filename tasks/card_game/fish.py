"""The four fish of the ``ext`` split and their damage rules, as the original C++ logic computes them.

AgentBench.old's engine (``card_game/logic/src/fish.cpp``, ``fishset.cpp``) is reproduced for the
fish both seats field in the paper's games: spray (1), flame (2), eel (3) and sunfish (4), all
400 HP / 200 attack. Every damage step returns the same event record the engine sends its players
(``hit`` and ``passive`` lists, ``time`` stamps), built in the same order, because the scripted
baselines and the model's prompt are computed from those records.

Arithmetic follows the C++: ``int`` attack halves, doubles truncated to ``int`` (``70 * 0.7`` and
``atk * 0.35`` as IEEE doubles, which Python floats are), integer division of the deflected share.
A fish whose HP falls to 0 or below stays in the fight until the action ends (the engine marks the
dead only afterwards), so it still counts for deflection and can be hit again in the same action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SPRAY, FLAME, EEL, SUNFISH = 1, 2, 3, 4
NAMES = {SPRAY: "spray", FLAME: "flame", EEL: "eel", SUNFISH: "sunfish"}
IDS = {name: fid for fid, name in NAMES.items()}
FISH_IDS = tuple(NAMES)

READY, FIGHT, DEAD = 0, 1, 2
"""``Fish::FishState``."""

MAX_HP = 400
BASE_ATK = 200
AOE_SPRAY_DAMAGE = 70
INFIGHT_DAMAGE = 75
INFIGHT_ATK_GAIN = 140
COUNTER_DAMAGE = 30
WOUND_STEP = 200
WOUND_ATK_GAIN = 40
GUESS_DAMAGE = 50

# Fish::FishErrorType (the engine reports the code of a rejected skill)
FRIEND_TARGET_NOT_EMPTY = 1
FRIEND_TARGET_EMPTY = 2
ENEMY_TARGET_NOT_EMPTY = 3
ENEMY_TARGET_EMPTY = 4
FRIEND_TARGET_TOO_MUCH = 5
INFIGHT_MYSELF = 7
ENEMY_TARGET_NOT_ALL = 10

Events = dict[str, Any]
"""``{"passive": [...], "hit": [...]}`` (a key only when its list is non-empty), plus ``skill``."""


class Clock:
    """The action's event counter (both teams' ``timestamp``, reset to 0 before each action)."""

    def __init__(self) -> None:
        self.now = 0

    def tick(self) -> int:
        self.now += 1
        return self.now


def merge(into: Events, other: Events) -> None:
    """``add_json``: append the other record's passives, then its hits."""
    for key in ("passive", "hit"):
        if other.get(key):
            into.setdefault(key, []).extend(other[key])


def _push(events: Events, key: str, item: dict[str, Any]) -> None:
    events.setdefault(key, []).append(item)


@dataclass(eq=False)
class Fish:
    """One fighting fish. ``team`` is its own side (the C++ ``ally``)."""

    id: int
    pos: int
    team: Team
    hp: int = MAX_HP
    max_hp: int = MAX_HP
    atk: int = BASE_ATK
    wound: int = 0
    state: int = FIGHT
    is_expose: bool = False
    error_type: int = -1

    @property
    def name(self) -> str:
        return NAMES[self.id]

    @property
    def deflects(self) -> bool:
        return self.id in (EEL, SUNFISH)

    @property
    def counters(self) -> bool:
        return self.id in (SPRAY, FLAME)

    def to_json(self) -> dict[str, Any]:
        """``Fish::to_json`` of a fighting fish."""
        return {
            "hp": self.hp,
            "atk": self.atk,
            "def": 0,
            "pos": self.pos,
            "player": self.team.player,
            "id": self.id,
            "state": self.state,
            "is_expose": self.is_expose,
        }

    # -- taking damage ---------------------------------------------------------------------------
    def _base_damage(self, src: Fish | None, dmg: int) -> Events:
        """``Fish::take_damage`` (no buffs exist among these four fish)."""
        if self.state == DEAD:
            raise RuntimeError("damage to a dead fish (the original engine aborts here)")
        events: Events = {}
        hit = {"target": self.pos, "player": self.team.player, "value": dmg, "traceable": src is not None}
        hit["time"] = self.team.clock.tick()
        _push(events, "hit", hit)
        self.hp -= dmg
        self.wound += dmg
        return events

    def take_damage(self, src: Fish | None, dmg: int) -> Events:
        """The virtual ``take_damage``: eel and sunfish deflect 70% of sourced damage to teammates."""
        if not self.deflects:
            return self._base_damage(src, dmg)
        if src is not None and self.team.count_live() > 1:
            hit = int(dmg * 0.7)
            share = int(dmg * 0.3)
            mates = [f for f in self.team.fish if f is not self and f.state != DEAD]
            if mates:
                share //= len(mates)
            events: Events = {}
            _push(events, "passive", _passive("deflect", self.pos, self.team.player, hit, self.team.clock.tick()))
            for mate in mates:
                merge(events, mate.take_damage(None, share))
            merge(events, self._base_damage(src, hit))
        else:
            events = self._base_damage(src, dmg)
        if self.wound >= WOUND_STEP:
            self.atk += WOUND_ATK_GAIN * (self.wound // WOUND_STEP)
            self.wound %= WOUND_STEP
        return events

    # -- acting ----------------------------------------------------------------------------------
    def attack(self, target: Fish) -> Events:
        """``Fish::attack``: a normal attack for half the attack points."""
        dmg = self.atk // 2
        events = target.team.on_damaged(self, target, dmg)
        events["skill"] = _skill("normalattack", [target], target.team.player, dmg, False)
        return events

    def skill(self, my_list: list[Fish], enemy_list: list[Fish]) -> Events | None:
        """The active skill, or None (with ``error_type`` set) when the targets break its rules."""
        if not _skill_valid(self, my_list, enemy_list):
            return None
        if self.id in (SPRAY, EEL):
            return self._aoe(my_list, enemy_list)
        return self._infight(my_list, enemy_list)

    def _aoe(self, my_list: list[Fish], enemy_list: list[Fish]) -> Events | None:
        if my_list:
            self.error_type = FRIEND_TARGET_NOT_EMPTY
            return None
        if not enemy_list:
            self.error_type = ENEMY_TARGET_EMPTY
            return None
        foes = enemy_list[0].team
        if len(enemy_list) != foes.count_live():
            self.error_type = ENEMY_TARGET_NOT_ALL
            return None
        # spray hits for a flat 70; eel for 35% of its attack as it stood when the skill began
        dmg = AOE_SPRAY_DAMAGE if self.id == SPRAY else int(self.atk * 0.35)
        events: Events = {}
        for enemy in enemy_list:
            merge(events, foes.on_damaged(self, enemy, dmg))
        events["skill"] = _skill("aoe", enemy_list, foes.player, dmg, True)
        return events

    def _infight(self, my_list: list[Fish], enemy_list: list[Fish]) -> Events | None:
        if len(my_list) != 1:
            self.error_type = FRIEND_TARGET_EMPTY if not my_list else FRIEND_TARGET_TOO_MUCH
            return None
        if enemy_list:
            self.error_type = ENEMY_TARGET_NOT_EMPTY
            return None
        if my_list[0].id == self.id:
            self.error_type = INFIGHT_MYSELF
            return None
        events = my_list[0].take_damage(None, INFIGHT_DAMAGE)
        self.atk += INFIGHT_ATK_GAIN
        events["skill"] = _skill("infight", my_list, self.team.player, INFIGHT_DAMAGE, True)
        return events


@dataclass(eq=False)
class Team:
    """A player's four fighting fish (the C++ ``fight_fish`` FishSet)."""

    player: int
    clock: Clock
    fish: list[Fish] = field(default_factory=list)

    @classmethod
    def of(cls, player: int, picks: list[int], clock: Clock) -> Team:
        team = cls(player, clock)
        team.fish = [Fish(fid, pos, team) for pos, fid in enumerate(picks)]
        return team

    def clone(self, clock: Clock) -> Team:
        """An independent copy on ``clock`` (for look-ahead)."""
        team = Team(self.player, clock)
        team.fish = [Fish(f.id, f.pos, team, f.hp, f.max_hp, f.atk, f.wound, f.state, f.is_expose, f.error_type)
                     for f in self.fish]
        return team

    def count_live(self) -> int:
        """``count_live_fish``: fish not yet marked dead (the dying still count within an action)."""
        return sum(1 for f in self.fish if f.state != DEAD)

    def living_fish_count(self) -> int:
        return sum(1 for f in self.fish if f.hp > 0)

    def hp_sum(self) -> int:
        return sum(f.hp for f in self.fish if f.hp > 0)

    def hp_max(self) -> int:
        return max([0, *(f.hp for f in self.fish)])

    def all_dead(self) -> bool:
        return all(f.state == DEAD for f in self.fish)

    def update_state(self) -> None:
        for f in self.fish:
            if f.hp <= 0:
                f.state = DEAD

    def hp_debuff(self, dec: int) -> None:
        """``hp_debuff``: every fish, the dead included, loses ``dec`` HP, floored at 0."""
        for f in self.fish:
            f.hp = f.hp - dec if f.hp >= dec else 0

    def on_damaged(self, src: Fish | None, target: Fish, dmg: int) -> Events:
        """``FishSet::on_damaged``: the hit, then a 30-point counter from every other living spray
        or flame of this team when the target ends below 30% of its max HP."""
        events = target.take_damage(src, dmg)
        if src is not None and target.hp < target.max_hp * 0.3:
            for f in self.fish:
                if f.counters and f.state != DEAD and f.pos != target.pos:
                    item = _passive("counter", target.pos, self.player, COUNTER_DAMAGE, self.clock.tick())
                    _push(events, "passive", item)
                    merge(events, src.take_damage(None, COUNTER_DAMAGE))
        return events


def _passive(kind: str, source: int, player: int, value: float, time: int) -> dict[str, Any]:
    return {"type": kind, "source": source, "player": player, "value": float(value), "time": time}


def _skill(kind: str, targets: list[Fish], player: int, value: int, is_skill: bool) -> dict[str, Any]:
    return {
        "type": kind,
        "isSkill": is_skill,
        "targets": [{"pos": t.pos, "player": player, "value": value} for t in targets],
    }


def _skill_valid(actor: Fish, my_list: list[Fish], enemy_list: list[Fish]) -> bool:
    """``Fish::skill_valid``: no dead actor or target, no fish named twice."""
    if actor.state == DEAD or any(f.state == DEAD for f in (*my_list, *enemy_list)):
        return False
    for group in (my_list, enemy_list):
        ids = [f.id for f in group]
        if len(ids) != len(set(ids)):
            return False
    return True
