"""Digital Card Game (Aquawar), held-out: AgentBench.old's ``card_game`` as AgentTuning ran it.

Each game is one round of Aquawar between the model and one of two scripted baselines, four fish a
side (spray, flame, eel, sunfish), every turn a guess and an action. The paper's split is ``ext``:
50 games against each baseline in each seat (200 games); ``std`` and ``dev`` hold 5 and 3 per cell.
Main metric: AgentBench.old's win rate. Also reported: AgentBench v0.2's score,
0.7 × win rate + min(0.3, 0.3 × damage / 1600), damage being what the model's fish dealt per game.

The referee is a Python port of the original C++ logic, checked message for message against the
compiled original (DIFFERENTIAL.md); the baselines and the model's client keep the original SDK's
behaviour. Games are seeded by the run seed and the game's id (the original could not be replayed:
its randomness came from ``random_device``, ``time(0)`` and unseeded ``random``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from harness.errors import HarnessError
from harness.model import GenParams, Rendering
from harness.task import Env, Metric, Oracle, Protocol, RunContext, Sample, SampleScore, Suite, Task, TaskScore
from tasks.agentbench import HELD_IN_RENDERING, agentbench_old, held_in_generation
from tasks.card_game.env import CardGameEnv
from tasks.card_game.game import FULL_HP, derive_seed
from tasks.card_game.oracle import StrategistOracle

GAMES_PER_CELL = {"ext": 50, "std": 5, "dev": 3}
"""``test_time`` of configs/tasks/card_game/{ext,std,dev}.yaml: games per (baseline, seat)."""
BASELINES = ("baseline1", "baseline2")
MAX_MODEL_CALLS = 320
"""At most 32 turns per seat in 128 states, each a guess and an action of up to 5 calls."""

DEVIATIONS = (
    (
        "Seeded randomness: the baselines' shuffles and coin flips (the original's time(0)-seeded shuffles, "
        "random_device and unseeded random) draw from RNGs derived from the run seed and the game id."
    ),
    (
        "The SDK's ActionInfo arrays, which the original leaves uninitialised, start at 0 (their stale entries "
        "reach the prompt's TARGET and passive fields and baseline 2's deductions)."
    ),
    (
        "No wall-clock limits: the original gave each request 300 s and each game 600 s, and a game that ran "
        "out of time was recorded as won by player 0, whichever seat the model had."
    ),
    (
        "The original's socket read of 10,000 bytes per request is not reproduced (a longer request deadlocked "
        "the game until that 600 s limit)."
    ),
    (
        "Each model call carries its own sampling seed (derived from the run seed), so the original's retries, "
        "which re-sent the same request to a sampling server, can differ and the run still replays."
    ),
    (
        "An endpoint failure ends the sample as errored (retried on resume); the original's session answered "
        "empty strings from then on, which lost the game."
    ),
)


class CardGame(Task):
    """AgentBench.old Digital Card Game, ``ext`` split: 200 games, win rate."""

    name: ClassVar[str] = "card_game"
    suite: ClassVar[Suite] = Suite.HELD_OUT
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric] = Metric(name="win_rate")
    protocol: ClassVar[Protocol] = agentbench_old("src/tasks/card_game")
    rendering: ClassVar[Rendering] = HELD_IN_RENDERING
    splits: ClassVar[tuple[str, ...]] = ("ext", "std", "dev")
    default_split: ClassVar[str] = "ext"
    # AgentBench.old's held-in TGI request with the card game's --max_new_tokens 512 (eval/single-task/
    # card.sh): do_sample False, temperature 0.7 (sampled by the TGI build of the paper), truncate 4096 - 512.
    generation: ClassVar[GenParams] = held_in_generation(512)
    max_turns: ClassVar[int] = MAX_MODEL_CALLS
    time_limit_s: ClassVar[float | None] = None

    def samples(self, split: str) -> list[Sample]:
        """``get_data`` order: baseline 1 then 2; the model as player 0, then as player 1."""
        if split not in GAMES_PER_CELL:
            raise HarnessError(f"card_game: unknown split {split!r} (available: {', '.join(self.splits)})")
        samples = []
        for baseline in BASELINES:
            for seat in (0, 1):
                for game in range(GAMES_PER_CELL[split]):
                    sample_id = f"{split}-{baseline}-seat{seat}-{game:02d}"
                    samples.append(Sample(id=sample_id, split=split, data={"baseline": baseline, "seat": seat, "game": game}))
        return samples

    def make_env(self, sample: Sample, ctx: RunContext) -> CardGameEnv:
        data = sample.data
        params = self.params(sample)
        return CardGameEnv(data["baseline"], int(data["seat"]), derive_seed(ctx.seed, sample.id), params,
                           call_seed=f"{ctx.seed}/{self.name}/{sample.id}")

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        """A scripted player (not a replay) that plays the live game from the seat's messages."""
        assert isinstance(env, CardGameEnv)
        return StrategistOracle(env, sample.id)

    def comparability(self) -> list[str]:
        """The games, prompts, referee and baselines are the original's (seeded): comparable."""
        return []

    def describe(self) -> dict[str, Any]:
        return {
            "protocol": "AgentBench.old card_game (stage 2: guess + action each turn), one round, <= 128 states",
            "split_games_per_cell": GAMES_PER_CELL,
            "retries_per_decision": 5,
            "history": "last 2 accepted actions / 3 accepted guesses, then the rules message; session trimming",
            "deviations": list(DEVIATIONS),
        }

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Win rate (AgentBench.old), per cell, and v0.2's score from the summed damage."""
        base = super().aggregate(scores)
        n = len(scores)
        if not n:
            return base
        wins = sum(int(s.metrics.get("win", 0)) for _, s in scores)
        damage = sum(int(s.metrics.get("damage", 0)) for _, s in scores)
        win_rate, damage_rate = wins / n, damage / (FULL_HP * n)
        extra: dict[str, Any] = {
            "win_round": wins, "total_round": n,
            "damage_rate": 100.0 * damage_rate,
            "score_v02": 100.0 * (0.7 * win_rate + min(0.3, 0.3 * damage_rate)),
        }
        cells: dict[str, list[int]] = {}
        for _, s in scores:
            key = f"win_rate_{s.metrics.get('baseline', '?')}_seat{s.metrics.get('seat', '?')}"
            cells.setdefault(key, []).append(int(s.metrics.get("win", 0)))
        extra.update({k: 100.0 * sum(v) / len(v) for k, v in sorted(cells.items())})
        base.metrics.update(extra)
        return base
