"""Exact inference for a seat: replay every possible enemy team through the referee.

Everything both players did is in the messages a seat receives — its own guess result
(``AssertReply``), its own last action (``MyAction``), the enemy's last guess and action
(``EnemyAssert``, ``EnemyAction``) — and the game is deterministic given both teams and those moves.
So for each of the 24 orders the enemy may have picked, a private referee replays the game; a world
survives while that referee would have sent this seat exactly the messages it did receive.

Each world also carries a model of the opponent: a :class:`~tasks.card_game.baselines.Baseline2`
fed the messages that opponent would have received there (its deductions are deterministic; only
its coin flips differ), for look-ahead. Nothing here reads the real game's hidden state.
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass
from itertools import permutations
from typing import Any

from tasks.card_game.baselines import Baseline2
from tasks.card_game.engine import Referee

MY_PICKS = [1, 2, 3, 4]


def _canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True)


def guess_message(reply: dict[str, Any] | None) -> dict[str, Any]:
    """The guess a player made, rebuilt from the ``last_assert`` record it produced."""
    if not reply or reply.get("AssertPos") is None:
        return {"Action": "Null"}
    return {"Action": "Assert", "Pos": reply["AssertPos"], "ID": reply["AssertContent"]}


def action_message(info: dict[str, Any]) -> dict[str, Any]:
    """The action a player sent, rebuilt from the referee's record of it."""
    skill = info["skill"]
    targets = [t["pos"] for t in skill.get("targets") or []]
    msg: dict[str, Any] = {"Action": "Action", "MyPos": info["ActionFish"]}
    if skill["type"] == "normalattack":
        return {**msg, "Type": 0, "EnemyPos": targets[0]}
    if skill["type"] == "infight":
        return {**msg, "Type": 1, "EnemyList": [], "MyList": targets}
    return {**msg, "Type": 1, "EnemyList": targets, "MyList": []}


@dataclass
class World:
    """One possible enemy team, with the referee and opponent model that go with it."""

    team: tuple[int, ...]
    referee: Referee
    opponent: Baseline2


class WorldFilter:
    """The enemy teams consistent with every message seat ``seat`` has received so far."""

    def __init__(self, seat: int):
        self.seat = seat
        self.worlds: list[World] = []
        for team in permutations(MY_PICKS):
            referee = Referee(record=False)
            opponent = Baseline2(random.Random(0))
            for player in (0, 1):
                req = referee.request()
                assert req is not None
                if player != seat:
                    opponent.client.on_pick(req.content)
                referee.submit(player, {"Action": "Pick", "ChooseFishs": list(MY_PICKS if player == seat else team)})
            self.worlds.append(World(team, referee, opponent))
        self.seen = 0

    # -- following the game ------------------------------------------------------------------------------
    def observe(self, request: dict[str, Any]) -> None:
        """Take the seat's newest request (``{"Action": kind, **content}``) and drop worlds it rules out."""
        moves: list[tuple[int, dict[str, Any]]] = []
        if request["Action"] == "Action":
            moves.append((self.seat, guess_message(request.get("AssertReply"))))
        else:
            if request.get("MyAction"):
                moves.append((self.seat, action_message(request["MyAction"])))
            if self.seen or self.seat == 1:  # the enemy has had a turn since
                moves.append((self.seat ^ 1, guess_message(request.get("EnemyAssert"))))
                moves.append((self.seat ^ 1, action_message(request["EnemyAction"])))
        self.seen += 1
        expected = _canonical(request)
        kept = []
        for world in self.worlds:
            if self._replay(world, moves) and self._matches(world, expected):
                kept.append(world)
        if kept:  # an empty set would mean a misreading: keep the last consistent view
            self.worlds = kept

    def _replay(self, world: World, moves: list[tuple[int, dict[str, Any]]]) -> bool:
        referee = world.referee
        for player, message in moves:
            req = referee.request()
            if req is None or req.player != player:
                return False
            if player != self.seat:
                self._inform(world.opponent, req.kind, req.content, message)
            referee.submit(player, copy.deepcopy(message))
            if referee.outcome is not None and referee.outcome.reason == "error":
                return False
        return True

    @staticmethod
    def _inform(model: Baseline2, kind: str, content: dict[str, Any], actual: dict[str, Any]) -> None:
        """Let the opponent model see its request; keep its memory of the guess it really made."""
        if kind == "Assert":
            last = (model.last_fish, model.last_type)
            model.guess(content)
            if actual["Action"] == "Assert":
                model.last_fish, model.last_type = actual["Pos"], actual["ID"]
            else:
                model.last_fish, model.last_type = last
        else:
            model.client.on_action(content)

    def _matches(self, world: World, expected: str) -> bool:
        req = world.referee.request()
        return req is not None and req.player == self.seat and _canonical({"Action": req.kind, **req.content}) == expected

    # -- queries ---------------------------------------------------------------------------------------
    def chance(self, pos: int, fish: int) -> float:
        return sum(1 for w in self.worlds if w.team[pos] == fish) / len(self.worlds)
