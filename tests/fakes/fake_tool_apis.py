"""Loopback fakes of the Serper (Google) and WolframAlpha APIs for ReWOO's tool tests: aiohttp in
a thread, canned answers per query, every request (method, path, query, headers) logged."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes.loopback import LoopbackServer


class FakeToolAPIs(LoopbackServer):
    thread_name = "fake-tool-apis"

    def __init__(self, serper: dict[str, dict[str, Any]], wolfram: dict[str, dict[str, Any]]):
        super().__init__()
        self.serper = serper
        self.wolfram = wolfram
        self.requests: list[dict[str, Any]] = []

    @property
    def serper_url(self) -> str:
        return f"{self.base}/serper"

    @property
    def wolfram_url(self) -> str:
        return f"{self.base}/v2/query"

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/serper/search", self._serper)
        app.router.add_get("/v2/query", self._wolfram)

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
