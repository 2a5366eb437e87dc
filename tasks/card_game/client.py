"""A player's view of the game: the AI SDK (``AI_SDK/Python/sdk/ai_client.hpp``) as its users saw it.

Both baselines and the model's client are ``AIClient`` subclasses; what they know comes from the
SDK's parse of the referee's messages, with its quirks kept because the baselines' decisions and the
model's prompt are computed from them:

- ``ActionInfo`` holds fixed-size arrays (12 targets, 24 hits and passives) that a parse overwrites
  from index 0 but never clears: entries past the current count keep values from earlier actions.
  Python code of the original reads whole arrays (``_non_zero_indexes(enemy_targets)``,
  ``zip(enemy_passives_id, enemy_types)``), so stale entries show up in the prompt and in baseline
  2's reasoning. The original leaves the arrays uninitialised; we start them at 0 (see README).
- The "friend" expected-injury slot is indexed by the *enemy* target count (``ai_client.hpp`` bug).
- ``get_*_living_fishes`` shuffle their result with an engine seeded by ``time(0)``, and
  ``auto_valid_action`` draws from ``random_device``; here both draw from the player's seeded RNG.
- A revealed fish of your own has a negative id (``MyFish``), which ``auto_valid_action`` does not
  undo: a revealed fish of baseline 1 only attacks normally.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

SKILL_TYPES = ("aoe", "infight", "crit", "subtle", "normalattack")
PASSIVE_TYPES = ("counter", "deflect", "reduce", "heal", "explode")
TARGET_SLOTS, EVENT_SLOTS = 12, 24

# err_type of the SDK's Action setters
ERR_TARGET, ERR_TARGET_OUT_OF_RANGE, ERR_ACTION_TYPE, ERR_ACTION_FISH = 0, 1, 2, 3
ERR_ACTION_NOT_CHOOSE, ERR_FISH_NOT_CHOOSE, SUCCESS = 4, 5, 6


def _zeros(n: int) -> list[int]:
    return [0] * n


@dataclass
class ActionInfo:
    """One side's last action as the SDK stores it (from the viewer's side: ``enemy_*`` are the
    actor's targets, ``friend_*`` the actor's own fish)."""

    is_skill: bool = False
    action_fish: int = -1
    type: str | None = None
    """Skill type name (``aoe``...); the SDK never initialises it."""
    num_friend_targets: int = 0
    num_enemy_targets: int = 0
    friend_targets: list[int] = field(default_factory=lambda: _zeros(TARGET_SLOTS))
    enemy_targets: list[int] = field(default_factory=lambda: _zeros(TARGET_SLOTS))
    friend_expected_injury: list[int] = field(default_factory=lambda: _zeros(TARGET_SLOTS))
    enemy_expected_injury: list[int] = field(default_factory=lambda: _zeros(TARGET_SLOTS))
    num_friend_injury: int = 0
    num_enemy_injury: int = 0
    friend_injury_id: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))
    enemy_injury_id: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))
    friend_injury: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))
    enemy_injury: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))
    num_friend_passives: int = 0
    num_enemy_passives: int = 0
    friend_passives_id: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))
    enemy_passives_id: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))
    friend_types: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))
    """Indices into :data:`PASSIVE_TYPES` (0 = counter)."""
    enemy_types: list[int] = field(default_factory=lambda: _zeros(EVENT_SLOTS))

    def copy(self) -> ActionInfo:
        twin = ActionInfo.__new__(ActionInfo)
        twin.__dict__.update({k: list(v) if isinstance(v, list) else v for k, v in self.__dict__.items()})
        return twin

    def clear(self) -> None:
        """``clear_skill`` + ``clear_hit`` + ``clear_passive`` (counts only; arrays keep their values)."""
        self.is_skill, self.action_fish = False, -1
        self.num_friend_targets = self.num_enemy_targets = 0
        self.num_friend_injury = self.num_enemy_injury = 0
        self.num_friend_passives = self.num_enemy_passives = 0

    def parse(self, info: dict[str, Any] | None, mine: bool) -> None:
        """``parseEnemyActionInfo`` (``mine=False``) / ``parseMyActionInfo`` (``mine=True``)."""
        if not info:
            self.clear()
            return
        if "ActionFish" in info:
            self.action_fish = info["ActionFish"]

        def theirs(item: dict[str, Any]) -> bool:  # does the item belong to the actor's opponent?
            return bool(item["isEnemy"]) if mine else not item["isEnemy"]

        nf = ne = 0
        if "skill" in info:
            skill = info["skill"]
            if skill["type"] in SKILL_TYPES:
                self.type = skill["type"]
            self.is_skill = bool(skill["isSkill"])
            if self.type != "subtle":
                for target in skill.get("targets") or []:
                    if theirs(target):
                        self.enemy_targets[ne] = target["pos"]
                        self.enemy_expected_injury[ne] = target["value"]
                        ne += 1
                    else:
                        self.friend_targets[nf] = target["pos"]
                        self.friend_expected_injury[ne] = target["value"]  # sic: the enemy count
                        nf += 1
        else:
            self.is_skill, self.action_fish = False, -1
        self.num_friend_targets, self.num_enemy_targets = nf, ne
        nf = ne = 0
        for hit in info.get("hit") or []:
            if theirs(hit):
                self.enemy_injury_id[ne], self.enemy_injury[ne] = hit["target"], hit["value"]
                ne += 1
            else:
                self.friend_injury_id[nf], self.friend_injury[nf] = hit["target"], hit["value"]
                nf += 1
        self.num_friend_injury, self.num_enemy_injury = nf, ne
        nf = ne = 0
        for passive in info.get("passive") or []:
            kind = passive["type"]
            if theirs(passive):
                self.enemy_passives_id[ne] = passive["source"]
                if kind in PASSIVE_TYPES:
                    self.enemy_types[ne] = PASSIVE_TYPES.index(kind)
                ne += 1
            else:
                self.friend_passives_id[nf] = passive["source"]
                if kind in PASSIVE_TYPES:
                    self.friend_types[nf] = PASSIVE_TYPES.index(kind)
                nf += 1
        self.num_friend_passives, self.num_enemy_passives = nf, ne


@dataclass
class AssertInfo:
    """A guess and its result, as the SDK parses it (null fields read as 0 / False)."""

    pos: int = 0
    content: int = 0
    result: bool = False

    def parse(self, info: dict[str, Any] | None) -> None:
        if not info:
            self.pos, self.content, self.result = 0, 0, False
            return
        self.pos = info.get("AssertPos") or 0
        self.content = info.get("AssertContent") or 0
        self.result = bool(info.get("AssertResult"))


@dataclass
class FishView:
    id: int = -1
    hp: int = 0
    atk: int = 0


class Action:
    """The SDK's ``Action`` builder: setters return an ``err_type`` and, like the original, some
    record their argument even when they report an error."""

    def __init__(self, my_ids: list[int]):
        self.my_ids = list(my_ids)
        self.action_type = self.action_fish = self.enemy_target = self.friend_target = -1

    def _fish_type(self) -> int:
        return abs(self.my_ids[self.action_fish])

    def set_action_type(self, action_type: int) -> int:
        if action_type not in (0, 1):
            return ERR_ACTION_TYPE
        self.action_type = action_type
        return SUCCESS

    def set_action_fish(self, pos: int) -> int:
        if not 0 <= pos <= 3:
            return ERR_ACTION_FISH
        self.action_fish = pos
        return SUCCESS

    def set_enemy_target(self, pos: int) -> int:
        if self.action_type == -1:
            return ERR_ACTION_NOT_CHOOSE
        if self.action_fish == -1:
            return ERR_FISH_NOT_CHOOSE
        self.enemy_target = pos
        if self.action_type == 0:
            return SUCCESS if 0 <= pos <= 3 else ERR_TARGET_OUT_OF_RANGE
        kind = self._fish_type()
        if kind in (1, 3):  # spray, eel: the whole enemy team
            self.enemy_target = -2
            return SUCCESS
        return ERR_TARGET if kind in (2, 4) else ERR_ACTION_FISH

    def set_friend_target(self, pos: int) -> int:
        if self.action_type == -1:
            return ERR_ACTION_NOT_CHOOSE
        if self.action_fish == -1:
            return ERR_FISH_NOT_CHOOSE
        if self.action_type == 0:
            return ERR_TARGET
        self.friend_target = pos
        kind = self._fish_type()
        if kind in (1, 3):
            return ERR_TARGET
        if kind not in (2, 4):
            return ERR_ACTION_FISH
        if pos == self.action_fish:
            return ERR_TARGET
        return SUCCESS if 0 <= pos <= 3 else ERR_TARGET_OUT_OF_RANGE


class Client:
    """``AIClient``: the player's knowledge and the SDK helpers a strategy calls."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.my_fish = [FishView() for _ in range(4)]
        self.enemy_fish = [FishView() for _ in range(4)]
        self.enemy_action = ActionInfo()
        self.my_action = ActionInfo()
        self.enemy_assert = AssertInfo()
        self.my_assert = AssertInfo()
        self.first_mover = False

    def copy(self, rng: random.Random) -> Client:
        """An independent copy drawing from ``rng`` (look-ahead)."""
        twin = Client(rng)
        twin.my_fish = [FishView(f.id, f.hp, f.atk) for f in self.my_fish]
        twin.enemy_fish = [FishView(f.id, f.hp, f.atk) for f in self.enemy_fish]
        twin.enemy_action, twin.my_action = self.enemy_action.copy(), self.my_action.copy()
        twin.enemy_assert = AssertInfo(self.enemy_assert.pos, self.enemy_assert.content, self.enemy_assert.result)
        twin.my_assert = AssertInfo(self.my_assert.pos, self.my_assert.content, self.my_assert.result)
        twin.first_mover = self.first_mover
        return twin

    # -- parsing the referee's requests ----------------------------------------------------------
    def on_pick(self, content: dict[str, Any]) -> None:
        self.first_mover = bool(content.get("FirstMover"))

    def on_assert(self, content: dict[str, Any]) -> None:
        self._game_info(content.get("GameInfo"))
        self.enemy_action.parse(content.get("EnemyAction"), mine=False)
        self.my_action.parse(content.get("MyAction"), mine=True)
        self.enemy_assert.parse(content.get("EnemyAssert"))

    def on_action(self, content: dict[str, Any]) -> None:
        self._game_info(content.get("GameInfo"))
        self.my_assert.parse(content.get("AssertReply"))

    def _game_info(self, info: dict[str, Any] | None) -> None:
        if not info:
            return
        for pos in range(4):
            self.enemy_fish[pos] = FishView(info["EnemyFish"][pos], info["EnemyHP"][pos], -1)
            self.my_fish[pos] = FishView(info["MyFish"][pos], info["MyHP"][pos], info["MyATK"][pos])

    # -- the SDK's query helpers -----------------------------------------------------------------
    def get_my_id(self, pos: int) -> int:
        return self.my_fish[pos].id if 0 <= pos < 4 else -2

    def get_my_hp(self, pos: int) -> int:
        return self.my_fish[pos].hp if 0 <= pos < 4 else -2

    def get_my_atk(self, pos: int) -> int:
        return self.my_fish[pos].atk if 0 <= pos < 4 else -2

    def get_enemy_id(self, pos: int) -> int:
        return self.enemy_fish[pos].id if 0 <= pos < 4 else -2

    def get_enemy_hp(self, pos: int) -> int:
        return self.enemy_fish[pos].hp if 0 <= pos < 4 else -2

    def _shuffled(self, items: list[int]) -> list[int]:
        self.rng.shuffle(items)  # the original: std::shuffle seeded with time(0)
        return items

    def get_enemy_living_fishes(self) -> list[int]:
        return self._shuffled([p for p in range(4) if self.get_enemy_hp(p) > 0])

    def get_my_living_fishes(self) -> list[int]:
        return self._shuffled([p for p in range(4) if self.get_my_hp(p) > 0])

    def get_my_living_ally(self, pos: int) -> list[int]:
        return self._shuffled([p for p in range(4) if p != pos and self.get_my_hp(p) > 0])

    def get_lowest_health_enemy(self) -> int:
        best = -1
        for p in range(4):
            if self.get_enemy_hp(p) > 0 and (best == -1 or self.get_enemy_hp(p) < self.get_enemy_hp(best)):
                best = p
        return best

    def new_action(self) -> Action:
        return Action([f.id for f in self.my_fish])

    def auto_valid_action(self, pos: int, action: Action) -> Action:
        """Active skill when legal, else a normal attack; a normal attack anyway 30% of the time."""
        fish_id = self.get_my_id(pos)  # negative once revealed: then no case matches
        if self.rng.random() < 0.3:  # the original: random_device, a fresh engine per call
            action.set_action_type(0)
            action.set_enemy_target(self.get_enemy_living_fishes()[0])
            return action
        skilled = False
        if fish_id in (1, 3):
            skilled = True
            action.set_action_type(1)
            action.set_enemy_target(-2)
        elif fish_id in (2, 4):
            allies = self.get_my_living_ally(pos)
            if allies:
                skilled = True
                action.set_action_type(1)
                action.set_friend_target(allies[0])
        if not skilled:
            action.set_action_type(0)
            action.set_enemy_target(self.get_enemy_living_fishes()[0])
        return action

    # -- serialising answers (Action_Pick / Action_Assert / Action_Action) -------------------------
    @staticmethod
    def pick_message(picks: list[int]) -> dict[str, Any]:
        return {"Action": "Pick", "ChooseFishs": list(picks)}

    def assert_message(self, pos: int, fish_id: int) -> dict[str, Any]:
        """No guess for an out-of-range or already revealed position (the SDK turns it into Null)."""
        if pos < 0 or pos >= 4 or self.enemy_fish[pos].id != -1:
            return {"Action": "Null"}
        return {"Action": "Assert", "Pos": pos, "ID": fish_id}

    def action_message(self, action: Action) -> dict[str, Any]:
        msg: dict[str, Any] = {"Action": "Action", "Type": action.action_type, "MyPos": action.action_fish}
        if action.action_type == 0:
            msg["EnemyPos"] = action.enemy_target
        elif action.action_type == 1:
            if action.enemy_target == -2:
                msg["EnemyList"] = [p for p in range(4) if self.get_enemy_hp(p) > 0]
            elif action.enemy_target != -1:
                msg["EnemyList"] = [action.enemy_target]
            else:
                msg["EnemyList"] = []
            msg["MyList"] = [action.friend_target] if action.friend_target != -1 else []
        return msg
