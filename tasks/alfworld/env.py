"""One ALFWorld episode: AgentBench.old's ``alfworld_run`` loop as an :class:`Env`.

Per model output: parse and map the action (:mod:`tasks.alfworld.protocol`), play it, show the
cleaned feedback. Then, in the original's order:

1. *failure test*: from the 4th output on, when the last three outputs are the same text the
   episode ends with score 0 (status ``invalid_action``, as AgentBench v0.2 names it) — also on
   the step that wins the game;
2. the game is done (won): score 1.

The loop stops after 35 outputs (``max_step`` of configs/tasks/alfworld/std.yaml) with score 0.
An exception while loading or playing ends the sample as ``errored`` (the original logged it and
left the game out of its denominator; here it is counted and retried on resume).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench import agentbench_trim
from tasks.alfworld.engine import GameFile, LogicFiles
from tasks.alfworld.process import GameProcess
from tasks.alfworld.protocol import clean_observation, first_messages, intro_text, map_action, parse_action
from tasks.alfworld.walkthrough import translate

MAX_STEP = 35
REPEAT_WINDOW = 3


class ALFWorldEnv(Env):
    """One game, in a process of its own started by ``reset`` (from a worker thread) and ended by ``close``."""

    def __init__(self, game_path: Path, listed: str, example: Sequence[str], logic: LogicFiles | None, kind: str):
        self.game_path = game_path
        self.listed = listed
        self.example = list(example)
        self.logic = logic
        self.kind = kind
        self.game: GameProcess | None = None
        self.expert: list[str] = []
        """The game's walkthrough in the grammar it is played with (for the oracle)."""
        self.outputs: list[str] = []
        self.won = False
        self.repeated = False

    def reset(self) -> list[Message]:
        game_file = GameFile.read(self.game_path)
        data = game_file.playable(self.logic)
        self.expert = translate(game_file.walkthrough, game_file.data["grammar"], data["grammar"])
        self.game = GameProcess(data, label=self.listed)
        observation = self.game.reset()
        return first_messages(self.example, intro_text(observation))

    def context(self, history: list[Message]) -> list[Message]:
        """AgentBench.old's client-side history trimming (3,500 segments, [NOTICE] line)."""
        return agentbench_trim(history)

    def step(self, action: str) -> StepResult:
        assert self.game is not None, "step before reset"
        output = action or ""
        self.outputs.append(output)
        admissible = self.game.admissible
        command = map_action(parse_action(output), admissible)
        observation = clean_observation(self.game.step(command))
        info = {"action": command}
        invalid = command not in admissible
        window = self.outputs[-REPEAT_WINDOW:]
        if len(self.outputs) > REPEAT_WINDOW and len(set(window)) == 1:
            self.repeated = True
            return StepResult(
                observation=observation, done=True, status=Status.INVALID_ACTION, invalid=invalid, info=info
            )
        if self.game.done:
            self.won = self.game.won
            return StepResult(
                observation=observation,
                done=True,
                reward=float(self.won),
                status=Status.COMPLETED,
                invalid=invalid,
                info=info,
            )
        return StepResult(observation=observation, invalid=invalid, info=info)

    def expert_command(self) -> str:
        """The walkthrough's command for the current step ("" once it is exhausted)."""
        step = len(self.outputs)
        return self.expert[step] if step < len(self.expert) else ""

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(
            score=1.0 if self.won and not self.repeated else 0.0,
            metrics={"type": self.kind, "steps": len(self.outputs), "won": self.won, "repeated": self.repeated},
        )

    def close(self) -> None:
        if self.game is not None:
            self.game.close()
            self.game = None
