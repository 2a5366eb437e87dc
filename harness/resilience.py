"""Retries with exponential backoff and jitter, and the response cache, around any `Model`."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass

from harness.cache import ResponseCache, request_key
from harness.model import Generation, GenerationRequest, Model, ModelInfo, TransientModelError


@dataclass(frozen=True)
class RetryPolicy:
    """Transient errors are retried ``attempts - 1`` times, sleeping ``base * 2**k`` (capped at
    ``cap``) scaled by a random factor in [0.5, 1.5), or as long as the server asked
    (``Retry-After``) when that is longer, up to ``max_server_wait_s``. Other errors propagate at
    once."""

    attempts: int = 5
    base_s: float = 1.0
    cap_s: float = 30.0
    max_server_wait_s: float = 120.0

    def delay(self, retry: int, rng: random.Random, server_wait_s: float | None = None) -> float:
        own = min(self.cap_s, self.base_s * (2**retry)) * (0.5 + rng.random())
        if server_wait_s is None:
            return own
        return max(own, min(server_wait_s, self.max_server_wait_s))


class ResilientModel(Model):
    """Wraps a model with the cache (for deterministic requests) and the retry policy."""

    def __init__(self, inner: Model, cache: ResponseCache | None = None, retry: RetryPolicy = RetryPolicy()):
        self.inner = inner
        self.cache = cache if inner.cacheable else None
        self.retry = retry
        self.name = inner.name
        self.adapter = inner.adapter
        self.supports_logprobs = inner.supports_logprobs
        self.cacheable = inner.cacheable
        self._rng = random.Random(0)
        self._identity = inner.identity()

    def identity(self) -> str:
        return self._identity

    def info(self) -> ModelInfo:
        return self.inner.info()

    def bind(self, task, sample, env) -> Model:
        bound = self.inner.bind(task, sample, env)
        if bound is self.inner:
            return self
        return ResilientModel(bound, None, self.retry)

    def oracle_account(self, score, status):
        return self.inner.oracle_account(score, status)

    async def check(self) -> None:
        await self.inner.check()

    async def aclose(self) -> None:
        await self.inner.aclose()

    async def generate(self, request: GenerationRequest) -> Generation:
        key = None
        if self.cache is not None and not request.params.sampling:
            key = request_key(self._identity, request)
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        retries = 0
        while True:
            try:
                gen = await self.inner.generate(request)
                break
            except TransientModelError as exc:
                retries += 1
                if retries >= self.retry.attempts:
                    raise
                await asyncio.sleep(self.retry.delay(retries - 1, self._rng, exc.retry_after_s))
        if retries:
            gen = gen.model_copy(update={"retries": retries})
        if key is not None:
            self.cache.put(key, gen)
        return gen
