"""One game as a harness episode: each model call is one turn of the agent loop.

The context of every call is rebuilt as the original client builds it (``next_messages``): the last
accepted exchanges, the rules message with its scripted reply, the current request. Before sending,
AgentBench.old's session trimmed it (3,500 segments, ``[NOTICE]`` line: :meth:`CardGameEnv.context`).
Retries of one decision re-send the identical request; with the held-in decoding (sampled, see
PROTOCOLS.md) each call gets its own seed derived from the run seed, the game and the call number,
so a retry can differ, as it could in the original, and the run still replays.
"""

from __future__ import annotations

import zlib
from typing import Any

from harness.model import GenParams, Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench import agentbench_trim
from tasks.card_game.game import Game


class CardGameEnv(Env):
    """A game between the model and a scripted baseline (an in-memory engine: ``light``)."""

    light = True

    def __init__(self, baseline: str, seat: int, game_seed: int, params: GenParams, call_seed: str):
        self.baseline, self.seat, self.game_seed = baseline, seat, game_seed
        self.params = params
        self.call_seed = call_seed
        self.game: Game | None = None
        self.calls = 0

    def reset(self) -> list[Message]:
        self.game = Game(self.baseline, self.seat, self.game_seed)
        if self.game.pending is None:
            raise RuntimeError("the game ended before the model's first move")
        return list(self.game.pending.messages)

    def context(self, history: list[Message]) -> list[Message]:
        """AgentBench.old's session-side trimming of every request."""
        return agentbench_trim(history)

    def _next_params(self) -> GenParams | None:
        if not self.params.sampling or self.params.seed is not None:
            return None
        return self.params.model_copy(update={"seed": zlib.crc32(f"{self.call_seed}/{self.calls}".encode())})

    def step(self, action: str) -> StepResult:
        game = self.game
        assert game is not None and game.pending is not None
        kind = game.pending.kind
        accepted = game.answer(action or "")
        self.calls += 1
        turn = game.log[-1]
        info: dict[str, Any] = {"decision": kind, "accepted": accepted, "try": turn.tries}
        if turn.move is not None:
            info["move"] = turn.move
        if game.over:
            assert game.outcome is not None
            info.update(end=game.outcome.reason, winner=game.winner())
            status = Status(game.model_failed) if game.model_failed else Status.COMPLETED
            return StepResult(done=True, status=status, invalid=not accepted, info=info)
        assert game.pending is not None
        return StepResult(next_messages=list(game.pending.messages), invalid=not accepted,
                          params=self._next_params(), info=info)

    def evaluate(self, status: Status) -> SampleScore:
        """Win or loss as AgentBench.old scores it; an unfinished game (a limit hit) is a loss."""
        game = self.game
        if game is None:
            return SampleScore(score=0.0, metrics={"baseline": self.baseline, "seat": self.seat, "win": 0})
        if not game.over:
            metrics = {"baseline": self.baseline, "seat": self.seat, "win": 0, "damage": game.damage(),
                       "end": "unfinished", "model_calls": len(game.log)}
            metrics["score_v02"] = min(0.3, 0.3 * metrics["damage"] / 1600)
            return SampleScore(score=0.0, metrics=metrics)
        metrics = game.metrics()
        return SampleScore(score=float(metrics["win"]), metrics=metrics)
