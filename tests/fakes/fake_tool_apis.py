"""Loopback fakes of the Serper (Google) and WolframAlpha APIs for ReWOO's tool tests: aiohttp in
a thread, canned answers per query, every request (method, path, query, headers) logged."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from aiohttp import web


class FakeToolAPIs:
    def __init__(self, serper: dict[str, dict[str, Any]], wolfram: dict[str, dict[str, Any]]):
        self.serper = serper
        self.wolfram = wolfram
        self.requests: list[dict[str, Any]] = []
        self.base = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    @property
    def serper_url(self) -> str:
        return f"{self.base}/serper"

    @property
    def wolfram_url(self) -> str:
        return f"{self.base}/v2/query"

    def __enter__(self) -> FakeToolAPIs:  # noqa: PYI034
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True, name="fake-tool-apis")
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake tool APIs did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/serper/search", self._serper)
        app.router.add_get("/v2/query", self._wolfram)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
        ready.set()
        self._loop.run_forever()
        self._loop.close()

    def _log(self, request: web.Request) -> dict[str, str]:
        query = dict(request.query)
        self.requests.append({"method": request.method, "path": request.path, "query": query,
                              "headers": dict(request.headers)})
        return query

    async def _serper(self, request: web.Request) -> web.Response:
        query = self._log(request)
        if request.headers.get("X-API-KEY") != "serper-key":
            return web.json_response({"message": "Unauthorized."}, status=403)
        return web.json_response(self.serper.get(query.get("q", ""), {"organic": []}))

    async def _wolfram(self, request: web.Request) -> web.Response:
        query = self._log(request)
        if query.get("appid") != "wolfram-id":
            return web.json_response({"queryresult": {"success": False, "error": {"msg": "Invalid appid"}}})
        return web.json_response(self.wolfram.get(query.get("input", ""), {"queryresult": {"success": False}}))
