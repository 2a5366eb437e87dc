"""ALFWorld (AgentBench held-in): household tasks in ALFWorld's text games, on the real TextWorld engine.

Follows AgentBench.old as AgentTuning ran it (THUDM/AgentTuning @ e33a45d, AgentBench.old
``src/tasks/alfworld``, configs/tasks/alfworld/{std,dev}.yaml): the games AgentBench lists (std 50,
dev 20), the one-shot ReAct prompt chosen by task type, 35 steps, ``ACTION:`` parsing with the BLEU
mapping onto admissible commands, early failure after three identical outputs, the held-in
decoding and history trimming; metric: success rate, also per task type.

Each episode loads its game in a worker thread (``Env.blocking``) on TextWorld's PDDL engine
(:mod:`tasks.alfworld.engine`); nothing is shared between episodes but the read-only files.

Option ``logic``: ``agentbench`` (default) plays every game on the logic AgentBench ships, the one
its one-shot examples were written on ("put X in/on Y", "You arrive at loc N."); ``game`` plays the
files as they are (the release files now embed ALFWorld's newer logic: "move X to Y").
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, ClassVar

from harness.errors import HarnessError
from harness.model import GenParams, Message
from harness.task import (
    Env,
    Metric,
    Oracle,
    OracleAccount,
    OraclePolicy,
    RunContext,
    Sample,
    SampleScore,
    Status,
    Suite,
    Task,
    TaskOption,
    TaskScore,
    mean_score,
)
from tasks.agentbench import HELD_IN_RENDERING, agentbench_old, held_in_generation
from tasks.alfworld.engine import LogicFiles
from tasks.alfworld.env import MAX_STEP, ALFWorldEnv
from tasks.alfworld.protocol import BLEU_LIMIT, REPORTED_TYPES, check_prompts, task_type
from tasks.alfworld.sources import AGENTBENCH_SOURCE, GAMES_SOURCE, LISTS, LOGIC_SOURCE, PROMPTS, SOURCES

LOGICS = ("agentbench", "game")


class ExpertPolicy(OraclePolicy):
    """The oracle: plays the game's expert walkthrough, in the grammar the live game speaks, one
    ``ACTION:`` per turn, reading the next command off the live environment (which checks it
    against the game's admissible commands)."""

    def __init__(self, env: ALFWorldEnv):
        self.env = env
        self.inadmissible: list[str] = []

    def act(self, history: Sequence[Message]) -> str:
        command = self.env.expert_command()
        if self.env.game is not None and command not in self.env.game.admissible:
            self.inadmissible.append(command)
        return f"ACTION: {command}\n"

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        """Every listed game is solvable by its walkthrough (a miss is the harness's fault, so it is
        reported as unexplained, with what went wrong)."""
        if score.score < 1.0 and self.inadmissible:
            return OracleAccount(
                solvable=True, reason="walkthrough_not_admissible", detail={"commands": self.inadmissible}
            )
        return OracleAccount()


class ALFWorld(Task):
    """AgentBench ALFWorld: success rate over the listed games (std 50, dev 20)."""

    name: ClassVar[str] = "alfworld"
    suite: ClassVar[Suite] = Suite.HELD_IN
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric] = Metric(name="success_rate")
    protocol = agentbench_old("src/tasks/alfworld")
    rendering = HELD_IN_RENDERING
    splits: ClassVar[tuple[str, ...]] = ("std", "dev")
    default_split: ClassVar[str] = "std"
    sources = SOURCES
    sample_data: ClassVar[Path | None] = Path(__file__).parent / "sample_data"
    generation: ClassVar[GenParams] = held_in_generation()
    options_spec = (
        TaskOption(
            name="logic", type="choice", choices=LOGICS, default="agentbench",
            help="agentbench: games on the logic the one-shot prompts were written on (put X in/on Y); "
            "game: the release files' own (newer) logic",
        ),
    )  # fmt: skip
    max_turns: ClassVar[int] = MAX_STEP
    max_concurrency: ClassVar[int | None] = 8

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self._prompts: dict[str, list[str]] | None = None
        self._logic: LogicFiles | None = None

    # -- data --------------------------------------------------------------------------------------
    def _dir(self, source_name: str) -> Path:
        return Path(self.data[source_name])

    def prompts(self) -> dict[str, list[str]]:
        """The one-shot examples by prompt key (``put``, ``clean``...), checked."""
        if self._prompts is None:
            path = self._dir(AGENTBENCH_SOURCE.name) / PROMPTS
            try:
                self._prompts = dict(check_prompts(json.loads(path.read_text(encoding="utf-8")), str(path)))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
                raise HarnessError(f"alfworld: malformed prompt file {path}: {exc}") from None
        return self._prompts

    def logic(self) -> LogicFiles | None:
        """The logic games are re-targeted to (None: ``logic=game``, the files' own)."""
        if self.option("logic") == "game":
            return None
        if self._logic is None:
            self._logic = LogicFiles.read(self._dir(LOGIC_SOURCE.name) / "logic")
        return self._logic

    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise HarnessError(f"alfworld: unknown split {split!r} (available: {', '.join(self.splits)})")
        path = self._dir(AGENTBENCH_SOURCE.name) / LISTS[split]
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HarnessError(f"alfworld: malformed game list {path}: {exc}") from None
        if not isinstance(content, dict) or not all(
            isinstance(v, list) and all(isinstance(p, str) for p in v) for v in content.values()
        ):
            raise HarnessError(f"alfworld: malformed game list {path}: expected {{task type: [game paths]}}")
        self.prompts()
        self.logic()
        games = self._dir(GAMES_SOURCE.name)
        samples = []
        for listed in (p for paths in content.values() for p in paths):  # the original's order
            try:
                key, kind = task_type(listed)
            except ValueError as exc:
                raise HarnessError(f"alfworld: {path}: {exc}") from None
            if not (games / listed).is_file():
                raise HarnessError(f"alfworld: {path} lists {listed}, which is not in {games}")
            index = len(samples)
            samples.append(
                Sample(id=f"{split}-{index:02d}", split=split, data={"game": listed, "prompt": key, "type": kind})
            )
        return samples

    # -- episodes ----------------------------------------------------------------------------------
    async def start(self, ctx: RunContext) -> None:
        """Check the engine is installed (else one line and exit 2, not 50 errored games)."""
        missing = [m for m in ("textworld", "fast_downward", "nltk") if importlib.util.find_spec(m) is None]
        if missing:
            raise HarnessError(f"alfworld needs {', '.join(missing)}: pip install 'textworld[pddl]' nltk")

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return ALFWorldEnv(
            game_path=self._dir(GAMES_SOURCE.name) / sample.data["game"],
            listed=sample.data["game"],
            example=self.prompts()[sample.data["prompt"]],
            logic=self.logic(),
            kind=sample.data["type"],
        )

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        """The game's expert walkthrough, played through the live environment."""
        assert isinstance(env, ALFWorldEnv)
        return ExpertPolicy(env)

    # -- reporting -----------------------------------------------------------------------------------
    def describe(self) -> dict[str, Any]:
        try:
            engine = f"textworld {version('textworld')}"
        except PackageNotFoundError:
            engine = "textworld (not installed)"
        return {
            "engine": engine + " (PDDL backend, gym API, batch of one), one process per game",
            "logic": self.option("logic"),
            "prompts": "alfworld_multiturn_react.json, 1-shot by task type",
            "max_step": MAX_STEP,
            "admissible_commands_shown": False,
            "action_mapping": f"NLTK BLEU (method4) onto admissible commands, threshold {BLEU_LIMIT}",
            "repeat_rule": "3 identical outputs from step 4 on end the episode with 0, checked before the win",
            "errored_games": "counted as errored (the original left them out of the denominator)",
            "game_files": "ALFWorld's current release files re-targeted to AgentBench's logic (logic=agentbench): "
            "a reconstruction of the files AgentBench.old ran, which embedded that logic",
            "repeat_status": "invalid_action (AgentBench v0.2's name; AgentBench.old only scores it 0)",
        }

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Success rate over all games, and per task type (``<type>`` and ``<type>_n``)."""
        total = mean_score([s.score for _, s in scores], self.metric)
        metrics: dict[str, Any] = {}
        for kind in REPORTED_TYPES:
            values = [s.score for _, s in scores if s.metrics.get("type") == kind]
            metrics[kind] = 100.0 * sum(values) / len(values) if values else None
            metrics[f"{kind}_n"] = len(values)
        return total.model_copy(update={"metrics": metrics})
