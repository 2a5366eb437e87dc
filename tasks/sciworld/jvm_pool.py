"""A pool of ScienceWorld JVMs (``ScienceWorldEnv``), one per concurrent episode, reused across
episodes: an episode ``load``s its task/variation into a leased JVM instead of starting one
(~1.3 s and ~1 GB each). All methods are blocking: call them from worker threads only.
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
    """Up to ``size`` JVMs, started on demand, leased one episode at a time."""

    def __init__(self, size: int, step_limit: int, max_heap: str | None = None):
        self.size = size
        self.step_limit = step_limit
        self.max_heap = max_heap
        self._idle: list = []
        self._leased = 0
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
                if self._idle:
                    self._leased += 1
                    return self._idle.pop()
                if self._leased < self.size:
                    self._leased += 1
                    break
                self._cond.wait()
        try:
            env = start_jvm(self.step_limit, self.max_heap)
        except BaseException:
            with self._cond:
                self._leased -= 1
                self._cond.notify()
            raise
        with self._cond:
            self.started += 1
        return env

    def release(self, env, broken: bool = False) -> None:
        """Give a JVM back; a ``broken`` one (a failed call left it in doubt) is shut down."""
        with self._cond:
            self._leased -= 1
            keep = not broken and not self._closed
            if keep:
                self._idle.append(env)
            self._cond.notify()
        if not keep:
            _shutdown(env)

    def close(self) -> None:
        """Shut down every idle JVM; leased ones are shut down when released."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._cond.notify_all()
        for env in idle:
            _shutdown(env)


def _shutdown(env) -> None:
    with contextlib.suppress(Exception):
        env.close()
