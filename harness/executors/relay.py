"""Judge and auxiliary model calls of environments hosted by Ray, answered by the driver.

An environment that calls a model itself (MT-Bench's judge, ReWOO's workers, WebArena's
fuzzy_match) gets, on its host, a :class:`RelayModel` in its ``RunContext``: each request goes
through a small mailbox actor on the driver's node to the driver, which answers it with the run's
own models (their endpoints, retries, cache and API keys stay in the driver), as it would locally.
"""

from __future__ import annotations

import asyncio
from typing import Any

from harness.model import Generation, GenerationRequest, Model, ModelError, ModelInfo


class Mailbox:
    """Ray actor (async): hosts post requests and wait; the driver takes them in batches and answers."""

    def __init__(self) -> None:
        self._requests: asyncio.Queue = asyncio.Queue()
        self._waiting: dict[int, asyncio.Future] = {}
        self._next = 0

    async def call(self, op: str, spec: str, payload: Any) -> tuple[bool, Any]:
        key = self._next
        self._next += 1
        future = asyncio.get_running_loop().create_future()
        self._waiting[key] = future
        await self._requests.put((key, op, spec, payload))
        return await future

    async def take(self) -> list[tuple[int, str, str, Any]]:
        batch = [await self._requests.get()]
        while not self._requests.empty():
            batch.append(self._requests.get_nowait())
        return batch

    async def answer(self, key: int, ok: bool, value: Any) -> None:
        future = self._waiting.pop(key, None)
        if future is not None and not future.done():
            future.set_result((ok, value))


def _portable_error(exc: Exception) -> Exception:
    """An exception that pickles: model errors keep their class (the loop classifies them)."""
    if isinstance(exc, ModelError):
        try:
            return type(exc)(str(exc))
        except Exception:  # noqa: BLE001 - a constructor with other arguments: keep the message
            return ModelError(f"{type(exc).__name__}: {exc}")
    return RuntimeError(f"{type(exc).__name__}: {exc}")


class RelayServer:
    """Driver side: takes the mailbox's requests and answers each with ``models.get(spec)``."""

    def __init__(self, mailbox: Any, models: Any):
        self.mailbox = mailbox
        self.models = models
        self._pump: asyncio.Task | None = None
        self._serving: set[asyncio.Task] = set()

    def start(self) -> None:
        self._pump = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            try:
                batch = await self.mailbox.take.remote()
            except Exception:  # noqa: BLE001 - the mailbox is gone (run ending, node died)
                return
            for key, op, spec, payload in batch:
                task = asyncio.get_running_loop().create_task(self._serve(key, op, spec, payload))
                self._serving.add(task)
                task.add_done_callback(self._serving.discard)

    async def _serve(self, key: int, op: str, spec: str, payload: Any) -> None:
        try:
            model = await self.models.get(spec)
            value: Any = model.info() if op == "open" else await model.generate(payload)
            ok = True
        except Exception as exc:  # noqa: BLE001 - the host raises it where the environment made the call
            ok, value = False, _portable_error(exc)
        try:
            await self.mailbox.answer.remote(key, ok, value)
        except Exception:  # noqa: BLE001 - the mailbox is gone: nobody waits for the answer
            return

    async def aclose(self) -> None:
        for task in [self._pump, *self._serving]:
            if task is not None:
                task.cancel()


class RelayModel(Model):
    """Host side: a model of the driver's run, called through the mailbox."""

    def __init__(self, mailbox: Any, spec: str, info: ModelInfo):
        self.mailbox = mailbox
        self.spec = spec
        self._info = info
        self.name = info.name
        self.adapter = info.adapter
        self.supports_logprobs = info.supports_logprobs

    def identity(self) -> str:
        return self._info.identity

    def info(self) -> ModelInfo:
        return self._info

    async def generate(self, request: GenerationRequest) -> Generation:
        ok, value = await self.mailbox.call.remote("generate", self.spec, request)
        if not ok:
            raise value
        return value


class RelayProvider:
    """Host side ``RunContext.models``: auxiliary models by registry name or ``KIND:SPEC``."""

    def __init__(self, mailbox: Any, missing_keys: dict[str, bool]):
        self.mailbox = mailbox
        self.missing_keys = missing_keys
        self._open: dict[str, RelayModel] = {}

    async def get(self, spec: str) -> Model:
        if spec not in self._open:
            ok, value = await self.mailbox.call.remote("open", spec, None)
            if not ok:
                raise value
            self._open[spec] = RelayModel(self.mailbox, spec, value)
        return self._open[spec]

    def missing_key(self, spec: str) -> bool:
        return self.missing_keys.get(spec, False)
