"""The oracle's player: a scripted strategy for the model's seat, answering in the model's format.

It sees only what the seat is sent. :class:`~tasks.card_game.inference.WorldFilter` keeps the enemy
teams consistent with those messages. Each turn it

- guesses the likeliest (position, fish) among the living unrevealed enemies, counting a hidden
  spray or eel double (revealing one stops the baselines from using its AOE);
- acts by look-ahead: every legal move is played out to the end of the game in every consistent
  world (the opponent answering as the baseline-2 model of that world with a fresh coin, this
  player by the quick rule of :func:`quick_action`), and the move with the most wins (then the best
  HP margin) is taken; all moves share the same coins. While more than 12 enemy teams remain
  possible (the first mover's first turn) it plays the quick rule directly.

Its answers are plain text with the move as JSON, the format the prompt asks the model for.
"""

from __future__ import annotations

import json
import random
from typing import Any

from tasks.card_game.engine import Referee
from tasks.card_game.fish import DEAD, NAMES
from tasks.card_game.inference import WorldFilter

AOE_VALUE = 2.0
"""Weight of revealing a hidden spray or eel against another fish, at equal odds."""
ROLLOUT_TURNS = 40
"""Requests a play-out answers at most (games end long before)."""
ROLLOUTS = 4
"""Play-outs per move, spread over the consistent worlds (at least one per world)."""


def _alive(hp: list[int]) -> list[int]:
    return [p for p in range(4) if hp[p] > 0]


def legal_moves(info: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Moves the model's client accepts: (kind, fish position, target position)."""
    mine, enemies = _alive(info["MyHP"]), _alive(info["EnemyHP"])
    moves = [("normal", p, t) for p in mine for t in enemies]
    for p in mine:
        if p in (0, 2):  # spray, eel: AOE
            moves.append(("aoe", p, 0))
        else:  # flame, sunfish: infight on a living teammate whose position is also a living enemy's
            moves += [("infight", p, t) for t in mine if t != p and t in enemies]
    return moves


def quick_action(info: dict[str, Any]) -> tuple[str, int, int]:
    """The fast rule used inside look-ahead: finish an enemy off, else AOE while it out-damages a
    normal attack, else a normal attack from the strongest fish on the weakest enemy."""
    my_hp, my_atk, enemy_hp = info["MyHP"], info["MyATK"], info["EnemyHP"]
    mine, enemies = _alive(my_hp), _alive(enemy_hp)
    strongest = max(mine, key=lambda p: (my_atk[p], -p))
    weakest = min(enemies, key=lambda p: (enemy_hp[p], p))
    if my_atk[strongest] // 2 >= enemy_hp[weakest]:
        return ("normal", strongest, weakest)
    for pos in (0, 2):
        aoe = 70 if pos == 0 else int(my_atk[pos] * 0.35)
        if pos in mine and aoe * len(enemies) > my_atk[strongest] // 2:
            return ("aoe", pos, 0)
    return ("normal", strongest, weakest)


def action_message(move: tuple[str, int, int], info: dict[str, Any]) -> dict[str, Any]:
    kind, pos, target = move
    if kind == "normal":
        return {"Action": "Action", "Type": 0, "MyPos": pos, "EnemyPos": target}
    if kind == "aoe":
        return {"Action": "Action", "Type": 1, "MyPos": pos, "EnemyList": _alive(info["EnemyHP"]), "MyList": []}
    return {"Action": "Action", "Type": 1, "MyPos": pos, "EnemyList": [], "MyList": [target]}


def to_answer(move: tuple[str, int, int]) -> dict[str, Any]:
    kind, pos, target = move
    return {"pick_fish": NAMES[pos + 1], "action": "normal" if kind == "normal" else "active",
            "target_position": target}


class Strategist:
    """Decides the seat's guesses and actions from the requests the seat receives."""

    def __init__(self, seat: int, seed: int = 0):
        self.seat = seat
        self.filter = WorldFilter(seat)
        self.rng = random.Random(seed)

    def observe(self, request: dict[str, Any]) -> None:
        self.filter.observe(request)

    # -- guessing ------------------------------------------------------------------------------------
    def _guess_pick(self, info: dict[str, Any], teams: list[tuple[int, ...]]) -> tuple[int, int] | None:
        hidden = [p for p in _alive(info["EnemyHP"]) if info["EnemyFish"][p] == -1]
        if not hidden:
            return None
        n = len(teams)
        best = max(
            (sum(1 for t in teams if t[p] == f) / n * (AOE_VALUE if f in (1, 3) else 1.0), -f, -p, p, f)
            for p in hidden for f in (1, 2, 3, 4)
        )
        return best[3], best[4]

    def guess(self, request: dict[str, Any]) -> dict[str, Any]:
        info = request["GameInfo"]
        pick = self._guess_pick(info, [w.team for w in self.filter.worlds])
        if pick is None:  # nothing hidden: name a revealed fish, which the client turns into no guess
            pos = _alive(info["EnemyHP"])[0]
            return {"guess_type": NAMES[info["EnemyFish"][pos]], "target_position": pos}
        return {"guess_type": NAMES[pick[1]], "target_position": pick[0]}

    # -- acting ------------------------------------------------------------------------------------------
    def act(self, request: dict[str, Any]) -> dict[str, Any]:
        info = request["GameInfo"]
        moves = legal_moves(info)
        if len(self.filter.worlds) > 12:  # nothing learnt yet: the look-ahead would be guesswork
            return to_answer(quick_action(info))
        teams = [w.team for w in self.filter.worlds]
        scores = {m: 0.0 for m in moves}
        repeats = max(1, ROLLOUTS // len(self.filter.worlds))
        for world in self.filter.worlds:
            for _ in range(repeats):
                seed = self.rng.random()
                for move in moves:
                    scores[move] += self._play_out(world, move, info, teams, seed)
        best = max(moves, key=lambda m: (scores[m], m == quick_action(info)))
        return to_answer(best)

    def _play_out(self, world, move, info, teams, seed: float) -> float:
        referee: Referee = world.referee.clone()
        opponent = world.opponent.copy(random.Random(seed))
        referee.submit(self.seat, action_message(move, info))
        first_guess = True
        for _ in range(ROLLOUT_TURNS):
            req = referee.request()
            if req is None:
                break
            if req.player != self.seat:
                answer = opponent.guess(req.content) if req.kind == "Assert" else opponent.act(req.content)
            elif req.kind == "Assert":
                answer = self._rollout_guess(req.content["GameInfo"], world.team, teams if first_guess else None)
                first_guess = False
            else:
                answer = action_message(quick_action(req.content["GameInfo"]), req.content["GameInfo"])
            referee.submit(req.player, answer)
        outcome = referee.outcome
        mine, theirs = referee.teams[self.seat], referee.teams[self.seat ^ 1]
        margin = sum(max(f.hp, 0) for f in mine.fish if f.state != DEAD) - sum(
            max(f.hp, 0) for f in theirs.fish if f.state != DEAD)
        won = outcome is not None and outcome.winner == self.seat
        return float(won) + margin * 1e-5

    def _rollout_guess(self, info, truth, teams) -> dict[str, Any]:
        """In look-ahead: the next guess as now believed, later ones with the world known."""
        pick = self._guess_pick(info, teams if teams is not None else [truth])
        if pick is None:
            return {"Action": "Null"}
        return {"Action": "Assert", "Pos": pick[0], "ID": pick[1]}


def render(move: dict[str, Any]) -> str:
    """The answer text: a line of reasoning, then the move as the JSON the prompt asks for."""
    return "Following the game state, my move is:\n" + json.dumps(move)
