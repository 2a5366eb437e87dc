"""ALFWorld games on the real TextWorld engine (PDDL backend, fast-downward), through its gym API.

A game file (``game.tw-pddl``) is a JSON object with the PDDL domain, the text grammar, the PDDL
problem, ``solvable`` and an expert ``walkthrough``. :class:`AlfredGame` plays one as AgentBench.old
did with ALFWorld's ``AlfredTWEnv`` in evaluation mode: ``textworld.gym.register_games`` with a
batch of one, infos ``won`` / ``admissible_commands`` / ``extra.gamefile``, at most 50 engine
steps, and ALFWorld's demangled names (:mod:`tasks.alfworld.demangler`).

**Logic.** The mirrored release files embed ALFWorld's newer logic (``move X to Y``, "You arrive
at cabinet 1."), while AgentBench.old's one-shot examples were written on the older logic that
AgentBench ships (``data/alfworld/logic``: ``put X in/on Y``, "You arrive at loc 13."). With
``logic="agentbench"`` (the default) a game is re-targeted before loading, as ALFWorld built its
game files: that domain and grammar, with the game's own goal text in place of the grammar's
``UNKNOWN GOAL``. ``logic="game"`` plays the file as it is.

**Processes.** TextWorld's PDDL backend is not thread-safe: fast-downward's translator sets
module-level options, overwrites ``sys.argv`` and swaps ``sys.stdout`` while it runs, and each game
loads its own copy of fast-downward's C++ library, which cannot be unloaded safely (``dlclose``
then a later load crashes the process). So every game runs in a process of its own
(:mod:`tasks.alfworld.process`), like the original's process pool: an :class:`AlfredGame` lives
and dies with that process.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from harness.errors import HarnessError

MAX_ENGINE_STEPS = 50
"""``max_episode_steps`` of AlfredTWEnv in the original config (dagger training steps): above the
protocol's 35, so it never ends an episode."""

_TASK_RULE = re.compile(r'"rhs": "Your task is to: (.*)\."')
_GAME_KEYS = {"pddl_domain": str, "grammar": str, "pddl_problem": str}

class GameFileError(HarnessError):
    """A game file that is not a playable TextWorld PDDL game (names the file and the reason)."""


class LogicFiles(BaseModel):
    """An ALFWorld logic: the PDDL domain and the TextWorld grammar (``alfred.pddl``, ``alfred.twl2``)."""

    model_config = ConfigDict(frozen=True)

    domain: str
    grammar: str

    @classmethod
    def read(cls, folder: Path) -> LogicFiles:
        try:
            domain = (folder / "alfred.pddl").read_text(encoding="utf-8")
            grammar = (folder / "alfred.twl2").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise HarnessError(f"alfworld: cannot read the logic files in {folder}: {exc}") from None
        if "UNKNOWN GOAL" not in grammar:
            raise HarnessError(f"alfworld: {folder / 'alfred.twl2'} has no UNKNOWN GOAL task rule")
        return cls(domain=domain, grammar=grammar)


class GameFile(BaseModel):
    """One ``game.tw-pddl`` file, read and checked."""

    model_config = ConfigDict(frozen=True)

    path: Path
    data: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> GameFile:
        """Parse and check a game file; a malformed one raises :class:`GameFileError`."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise GameFileError(f"alfworld: game file {path} does not exist") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GameFileError(f"alfworld: game file {path} is not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise GameFileError(f"alfworld: game file {path} is not a JSON object")
        for key, kind in _GAME_KEYS.items():
            if not isinstance(data.get(key), kind) or not data[key].strip():
                raise GameFileError(
                    f"alfworld: game file {path} lacks {key!r} (a TextWorld PDDL game needs {', '.join(_GAME_KEYS)})"
                )
        walkthrough = data.get("walkthrough", [])
        if not isinstance(walkthrough, list) or not all(isinstance(c, str) for c in walkthrough):
            raise GameFileError(f"alfworld: game file {path}: 'walkthrough' is not a list of commands")
        game = cls(path=path, data=data)
        game.goal()  # a game without a goal text cannot be re-targeted nor shown
        return game

    def goal(self) -> str:
        """The task text of the game's grammar (``put a clean bowl in cabinet``)."""
        match = _TASK_RULE.search(self.data["grammar"])
        if match is None:
            raise GameFileError(f"alfworld: game file {self.path}: its grammar has no 'Your task is to: ...' rule")
        return match.group(1)

    @property
    def walkthrough(self) -> list[str]:
        return list(self.data.get("walkthrough") or [])

    def playable(self, logic: LogicFiles | None) -> dict[str, Any]:
        """The game data to load: re-targeted to ``logic`` (its domain, and its grammar with this
        game's goal), or as it is when ``logic`` is None."""
        if logic is None:
            return self.data
        return {**self.data, "pddl_domain": logic.domain, "grammar": logic.grammar.replace("UNKNOWN GOAL", self.goal())}


class AlfredGame:
    """One game played through TextWorld's gym API, in the process that owns it (one game per
    process: see the module's docstring)."""

    def __init__(self, data: dict[str, Any], label: str):
        self.data = data
        self.label = label
        self._dir: Path | None = None
        self._env: Any = None
        self.admissible: list[str] = []
        self.won = False
        self.done = False

    def reset(self) -> str:
        """Load the game and return its first observation (the intro text)."""
        import textworld
        import textworld.gym

        from tasks.alfworld.demangler import AlfredNames

        self._dir = Path(tempfile.mkdtemp(prefix="alfworld-"))
        path = self._dir / "game.tw-pddl"
        path.write_text(json.dumps(self.data), encoding="utf-8")
        infos = textworld.EnvInfos(won=True, admissible_commands=True, extras=["gamefile"])
        env_id = textworld.gym.register_games(
            [str(path)], infos, batch_size=1, asynchronous=False,
            max_episode_steps=MAX_ENGINE_STEPS, wrappers=[AlfredNames],
        )  # fmt: skip
        try:
            self._env = textworld.gym.make(env_id)
        finally:
            textworld.gym.registry.pop(env_id, None)  # one registration per game: do not pile them up
        try:
            obs, info = self._env.reset()
        except Exception as exc:  # noqa: BLE001 - the engine's parser and planner raise many kinds
            raise GameFileError(f"alfworld: the engine cannot load {self.label}: {type(exc).__name__}: {exc}") from None
        self._update(info)
        return obs[0]

    def step(self, command: str) -> str:
        """Play one command; returns the engine's feedback ("Nothing happens." when not admissible)."""
        if self._env is None:
            raise RuntimeError("AlfredGame.step before reset")
        obs, _scores, dones, info = self._env.step([command])
        self._update(info)
        self.done = bool(dones[0])
        return obs[0]

    def _update(self, info: dict[str, list[Any]]) -> None:
        self.admissible = list(info["admissible_commands"][0])
        self.won = bool(info["won"][0])

    def close(self) -> None:
        """Close the game and remove its files (the library copy goes with the process)."""
        env, self._env = self._env, None
        if env is not None:
            env.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
