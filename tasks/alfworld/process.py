"""Each ALFWorld game in a process of its own (see :mod:`tasks.alfworld.engine` for why).

:class:`GameProcess` is the episode's handle: ``reset`` starts a process (forked from a
``forkserver`` that has imported TextWorld once, so a start costs milliseconds, not an import),
loads the game there and returns the first observation; ``step`` plays one command; ``close``
ends the process. Calls block (the environment runs them in a worker thread). A process that
dies or stops answering ends the episode with an error naming the game.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import sys
from functools import cache
from typing import Any

from tasks.alfworld.engine import GameFileError

ANSWER_TIMEOUT_S = 300.0
"""A game loads in seconds and steps in milliseconds; far more means the engine is stuck."""

_PRELOAD = ["textworld", "textworld.gym", "textworld.envs.pddl", "fast_downward", "tasks.alfworld.engine"]


@cache
def _context() -> Any:
    """The forkserver context. Its server imports TextWorld once, and the program's main module
    when that is a file (as multiprocessing would in every child otherwise)."""
    ctx = multiprocessing.get_context("forkserver")
    main_file = getattr(sys.modules["__main__"], "__file__", None)
    ctx.set_forkserver_preload(_PRELOAD + (["__main__"] if main_file and os.path.isfile(main_file) else []))
    return ctx


def _serve(conn: multiprocessing.connection.Connection) -> None:
    """The game process: load one game, then answer step requests until told to close."""
    from tasks.alfworld.engine import AlfredGame

    game: AlfredGame | None = None
    try:
        while True:
            try:
                request = conn.recv()
            except EOFError:  # the parent is gone
                return
            try:
                if request[0] == "reset":
                    game = AlfredGame(request[1], label=request[2])
                    observation = game.reset()
                elif request[0] == "step" and game is not None:
                    observation = game.step(request[1])
                else:
                    return
                conn.send(
                    {"observation": observation, "admissible": game.admissible, "won": game.won, "done": game.done}
                )
            except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
                conn.send({"error": type(exc).__name__, "message": str(exc)})
    finally:
        if game is not None:
            game.close()


class GameProcess:
    """One game played in its own process; the same surface as :class:`AlfredGame`."""

    def __init__(self, data: dict[str, Any], label: str, timeout_s: float = ANSWER_TIMEOUT_S):
        self.data = data
        self.label = label
        self.timeout_s = timeout_s
        self.admissible: list[str] = []
        self.won = False
        self.done = False
        self._conn: multiprocessing.connection.Connection | None = None
        self._process: Any = None

    def reset(self) -> str:
        ctx = _context()
        parent, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child,), name="alfworld-game", daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        return self._ask(("reset", self.data, self.label))

    def step(self, command: str) -> str:
        return self._ask(("step", command))

    def _ask(self, request: tuple) -> str:
        if self._conn is None:
            raise RuntimeError("GameProcess used before reset or after close")
        try:
            self._conn.send(request)
            if not self._conn.poll(self.timeout_s):
                raise RuntimeError(
                    f"alfworld: the engine gave no answer for {self.label} within {self.timeout_s:.0f} s"
                )
            answer = self._conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            raise RuntimeError(f"alfworld: the engine process of {self.label} died (exit code {code})") from None
        if "error" in answer:
            if answer["error"] == "GameFileError":
                raise GameFileError(answer["message"])
            raise RuntimeError(f"alfworld: the engine failed on {self.label}: {answer['error']}: {answer['message']}")
        self.admissible, self.won, self.done = answer["admissible"], answer["won"], answer["done"]
        return answer["observation"]

    def close(self) -> None:
        conn, process = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            try:
                conn.send(("close",))
            except (OSError, ValueError):
                pass
            conn.close()
        if process is not None:
            process.join(10)
            if process.is_alive():
                process.kill()
                process.join(5)
