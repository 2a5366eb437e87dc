"""One game of the split: its seeds, the referee, the scripted opponent and the model's seat.

A :class:`Game` runs the referee until the model's seat has to answer, hands out the request, and
takes the answer back (:meth:`Game.answer`); scripted moves in between happen at once. Everything
random in a game (both seats' shuffles, baseline choices) draws from RNGs derived from the run seed
and the game's index, so a game replays exactly; the model's own sampling is seeded by the harness.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Any

from harness.model import Message
from tasks.card_game.baselines import BASELINES
from tasks.card_game.engine import Outcome, Referee, Request
from tasks.card_game.seat import PICKS, TRIES, Decision, ModelSeat, json_candidates

FULL_HP = 1600
"""Four fish of 400 HP: the damage a seat can deal (v0.2's ``total_hp`` per game)."""


def derive_seed(*parts: Any) -> int:
    """A stable 64-bit seed from the run seed, the game index and a purpose."""
    digest = hashlib.sha256("/".join(str(p) for p in ("card_game", *parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass
class Pending:
    """The model's open decision: a guess or an action, and the answers tried so far."""

    kind: str
    """``guess`` or ``action``."""
    prompt: str
    messages: list[Message]
    tries: int = 0
    parsed_json: bool = False
    """Some rejected answer had parsable JSON (then a fifth rejection is an invalid action, not format)."""


@dataclass
class Turn:
    """One model answer as the game saw it."""

    kind: str
    accepted: bool
    tries: int
    move: dict[str, Any] | None = None


@dataclass
class Game:
    """A game between the model (``seat`` 0 moves first) and a baseline, seeded by ``seed``."""

    baseline: str
    seat: int
    seed: int
    referee: Referee = field(init=False)
    model: ModelSeat = field(init=False)
    pending: Pending | None = field(init=False, default=None)
    log: list[Turn] = field(init=False, default_factory=list)
    request: dict[str, Any] | None = field(init=False, default=None)
    """The referee's open request to the model's seat (what that player was sent)."""
    model_failed: str | None = field(init=False, default=None)
    """Why the model's seat lost by forfeit (``invalid_action`` / ``invalid_format``), if it did."""

    def __post_init__(self) -> None:
        if self.baseline not in BASELINES or self.seat not in (0, 1):
            raise ValueError(f"no such game: {self.baseline} seat {self.seat}")
        self.referee = Referee()
        self.model = ModelSeat(random.Random(derive_seed(self.seed, "model")))
        self.opponent = BASELINES[self.baseline](random.Random(derive_seed(self.seed, self.baseline)))
        self._run()

    @property
    def over(self) -> bool:
        return self.referee.outcome is not None

    @property
    def outcome(self) -> Outcome | None:
        return self.referee.outcome

    # -- driving -----------------------------------------------------------------------------------
    def _run(self) -> None:
        """Answer scripted requests until the model must answer or the game ends."""
        while (req := self.referee.request()) is not None:
            if req.player != self.seat:
                self.referee.submit(req.player, self._opponent_answer(req))
                continue
            if req.kind == "Pick":
                self.model.client.on_pick(req.content)
                self.referee.submit(req.player, {"Action": "Pick", "ChooseFishs": list(PICKS)})
                continue
            self.request = {"Action": req.kind, **req.content}
            if req.kind == "Assert":
                self.model.client.on_assert(req.content)
            else:
                self.model.client.on_action(req.content)
            self.pending = self._open(req)
            return
        self.pending = None

    def _opponent_answer(self, req: Request) -> dict[str, Any]:
        if req.kind == "Pick":
            return self.opponent.pick(req.content)
        if req.kind == "Assert":
            return self.opponent.guess(req.content)
        return self.opponent.act(req.content)

    def _open(self, req: Request, tries: int = 0, parsed: bool = False) -> Pending:
        if req.kind == "Assert":
            prompt = self.model.guess_prompt()
            return Pending("guess", prompt, self.model.guess_messages(prompt), tries, parsed)
        prompt = self.model.action_prompt()
        return Pending("action", prompt, self.model.action_messages(prompt), tries, parsed)

    def answer(self, output: str) -> bool:
        """Give the model's answer to the open decision; True when it was accepted."""
        pending = self.pending
        if pending is None:
            raise RuntimeError("the game is not waiting for the model")
        reader = self.model.read_guess if pending.kind == "guess" else self.model.read_action
        decision: Decision | None = reader(pending.prompt, output)
        tries = pending.tries + 1
        self.log.append(Turn(pending.kind, decision is not None, tries, decision.move if decision else None))
        if decision is not None:
            self.referee.submit(self.seat, decision.message)
        elif tries < TRIES:
            req = self.referee.request()
            assert req is not None
            parsed = pending.parsed_json or _has_json(output)
            self.pending = self._open(req, tries, parsed)  # the same request again (rebuilt, as the original does)
            return False
        elif pending.kind == "guess":
            self.referee.submit(self.seat, {"Action": "Null"})  # Assert returns (-1, -1): no guess
        else:
            parsed = pending.parsed_json or _has_json(output)
            self.model_failed = "invalid_action" if parsed else "invalid_format"
            self.referee.crash(self.seat)  # the client process dies: the model loses
        self._run()
        return decision is not None

    # -- results -------------------------------------------------------------------------------------
    def winner(self) -> int:
        """The winner as AgentBench.old reads it (``"0" : 0`` in the end record means player 1)."""
        assert self.outcome is not None
        return 1 if self.outcome.end_info["0"] == 0 else 0

    def damage(self) -> int:
        """Damage the model dealt (``cal_metric``): 400 − max(HP, 0) over the enemy's final fish."""
        enemy = self.referee.final_fish()[self.seat ^ 1]
        return sum(400 - max(f["hp"], 0) for f in enemy)

    def metrics(self) -> dict[str, Any]:
        win = int(self.winner() == self.seat)
        damage = self.damage()
        guesses = [t for t in self.log if t.kind == "guess"]
        actions = [t for t in self.log if t.kind == "action"]
        assert self.outcome is not None
        return {
            "baseline": self.baseline,
            "seat": self.seat,
            "win": win,
            "damage": damage,
            "score_v02": 0.7 * win + min(0.3, 0.3 * damage / FULL_HP),
            "end": self.outcome.reason,
            "full_play": int(self.outcome.error_player != self.seat),
            "model_calls": len(self.log),
            "rejected_guesses": sum(1 for t in guesses if not t.accepted),
            "rejected_actions": sum(1 for t in actions if not t.accepted),
            "states": self.referee.state,
        }


def _has_json(output: str) -> bool:
    return any(isinstance(m, dict) for m in json_candidates(output))
