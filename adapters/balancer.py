"""Least-in-flight load balancing over several endpoints of one model, round-robin on ties."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager


class Balancer:
    """Picks the endpoint with the fewest requests in flight; ties go round-robin.

    Used from one event loop only, so no lock is needed (pick and count happen without an await).
    """

    def __init__(self, endpoints: Sequence[str]):
        if not endpoints:
            raise ValueError("at least one endpoint is needed")
        self.endpoints = list(endpoints)
        self.in_flight = [0] * len(self.endpoints)
        self._next = 0

    def _pick(self) -> int:
        n = len(self.endpoints)
        least = min(self.in_flight)
        for step in range(n):
            i = (self._next + step) % n
            if self.in_flight[i] == least:
                self._next = (i + 1) % n
                return i
        raise AssertionError("unreachable")

    @contextmanager
    def lease(self) -> Iterator[str]:
        """``with balancer.lease() as url:`` counts the request in flight on ``url``."""
        i = self._pick()
        self.in_flight[i] += 1
        try:
            yield self.endpoints[i]
        finally:
            self.in_flight[i] -= 1
