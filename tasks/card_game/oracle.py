"""The oracle model's policy for the card game: the :class:`Strategist` playing the live game.

It is a player, not a replay: it reads only the messages the model's seat was sent (the referee's
requests), decides with :class:`~tasks.card_game.strategy.Strategist`, and answers in the model's
format. Losses are just losses: the task's oracle accounting is its win rate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from harness.model import Message
from harness.task import OracleAccount, OraclePolicy, SampleScore, Status
from tasks.card_game.env import CardGameEnv
from tasks.card_game.game import derive_seed
from tasks.card_game.strategy import Strategist, render


class StrategistOracle(OraclePolicy):
    """Plays the game of its live environment ``env``."""

    def __init__(self, env: CardGameEnv, sample_id: str):
        self.env = env
        self.strategist = Strategist(env.seat, derive_seed("oracle", sample_id))
        self._seen: Any = None
        self._move: dict[str, Any] | None = None

    def act(self, history: Sequence[Message]) -> str:
        game = self.env.game
        if game is None or game.pending is None or game.request is None:
            return ""
        if game.request is not self._seen:  # a new request (a retry re-asks the same one)
            self._seen = game.request
            self.strategist.observe(game.request)
            if game.pending.kind == "guess":
                self._move = self.strategist.guess(game.request)
            else:
                self._move = self.strategist.act(game.request)
        assert self._move is not None
        return render(self._move)

    async def aact(self, history: Sequence[Message]) -> str:
        return await self.env.call(self.act, history)  # look-ahead is CPU work: off the event loop

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        """A player, not a replay: a lost game is a loss of the player, not a defect of the sample."""
        if score.score >= 1.0:
            return OracleAccount()
        return OracleAccount(solvable=False, reason="game_lost", detail={
            k: score.metrics.get(k) for k in ("baseline", "seat", "end", "damage")})
