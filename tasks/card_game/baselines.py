"""The two scripted opponents of AgentBench.old (``AI_SDK/Python/action1.py`` and ``action2.py``).

Behaviour is the originals', quirks included; only their randomness is the seeded RNG of their
:class:`~tasks.card_game.client.Client` (the originals mix Python's unseeded ``random`` with the
SDK's ``time(0)``-seeded shuffles and ``random_device``).

Baseline 1: a random team order; guesses a random living enemy position and a random type; acts
with a random living fish through ``auto_valid_action`` (its skill when legal, a normal attack on a
random enemy 30% of the time or when no skill applies — always, once that fish is revealed).

Baseline 2: a random team order. Guesses by deduction from what it saw: an unknown enemy that used
a skill is an AOE fish, or an infighter when some of the actor's own fish were hit (counter damage
counts too); a passive seen at a position gives its kind (the SDK reports a counter at the *hit*
fish's position, and its whole passive arrays, stale entries included); then type by skill and
passive, else a random unrevealed type on a random unknown position. Acts: finish off the weakest
enemy with a normal attack from its strongest fish when that kills and the enemy has over 70 HP;
else an AOE (with an unrevealed spray or eel) while two or more enemies live; else a normal attack
from its strongest fish on the enemy that acted last, or on a random enemy.
"""

from __future__ import annotations

import random
from typing import Any, Protocol

from tasks.card_game.client import PASSIVE_TYPES, Action, Client


class Player(Protocol):
    """A scripted seat: answers the referee's requests with the SDK's messages."""

    client: Client

    def pick(self, content: dict[str, Any]) -> dict[str, Any]: ...

    def guess(self, content: dict[str, Any]) -> dict[str, Any]: ...

    def act(self, content: dict[str, Any]) -> dict[str, Any]: ...


class _Scripted:
    """The SDK loop around a strategy's ``Pick`` / ``Assert`` / ``Act``."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.client = Client(rng)

    def pick(self, content: dict[str, Any]) -> dict[str, Any]:
        self.client.on_pick(content)
        order = [1, 2, 3, 4]
        self.rng.shuffle(order)
        return Client.pick_message(order)

    def guess(self, content: dict[str, Any]) -> dict[str, Any]:
        self.client.on_assert(content)
        pos, fish_id = self.choose_guess(self.client)
        return self.client.assert_message(pos, fish_id)

    def act(self, content: dict[str, Any]) -> dict[str, Any]:
        self.client.on_action(content)
        return self.client.action_message(self.choose_action(self.client))

    def choose_guess(self, c: Client) -> tuple[int, int]:
        raise NotImplementedError

    def choose_action(self, c: Client) -> Action:
        raise NotImplementedError


class Baseline1(_Scripted):
    """``action1.AI`` (``basline1.py``)."""

    def choose_guess(self, c: Client) -> tuple[int, int]:
        pos = c.get_enemy_living_fishes()[0]
        return pos, self.rng.randint(1, 4)

    def choose_action(self, c: Client) -> Action:
        action = c.new_action()
        pos = c.get_my_living_fishes()[0]
        action.set_action_fish(pos)
        return c.auto_valid_action(pos, action)


class Baseline2(_Scripted):
    """``action2.AI`` (``basline2.py``)."""

    def __init__(self, rng: random.Random):
        super().__init__(rng)
        self.has_failed = [[False] * 5 for _ in range(4)]
        self.last_fish = self.last_type = -1
        self.to_assert = {p: {"skill": -1, "passive": -1} for p in range(4)}

    def copy(self, rng: random.Random) -> Baseline2:
        """An independent copy drawing from ``rng`` (look-ahead)."""
        twin = Baseline2.__new__(Baseline2)
        twin.rng, twin.client = rng, self.client.copy(rng)
        twin.has_failed = [list(row) for row in self.has_failed]
        twin.last_fish, twin.last_type = self.last_fish, self.last_type
        twin.to_assert = {p: dict(v) for p, v in self.to_assert.items()}
        return twin

    def _note(self, c: Client, pos: int, kind: str, value: int) -> None:
        if c.get_enemy_id(pos) != -1:
            return
        self.to_assert[pos][kind] = value

    def _ass(self, pos: int, fish_type: int) -> tuple[int, int]:
        self.last_fish, self.last_type = pos, fish_type
        return pos, fish_type

    def choose_guess(self, c: Client) -> tuple[int, int]:
        enemy, mine = c.enemy_action, c.my_action
        if not c.my_assert.result:
            self.has_failed[self.last_fish][self.last_type] = True  # [-1][-1] before any guess, as in the original
        live = sorted(c.get_enemy_living_fishes())
        if c.get_enemy_id(enemy.action_fish) == -1:
            if enemy.is_skill:
                self._note(c, enemy.action_fish, "skill", 1 if enemy.num_friend_injury >= 1 else 0)
            for pos, kind in zip(enemy.friend_passives_id + mine.enemy_passives_id, enemy.friend_types + mine.enemy_types):
                name = PASSIVE_TYPES[kind]
                if name == "counter":
                    self._note(c, pos, "passive", 0)
                elif name == "deflect":
                    self._note(c, pos, "passive", 1)
                else:
                    raise RuntimeError(f"baseline 2 cannot read a {name} passive (the original raises too)")
        unknown = [p for p in range(4) if c.get_enemy_id(p) == -1 and p in live]
        for p in unknown:
            seen = self.to_assert[p]
            if seen["skill"] != -1 and seen["passive"] != -1:
                return self._ass(p, seen["skill"] + seen["passive"] * 2 + 1)
        for p in unknown:
            for k in range(2):
                guess = self.to_assert[p]["skill"] + k * 2 + 1
                if self.to_assert[p]["skill"] != -1 and not self.has_failed[p][guess]:
                    return self._ass(p, guess)
        for p in unknown:
            for k in range(2):
                guess = k + self.to_assert[p]["passive"] * 2 + 1
                if self.to_assert[p]["passive"] != -1 and not self.has_failed[p][guess]:
                    return self._ass(p, guess)
        positions, types = [0, 1, 2, 3], [1, 2, 3, 4]
        for p in range(4):
            if c.get_enemy_id(p) != -1 or p not in live:
                positions.remove(p)
                if c.get_enemy_id(p) != -1:
                    types.remove(c.get_enemy_id(p))
        if not positions:
            return -1, -1
        pos = self.rng.choice(positions)
        return self._ass(pos, self.rng.choice(types))

    def choose_action(self, c: Client) -> Action:
        action = c.new_action()
        enemy_fish = c.enemy_action.action_fish
        mine = c.get_my_living_fishes()
        enemies = c.get_enemy_living_fishes()
        best, best_atk = -1, 0
        for pos in mine:
            if best_atk < c.get_my_atk(pos):
                best, best_atk = pos, c.get_my_atk(pos)
        weakest = c.get_lowest_health_enemy()
        if c.get_my_atk(best) * 0.5 >= c.get_enemy_hp(weakest) and c.get_enemy_hp(weakest) > 70:
            action.set_action_fish(best)
            action.set_action_type(0)
            action.set_enemy_target(weakest)
            return action
        if len(enemies) >= 2:
            for pos in mine:
                if c.get_my_id(pos) in (1, 3):  # an unrevealed spray or eel (revealed ids are negative)
                    action.set_action_fish(pos)
                    action.set_action_type(1)
                    action.set_enemy_target(0)
                    return action
        action.set_action_fish(best)
        action.set_action_type(0)
        action.set_enemy_target(enemy_fish if enemy_fish in enemies else enemies[0])
        return action


BASELINES = {"baseline1": Baseline1, "baseline2": Baseline2}
