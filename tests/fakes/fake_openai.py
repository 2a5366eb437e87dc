"""A loopback fake of an OpenAI-compatible server (``/v1/chat/completions``, ``/v1/completions``,
``/v1/models``) for tests: it logs every request's raw body bytes and headers, answers from a reply
queue, and takes the injected faults of :mod:`fakes.server`. Completions with ``echo`` and
``logprobs`` return one token per character with :func:`fakes.fake_tgi.token_logprob` values.

    with FakeOpenAI() as srv:
        srv.replies.append("hello")
        ... srv.url + "/v1" ... srv.requests[-1]["raw"]
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from fakes.fake_tgi import token_logprob
from fakes.server import FakeServer


class FakeOpenAI(FakeServer):
    def routes(self, app: web.Application) -> None:
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/completions", self._completions)
        app.router.add_get("/v1/models", self._models)

    def error_body(self, status: int, kind: str) -> dict[str, Any]:
        kinds = {429: "rate_limit_exceeded", 400: "invalid_request_error"}
        return {"error": {"message": f"injected {kind}", "type": kinds.get(status, "server_error"), "code": None}}

    async def _models(self, request: web.Request) -> web.Response:
        self.requests.append({"method": "GET", "path": request.path, "body": None})
        return web.json_response({"object": "list", "data": [{"id": "fake", "object": "model"}]})

    @staticmethod
    def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
        return {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens}

    @staticmethod
    def _cut(text: str, body: dict[str, Any]) -> tuple[str, str]:
        stops = body.get("stop") or []
        stops = [stops] if isinstance(stops, str) else stops
        cuts = [i for i in (text.find(s) for s in stops) if i >= 0]
        if cuts:
            return text[: min(cuts)], "stop"
        limit = body.get("max_tokens") or 16
        return (text[:limit], "length") if len(text) > limit else (text, "stop")

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body, fault = await self.read(request)
        if fault is not None:
            return await self.fail(request, fault)
        messages = body.get("messages") or []
        text, finish = self._cut(self.next_reply(f"{self.name} read {len(messages)} messages", body), body)
        prompt_tokens = sum(len(m.get("content") or "") for m in messages)
        return web.json_response({
            "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": body.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish,
                         "logprobs": None}],
            "usage": self._usage(prompt_tokens, len(text)),
        })

    async def _completions(self, request: web.Request) -> web.StreamResponse:
        body, fault = await self.read(request)
        if fault is not None:
            return await self.fail(request, fault)
        prompt = body.get("prompt") or ""
        text, finish = self._cut(self.next_reply(f"{self.name} completes", body), body)
        choice: dict[str, Any] = {"index": 0, "text": text, "finish_reason": finish, "logprobs": None}
        if body.get("echo"):
            full = prompt + text[:1]
            ids = [ord(c) + 3 for c in full]
            choice["text"] = full
            choice["logprobs"] = {
                "tokens": list(full),
                "token_logprobs": [None] + [token_logprob(ids[i - 1], ids[i]) for i in range(1, len(ids))],
                "text_offset": list(range(len(full))),
                "top_logprobs": None,
            }
        return web.json_response({"id": "cmpl-fake", "object": "text_completion", "created": 0,
                                  "model": body.get("model"), "choices": [choice],
                                  "usage": self._usage(len(prompt), len(text))})
