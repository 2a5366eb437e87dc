"""Routing one model's requests over several endpoints: least expected wait, failing ones drained.

Each endpoint has a count of requests in flight and a moving average of its answer latency (which
includes the server's own queueing). A request goes to the endpoint with the smallest
``(in_flight + 1) * latency`` -- the least-outstanding rule weighted by speed ("peak EWMA" in
Finagle/Linkerd terms): equal endpoints share equally, a server twice as fast carries twice as
many requests, and a saturated server's latency grows until the others look cheaper. An idle
endpoint's average decays toward zero (time constant ``decay_s``) so that one measured slow while
busy is tried again; an endpoint not measured yet gets the next request when it is idle, and
otherwise counts as fast as the fastest. Ties go round-robin.

An endpoint that fails ``fail_threshold`` times in a row with an endpoint fault (connection
refused or reset, timeout, 5xx, 429, a malformed body: :class:`TransientModelError`) is drained:
it gets no requests for ``backoff_s`` (doubling per relapse, capped at ``max_backoff_s``), then
one probe request; a success restores it. While every endpoint is drained the one due first is
used anyway (the core's retries then pace the requests). An answer that is the request's own
fault (HTTP 4xx, a context overflow) proves the endpoint alive.

An endpoint may declare how many requests it serves at once (TGI's ``max_concurrent_requests``
in ``GET /info``; past it TGI answers 429 "Model is overloaded"): it then gets at most that many,
and when every endpoint is full a request waits here (``async with balancer.lease()``) for the first
one that frees a slot, instead of being refused, retried and counted as an endpoint fault.

Used from one event loop only: picking and counting happen without an await, so no lock.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType

from harness.model import TransientModelError


@dataclass
class EndpointState:
    """What the balancer knows about one endpoint."""

    url: str
    in_flight: int = 0
    capacity: int | None = None
    """Requests the endpoint serves at once, when it says (None: no limit known)."""
    latency_s: float | None = None
    """Moving average of successful answers' latency (None until the first one)."""
    updated_at: float = 0.0
    failures: int = 0
    """Endpoint faults in a row."""
    drained_until: float = 0.0
    """0 when healthy; else the time of the next probe."""
    backoff_s: float = 0.0
    served: int = 0
    failed: int = 0


