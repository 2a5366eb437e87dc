"""The oracle model's policy for the card game: the :class:`Strategist` playing the live game.

It is a player, not a replay: it reads only the messages the model's seat was sent (the referee's
requests), decides with :class:`~tasks.card_game.strategy.Strategist`, and answers in the model's
format. Losses are just losses: the task's oracle accounting is its win rate.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from harness.model import Message
from harness.task import OraclePolicy
from tasks.card_game.game import derive_seed
from tasks.card_game.strategy import Strategist, render

if TYPE_CHECKING:
    from tasks.card_game.env import CardGameEnv


class StrategistOracle(OraclePolicy):
    """Plays one sample's game; ``live`` returns that game's environment."""

    def __init__(self, live: Callable[[], "CardGameEnv | None"], seat: int, sample_id: str):
        self.live = live
        self.strategist = Strategist(seat, derive_seed("oracle", sample_id))
        self._seen: Any = None
        self._move: dict[str, Any] | None = None

    def act(self, history: Sequence[Message]) -> str:
        env = self.live()
        game = env.game if env is not None else None
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
        return await asyncio.to_thread(self.act, history)
