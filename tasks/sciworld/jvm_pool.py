"""A pool of ScienceWorld JVMs (``ScienceWorldEnv``), one per concurrent episode.

A ScienceWorld world is not a function of (task, variation) alone: the simulator keeps state across
``load`` calls in one JVM, so the same variation loaded after others can hold different objects
(measured with scienceworld 1.2.3: find-animal variation 248 had a butterfly egg, a giant tortoise
egg or a common toad depending on what the JVM had loaded before; boil variation 27's gold path
needed 96 or 104 moves). The original ran every variation in one JVM in a fixed order, so its worlds
depended on that order; a pool shared by concurrent episodes would make them depend on scheduling.
So by default every episode gets a JVM that has loaded nothing but its own variation (the
variation's first-load world, the same on every run). That costs a JVM start (~1.5 s) and a cold
first load (~10 s: class loading, JIT and the gold path's generation) per episode, so both happen
ahead of need: once the run has said which episodes come next (:meth:`JVMPool.plan`), each running
episode has its successor's JVM started and its variation loaded in the background (nothing is
prepared that no episode will use); without a plan, blank JVMs are started ahead instead.
``reuse=True`` keeps JVMs across episodes instead (faster to start, worlds depend on history). All
methods are blocking: call them from worker threads only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import warnings
from collections import deque
from collections.abc import Iterable

log = logging.getLogger(__name__)

_env_lock = threading.Lock()

Key = tuple[str, int]
"""(task name, variation) of an episode."""


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


class _Prepared:
    """A JVM being started (and, for a planned episode, loaded) in the background."""

    def __init__(self, key: Key | None):
        self.key = key
        self.env = None
        self.error: BaseException | None = None
        self.done = threading.Event()


class JVMPool:
    """Up to ``size`` JVMs leased one episode at a time. Unless ``reuse``, each is shut down after
    its episode, and every leased JVM has one successor prepared in the background: the next
    planned episode's JVM with its variation loaded, or (without a plan) a blank JVM."""

    def __init__(
        self, size: int, step_limit: int, max_heap: str | None = None, reuse: bool = False, simplification: str = "",
    ):  # fmt: skip
        self.size = size
        self.step_limit = step_limit
        self.max_heap = max_heap
        self.reuse = reuse
        self.simplification = simplification
        self._idle: list = []
        """Reuse: JVMs kept from earlier episodes. Otherwise: blank spares started without a plan."""
        self._preparing: deque[_Prepared] = deque()
        """Background starts (ready or under way), oldest first."""
        self._upcoming: deque[Key] | None = None
        """Planned episodes whose JVM is not prepared yet, in order (None: no plan given)."""
        self._leased = 0
        self._closed = False
        self._cond = threading.Condition()
        self.started = 0
        """JVMs started over the pool's life (for tests and the manifest)."""

    # -- the plan ------------------------------------------------------------------------------------
    def plan(self, keys: Iterable[Key]) -> None:
        """The coming episodes, in the order they will start. Ignored when reusing JVMs (a world
        then depends on what its JVM loaded before, so loads happen when the episode starts)."""
        if self.reuse:
            return
        with self._cond:
            self._upcoming = deque(keys)

    # -- leases --------------------------------------------------------------------------------------
    def acquire(self, task_name: str, variation: int):
        """Lease a JVM with the variation loaded (waits while ``size`` are leased)."""
        key = (task_name, variation)
        with self._cond:
            while True:
                if self._closed:
                    raise RuntimeError("the ScienceWorld JVM pool is closed")
                if self._leased < self.size:
                    break
                self._cond.wait()
            self._leased += 1
            prepared = self._claim(key)
            env = None
            if prepared is None and self._idle:
                env = self._idle.pop()  # reused (reuse) or a blank spare: its load happens below
            self._top_up()
        try:
            if prepared is not None:
                prepared.done.wait()
                if prepared.env is not None:
                    return prepared.env
                log.warning("a prepared ScienceWorld JVM failed (%s): starting one now", prepared.error)
            if env is None:
                env = self._start()
            try:
                env.load(task_name, variation, self.simplification, True)
            except BaseException:
                _shutdown(env)
                raise
            return env
        except BaseException:
            with self._cond:
                self._leased -= 1
                self._cond.notify_all()
            raise

    def release(self, env, broken: bool = False) -> None:
        """Give a JVM back: kept for the next episode when reusing (and not ``broken``: a failed
        call left it in doubt), else shut down."""
        with self._cond:
            self._leased -= 1
            keep = self.reuse and not broken and not self._closed
            if keep:
                self._idle.append(env)
            self._cond.notify_all()
        if not keep:
            _shutdown(env)

    def close(self) -> None:
        """Shut down every idle or prepared JVM; leased ones are shut down when released, ones
        still starting when they are up."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            ready = [p for p in self._preparing if p.done.is_set()]
            self._preparing.clear()
            self._cond.notify_all()
        for env in idle + [p.env for p in ready if p.env is not None]:
            _shutdown(env)

    # -- preparation (call with the lock held) ---------------------------------------------------------
    def _claim(self, key: Key) -> _Prepared | None:
        """The preparation made for this episode, if any; its key leaves the plan either way."""
        for prepared in self._preparing:
            if prepared.key == key:
                self._preparing.remove(prepared)
                return prepared
        if self._upcoming is not None and key in self._upcoming:
            self._upcoming.remove(key)
        return None

    def _top_up(self) -> None:
        """Without reuse: one successor in preparation per leased JVM."""
        if self.reuse or self._closed:
            return
        want = min(self.size, self._leased)
        while len(self._preparing) + len(self._idle) < want:
            if self._upcoming is not None:
                if not self._upcoming:
                    return  # every planned episode has its JVM: prepare nothing no one will use
                prepared = _Prepared(self._upcoming.popleft())
            else:
                prepared = _Prepared(None)
            self._preparing.append(prepared)
            threading.Thread(target=self._prepare, args=(prepared,), name="sciworld-jvm-ahead", daemon=True).start()

    def _start(self):
        env = start_jvm(self.step_limit, self.max_heap)
        with self._cond:
            self.started += 1
        return env

    def _prepare(self, prepared: _Prepared) -> None:
        env = None
        try:
            env = self._start()
            if prepared.key is not None:
                env.load(prepared.key[0], prepared.key[1], self.simplification, True)
        except Exception as exc:  # noqa: BLE001 - the episode that claims it starts one itself
            prepared.error = exc
            if env is not None:
                _shutdown(env)
            env = None
        with self._cond:
            closed = self._closed
            if env is not None and not closed:
                if prepared.key is None and prepared in self._preparing:
                    self._preparing.remove(prepared)  # a blank spare waits among the idle ones
                    self._idle.append(env)
                else:
                    prepared.env = env
            elif prepared in self._preparing and prepared.key is None:
                self._preparing.remove(prepared)  # a failed blank spare: the next acquire starts one
            prepared.done.set()
            self._cond.notify_all()
        if env is not None and closed:
            _shutdown(env)


def _shutdown(env) -> None:
    with contextlib.suppress(Exception):
        env.close()
