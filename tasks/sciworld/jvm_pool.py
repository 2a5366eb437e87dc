"""A pool of ScienceWorld JVMs (``ScienceWorldEnv``), one per concurrent episode.

A ScienceWorld world is not a function of (task, variation) alone: the simulator keeps state across
``load`` calls in one JVM, so the same variation loaded after others can hold different objects
(measured with scienceworld 1.2.3: find-animal variation 248 had a butterfly egg, a giant tortoise
egg or a common toad depending on what the JVM had loaded before; boil variation 27's gold path
needed 96 or 104 moves). The original ran every variation in one JVM in a fixed order, so its worlds
depended on that order; a pool shared by concurrent episodes would make them depend on scheduling.
So by default every episode gets a JVM that has loaded nothing (its world is the variation's
first-load world, the same on every run); spares are started in the background while episodes run,
so an episode rarely waits for a JVM (~1.3 s and ~1 GB each). ``reuse=True`` keeps JVMs across
episodes instead (faster to start, worlds depend on history). All methods are blocking: call them
from worker threads only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import warnings

log = logging.getLogger(__name__)

_env_lock = threading.Lock()


def start_jvm(step_limit: int, max_heap: str | None = None):
    """Start one ``ScienceWorldEnv``. ``max_heap`` (e.g. "2g") caps the Java heap: the package
    exposes no JVM options, so it is passed through ``JAVA_TOOL_OPTIONS`` while the process starts
    (under a lock, restored right after)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the package warns about its own camel-case wrappers
        from scienceworld import ScienceWorldEnv

    if not max_heap:
        return ScienceWorldEnv("", None, envStepLimit=step_limit)
    with _env_lock:
        previous = os.environ.get("JAVA_TOOL_OPTIONS")
        os.environ["JAVA_TOOL_OPTIONS"] = f"{previous or ''} -Xmx{max_heap}".strip()
        try:
            return ScienceWorldEnv("", None, envStepLimit=step_limit)
        finally:
            if previous is None:
                os.environ.pop("JAVA_TOOL_OPTIONS", None)
            else:
                os.environ["JAVA_TOOL_OPTIONS"] = previous


class JVMPool:
    """Up to ``size`` JVMs leased one episode at a time; unless ``reuse``, each is shut down after
    its episode, and as many fresh spares as there are leased JVMs are kept starting or ready."""

    def __init__(self, size: int, step_limit: int, max_heap: str | None = None, reuse: bool = False):
        self.size = size
        self.step_limit = step_limit
        self.max_heap = max_heap
        self.reuse = reuse
        self._idle: list = []
        self._leased = 0
        self._starting = 0
        self._closed = False
        self._cond = threading.Condition()
        self.started = 0
        """JVMs started over the pool's life (for tests and the manifest)."""

    def acquire(self):
        """Lease a JVM (an idle one, a new one while under ``size``, else wait)."""
        with self._cond:
            while True:
                if self._closed:
                    raise RuntimeError("the ScienceWorld JVM pool is closed")
                if self._idle and self._leased < self.size:
                    env = self._idle.pop()
                    self._leased += 1
                    self._top_up()
                    return env
                if self._leased + self._starting < self.size:
                    self._leased += 1
                    self._top_up()
                    break
                self._cond.wait()
        try:
            env = self._start()
        except BaseException:
            with self._cond:
                self._leased -= 1
                self._cond.notify()
            raise
        return env

    def release(self, env, broken: bool = False) -> None:
        """Give a JVM back: kept for the next episode when reusing (and not ``broken``: a failed
        call left it in doubt), else shut down and replaced by a fresh spare started in the background."""
        with self._cond:
            self._leased -= 1
            keep = self.reuse and not broken and not self._closed
            if keep:
                self._idle.append(env)
            self._cond.notify()
        if not keep:
            _shutdown(env)

    def _top_up(self) -> None:
        """Without reuse: start spares in the background so that every leased JVM has a fresh
        successor ready when its episode ends (call with the lock held)."""
        if self.reuse or self._closed:
            return
        want = min(self.size, self._leased)
        while len(self._idle) + self._starting < want:
            self._starting += 1
            threading.Thread(target=self._start_spare, name="sciworld-jvm-spare", daemon=True).start()

    def _start(self):
        env = start_jvm(self.step_limit, self.max_heap)
        with self._cond:
            self.started += 1
        return env

    def _start_spare(self) -> None:
        try:
            env = self._start()
        except Exception as exc:  # noqa: BLE001 - the next acquire starts one itself and reports it
            log.warning("could not start a spare ScienceWorld JVM: %s", exc)
            env = None
        with self._cond:
            self._starting -= 1
            closed = self._closed
            if env is not None and not closed:
                self._idle.append(env)
            self._cond.notify_all()
        if env is not None and closed:
            _shutdown(env)

    def close(self) -> None:
        """Shut down every idle JVM; leased ones are shut down when released, spares when started."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._cond.notify_all()
        for env in idle:
            _shutdown(env)


def _shutdown(env) -> None:
    with contextlib.suppress(Exception):
        env.close()
