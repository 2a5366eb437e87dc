"""Sandboxes started ahead of need: every sample still gets a sandbox that nothing ran in before.

Starting a sandbox (namespaces, overlay root, its pid 1, and for the OS task the login shell on
its terminal) costs about a second, most of a short OS-interaction episode. Once the run has said
how many its samples will take (:meth:`SandboxPool.plan`), each one in use has a fresh successor
started in the background, so the next sample's ``reset`` finds one ready; nothing is started that
no sample will take. What ``start`` prepares must be what the protocol sets up before the sample
begins (for the OS task: the container and its shell, as AgentBench.old's ``Container.__init__``
does; init scripts run when the sample starts), so a prestarted one differs from one started on
demand only by how long ago it booted. Without a plan, they are started on demand, as before. All
methods block: call them from worker threads.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

log = logging.getLogger(__name__)


class Closable(Protocol):
    def close(self) -> None: ...


T = TypeVar("T", bound=Closable)


class _Starting(Generic[T]):
    def __init__(self) -> None:
        self.sandbox: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()


class SandboxPool(Generic[T]):
    """Hands out what ``start`` returns (a started sandbox, or a sandbox with what the protocol
    opens in it first); at most ``ahead`` started ahead per one in use."""

    def __init__(self, start: Callable[[], T], ahead: int = 1):
        self.start = start
        self.ahead = ahead
        self._remaining: int | None = None
        """Sandboxes the run's samples will still take, beyond those started or starting (None: no plan)."""
        self._starting: deque[_Starting[T]] = deque()
        self._in_use = 0
        self._closed = False
        self._lock = threading.Lock()
        self.started = 0
        """Sandboxes started over the pool's life (for tests)."""

    def plan(self, count: int) -> None:
        """The number of sandboxes the run will take (one per sample)."""
        with self._lock:
            self._remaining = count

    def take(self) -> T:
        """A started sandbox that nothing ran in: one started ahead, else one started now."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the sandbox pool is closed")
            self._in_use += 1
            ahead = self._starting.popleft() if self._starting else None
            if ahead is None and self._remaining:
                self._remaining -= 1  # this sample's own, started below
            self._top_up()
        try:
            if ahead is not None:
                ahead.done.wait()
                if ahead.sandbox is not None:
                    return ahead.sandbox
                log.warning("a sandbox started ahead failed (%s): starting one now", ahead.error)
            return self._start()
        except BaseException:
            self.give_back()
            raise

    def give_back(self) -> None:
        """A sandbox taken from the pool is done with (its sample closes it itself)."""
        with self._lock:
            self._in_use -= 1

    def close(self) -> None:
        """Close the sandboxes started ahead that no sample took (ones still starting: once up)."""
        with self._lock:
            self._closed = True
            pending, self._starting = list(self._starting), deque()
        for ahead in pending:
            ahead.done.wait()
            if ahead.sandbox is not None:
                ahead.sandbox.close()

    # -- internals -----------------------------------------------------------------------------------
    def _start(self) -> T:
        sandbox = self.start()
        with self._lock:
            self.started += 1
        return sandbox

    def _top_up(self) -> None:
        """With a plan: start successors (call with the lock held)."""
        if self._remaining is None or self._closed:
            return
        while self._remaining > 0 and len(self._starting) < self.ahead * self._in_use:
            self._remaining -= 1
            ahead: _Starting[T] = _Starting()
            self._starting.append(ahead)
            threading.Thread(target=self._start_ahead, args=(ahead,), name="sandbox-ahead", daemon=True).start()

    def _start_ahead(self, ahead: _Starting[T]) -> None:
        """Runs in its own thread; ``take`` (or ``close``) waits for it."""
        try:
            ahead.sandbox = self._start()
        except Exception as exc:  # noqa: BLE001 - the sample that takes it starts one itself
            ahead.error = exc
        ahead.done.set()
