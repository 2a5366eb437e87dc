"""The common part of the loopback fakes: an aiohttp app in a thread, request log, injected faults.

Faults (one per request, queued with ``fail_next`` or chosen per request by ``fault_for(body)``):

- ``"500"``, ``"503"``, ``"429"``, ``"400"``, ``"401"``: that status with the protocol's error JSON;
- ``"reset"``: the connection is closed without an answer;
- ``"hang"``: an HTTP 500 after ``hang_s`` (past a short client timeout);
- ``"stall"``: no answer at all until the client gives up (a stall past the timeout);
- ``"malformed"``: HTTP 200 whose body is not JSON;
- ``"wrong-shape"``: HTTP 200 with JSON of the wrong shape (fields of the wrong types);
- ``"truncated"``: HTTP 200 whose body is cut short (Content-Length promises more, then close).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

from aiohttp import web

from tests.fakes.loopback import LoopbackServer

FAULTS = ("500", "503", "429", "400", "401", "reset", "hang", "stall", "malformed", "wrong-shape", "truncated")


class FakeServer(LoopbackServer):
    """Subclasses add routes in ``routes(app)`` and answer errors with ``error_body(status, kind)``."""

    extra_faults: tuple[str, ...] = ()

    def __init__(self, name: str = "fake", hang_s: float = 3.0):
        super().__init__()
        self.thread_name = f"fake-{name}"
        self.name = name
        self.hang_s = hang_s
        self.replies: deque[str] = deque()
        self.failures: deque[str] = deque()
        self.fault_for: Callable[[dict[str, Any]], str | None] | None = None
        self.reply_for: Callable[[dict[str, Any]], str | None] | None = None
        """The answer to a request body (None: the queue, else the default)."""
        self.faults_sent: Counter[str] = Counter()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._stalled: list[asyncio.Future] = []
        self.retry_after: str | None = None
        """When given, error answers with status 429 or 503 carry it as ``Retry-After``."""
        self.gate: threading.Event | None = None
        """When given, requests are logged at once but answered only once it is set (a test then
        sees every request of a burst arrive before any answer leaves)."""

    # ---- control ------------------------------------------------------------------------------
    def fail_next(self, *kinds: str) -> None:
        """Queue failures for the next requests, one per request, in order."""
        for k in kinds:
            if k not in FAULTS + self.extra_faults:
                raise ValueError(f"unknown failure {k!r}; one of {FAULTS + self.extra_faults}")
            self.failures.append(k)

    def bodies(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.requests if r["method"] == "POST"]

    def next_reply(self, default: str, body: dict[str, Any] | None = None) -> str:
        if self.reply_for is not None and body is not None:
            reply = self.reply_for(body)
            if reply is not None:
                return reply
        with self._lock:
            return self.replies.popleft() if self.replies else default

    # ---- lifecycle ----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.base

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            def release() -> None:  # stalled answers end so that the server can shut down
                for f in self._stalled:
                    if not f.done():
                        f.set_result(None)

            self._loop.call_soon_threadsafe(release)
        super().__exit__(*exc)

    # ---- requests -----------------------------------------------------------------------------
    async def read(self, request: web.Request) -> tuple[dict[str, Any] | None, str | None]:
        """Log the request (raw bytes too) and decide its fault (None: answer normally)."""
        raw = await request.read()
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        self.requests.append({"method": "POST", "path": request.path, "body": body, "raw": raw,
                              "headers": dict(request.headers)})
        if self.gate is not None and not self.gate.is_set():
            await asyncio.get_running_loop().run_in_executor(None, self.gate.wait)
        with self._lock:
            fault = self.failures.popleft() if self.failures else None
        if fault is None and self.fault_for is not None and body is not None:
            fault = self.fault_for(body)
        if fault is not None:
            with self._lock:
                self.faults_sent[fault] += 1
        return body, fault

    def error_body(self, status: int, kind: str) -> dict[str, Any]:
        return {"error": f"injected {kind}"}

    async def fail(self, request: web.Request, kind: str) -> web.StreamResponse:
        if kind == "hang":
            await asyncio.sleep(self.hang_s)
            return web.json_response(self.error_body(500, kind), status=500)
        if kind == "stall":
            waiter = asyncio.get_running_loop().create_future()
            self._stalled.append(waiter)
            await waiter  # released at shutdown; the client has given up long before
            return web.Response(status=500)
        if kind == "reset":
            request.transport.close()  # type: ignore[union-attr]
            await asyncio.sleep(0.05)
            return web.Response(status=500)
        if kind == "malformed":
            return web.Response(status=200, body=b'{"generated_text": "cut', content_type="application/json")
        if kind == "wrong-shape":
            return web.json_response({"generated_text": 7, "details": [], "choices": [{"message": 5, "text": 3}],
                                      "usage": "many"})
        if kind == "truncated":
            resp = web.StreamResponse(status=200, headers={"Content-Type": "application/json", "Content-Length": "400"})
            await resp.prepare(request)
            await resp.write(b'{"choices": [{"text": "par')
            request.transport.close()  # type: ignore[union-attr]
            return resp
        status = int(kind)
        headers = {"Retry-After": self.retry_after} if self.retry_after is not None and status in (429, 503) else None
        return web.json_response(self.error_body(status, kind), status=status, headers=headers)


async def burst(servers: list[FakeServer], make_call: Callable[[], Any], n: int) -> list[Any]:
    """Send ``n`` calls at once and hold every answer until all ``n`` requests have reached the
    ``servers`` (counted, not timed), so that routing sees them all in flight; their results."""
    gate = threading.Event()
    before = sum(len(srv.bodies()) for srv in servers)
    for srv in servers:
        srv.gate = gate
    try:
        calls = [asyncio.ensure_future(make_call()) for _ in range(n)]
        for _ in range(6000):  # polls until arrival; the bound only stops a broken test
            if sum(len(srv.bodies()) for srv in servers) - before >= n:
                break
            await asyncio.sleep(0.01)
    finally:
        gate.set()
        for srv in servers:
            srv.gate = None
    return await asyncio.gather(*calls)