class Balancer:
    """Picks an endpoint per request; see the module docstring for the rule."""

    def __init__(
        self,
        endpoints: Sequence[str],
        *,
        alpha: float = 0.3,
        decay_s: float = 10.0,
        fail_threshold: int = 3,
        backoff_s: float = 1.0,
        max_backoff_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        if not endpoints:
            raise ValueError("at least one endpoint is needed")
        self.endpoints = list(endpoints)
        self.states = [EndpointState(url) for url in self.endpoints]
        self.alpha = alpha
        self.decay_s = decay_s
        self.fail_threshold = fail_threshold
        self.base_backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.clock = clock
        self._next = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    def set_capacity(self, url: str, capacity: int | None) -> None:
        """How many requests ``url`` serves at once (None or < 1: no limit)."""
        for s in self.states:
            if s.url == url:
                s.capacity = capacity if capacity and capacity > 0 else None
        self._wake()

    @property
    def in_flight(self) -> list[int]:
        return [s.in_flight for s in self.states]

    # ---- picking ----------------------------------------------------------------------------------
    def _latency(self, s: EndpointState, now: float, default: float) -> float:
        if s.latency_s is None:  # unmeasured: tried as soon as it is idle, else like the fastest
            return 0.0 if s.in_flight == 0 else default
        idle = now - s.updated_at
        if s.in_flight == 0 and idle > 0:
            return s.latency_s * math.exp(-idle / self.decay_s)
        return s.latency_s

    def pick(self, full_ok: bool = True) -> int:
        """Index of the endpoint for the next request (not yet counted in flight); -1 when every
        endpoint is at its capacity, unless ``full_ok``."""
        states = self.states
        n = len(states)
        if n == 1:
            s = states[0]
            return 0 if full_ok or s.capacity is None or s.in_flight < s.capacity else -1
        now = self.clock()
        known = [s.latency_s for s in states if s.latency_s is not None]
        default = min(known) if known else 1.0  # unmeasured endpoints look as fast as the best
        best, best_cost = -1, math.inf
        start = self._next
        for step in range(n):
            i = (start + step) % n
            s = states[i]
            if s.drained_until and (s.drained_until > now or s.in_flight):  # draining, or its probe is out
                continue
            if s.capacity is not None and s.in_flight >= s.capacity:
                continue
            cost = (s.in_flight + 1) * self._latency(s, now, default)
            if cost < best_cost:
                best, best_cost = i, cost
        if best < 0:  # everything drained or full: the endpoint due first that has room
            room = [k for k in range(n) if full_ok or states[k].capacity is None or states[k].in_flight < states[k].capacity]
            if not room:
                return -1
            best = min(room, key=lambda k: (states[k].drained_until, states[k].in_flight))
        self._next = (best + 1) % n
        return best

    async def _room(self) -> int:
        """An endpoint with room, waiting (first come, first served) while every one is full."""
        index = self.pick(full_ok=False) if not self._waiters else -1
        while index < 0:
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self._wake()  # woken and cancelled at once: hand the slot on
                elif waiter in self._waiters:
                    self._waiters.remove(waiter)
                raise
            index = self.pick(full_ok=False)
        return index

    def _wake(self) -> None:
        """Let the first waiting request try again (a slot was freed, or a capacity changed)."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def lease(self) -> Lease:
        """``async with balancer.lease() as url:`` -- picks on entry (waiting while every endpoint
        is at its capacity), counts the request in flight and learns from its outcome. ``with``
        picks without waiting (capacities ignored)."""
        return Lease(self)

    # ---- learning ---------------------------------------------------------------------------------
    def _succeeded(self, s: EndpointState, latency: float, now: float) -> None:
        s.served += 1
        s.failures = 0
        s.drained_until = 0.0
        s.backoff_s = 0.0
        s.latency_s = latency if s.latency_s is None else s.latency_s + self.alpha * (latency - s.latency_s)
        s.updated_at = now

    def _answered(self, s: EndpointState) -> None:
        s.failures = 0
        s.drained_until = 0.0
        s.backoff_s = 0.0

    def _failed(self, s: EndpointState, now: float) -> None:
        s.failed += 1
        s.failures += 1
        if len(self.states) > 1 and (s.drained_until or s.failures >= self.fail_threshold):
            s.backoff_s = min(self.max_backoff_s, s.backoff_s * 2 if s.backoff_s else self.base_backoff_s)
            s.drained_until = now + s.backoff_s

    def snapshot(self) -> list[dict]:
        """Per-endpoint counters (for benchmarks and reports)."""
        return [
            {"url": s.url, "served": s.served, "failed": s.failed, "in_flight": s.in_flight,
             "latency_s": s.latency_s, "drained": bool(s.drained_until)}
            for s in self.states
        ]


class Lease:
    """One request on one endpoint (picked on entry unless ``index`` is given); ``__exit__``
    classifies the outcome from the exception."""

    __slots__ = ("balancer", "index", "started", "state", "url")

    def __init__(self, balancer: Balancer, index: int | None = None):
        self.balancer = balancer
        self.index = index
        self.started = 0.0

    def __enter__(self) -> str:
        return self._take(self.balancer.pick() if self.index is None else self.index)

    async def __aenter__(self) -> str:
        return self._take(await self.balancer._room() if self.index is None else self.index)

    def _take(self, index: int) -> str:
        self.state = self.balancer.states[index]
        self.url = self.state.url
        self.state.in_flight += 1
        self.started = self.balancer.clock()
        return self.url

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.__exit__(kind, exc, tb)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        state, balancer = self.state, self.balancer
        state.in_flight -= 1
        if balancer._waiters:
            balancer._wake()
        now = balancer.clock()
        if kind is None:
            balancer._succeeded(state, now - self.started, now)
        elif issubclass(kind, TransientModelError):
            balancer._failed(state, now)
        elif issubclass(kind, Exception):
            balancer._answered(state)
        # a cancellation says nothing about the endpoint
