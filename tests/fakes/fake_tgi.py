"""A loopback fake of text-generation-inference for tests (aiohttp, in a thread, random port).

It speaks TGI's ``POST /`` (answers a one-element list) and ``POST /generate`` (an object),
``GET /health`` and ``GET /info``. Its "tokeniser" is one token per character after a BOS token
(id 1), and every input token gets a deterministic log-probability (:func:`token_logprob`), so
prefill details are exact and predictable. Failures can be injected per request, and every request
body is logged.

    with FakeTGI() as tgi:
        tgi.fail_next("503", "reset")       # the next two requests fail, then normal answers
        tgi.replies.append("Act: finish")   # the next answer's generated_text
        ... tgi.url ... tgi.requests[-1]["body"]
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from typing import Any

from aiohttp import web

BOS = 1
FAILURES = ("500", "503", "429", "400", "422-too-long", "hang", "reset")


def tokenize(text: str) -> list[int]:
    """BOS then one token per character (id = code point + 2, so never BOS)."""
    return [BOS] + [ord(c) + 2 for c in text]


def token_logprob(prev: int, tok: int) -> float:
    """A deterministic, negative log-probability of ``tok`` after ``prev``."""
    return -0.05 - ((tok * 31 + prev * 7) % 50) / 10.0


class FakeTGI:
    """The fake server. ``max_input``/``max_total`` mimic TGI's MAX_INPUT_LENGTH/MAX_TOTAL_TOKENS."""

    def __init__(self, max_input: int = 4096, max_total: int = 16384, hang_s: float = 3.0, name: str = "fake"):
        self.max_input = max_input
        self.max_total = max_total
        self.hang_s = hang_s
        self.name = name
        self.replies: deque[str] = deque()
        self.failures: deque[str] = deque()
        self.requests: list[dict[str, Any]] = []
        self.url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._lock = threading.Lock()

    # ---- control ------------------------------------------------------------------------------
    def fail_next(self, *kinds: str) -> None:
        """Queue failures for the next requests, one per request, in order."""
        for k in kinds:
            if k not in FAILURES:
                raise ValueError(f"unknown failure {k!r}; one of {FAILURES}")
            self.failures.append(k)

    def bodies(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.requests if r["method"] == "POST"]

    # ---- lifecycle ----------------------------------------------------------------------------
    def __enter__(self) -> "FakeTGI":
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True, name=f"fake-tgi-{self.name}")
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake TGI did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            fut = asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop)
            fut.result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/", self._root)
        app.router.add_post("/generate", self._generate)
        app.router.add_get("/health", self._health)
        app.router.add_get("/info", self._info)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        ready.set()
        self._loop.run_forever()
        self._loop.close()

    # ---- handlers -----------------------------------------------------------------------------
    async def _health(self, request: web.Request) -> web.Response:
        self.requests.append({"method": "GET", "path": "/health", "body": None})
        return web.Response(status=200)

    async def _info(self, request: web.Request) -> web.Response:
        return web.json_response({"model_id": f"fake/{self.name}", "max_input_length": self.max_input})

    async def _root(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, as_list=True)

    async def _generate(self, request: web.Request) -> web.StreamResponse:
        return await self._answer(request, as_list=False)

    async def _answer(self, request: web.Request, as_list: bool) -> web.StreamResponse:
        body = await request.json()
        self.requests.append({"method": "POST", "path": request.path, "body": body})
        with self._lock:
            failure = self.failures.popleft() if self.failures else None
        if failure is not None:
            return await self._fail(request, failure)
        inputs: str = body["inputs"]
        params: dict[str, Any] = body.get("parameters") or {}
        tokens = tokenize(inputs)
        truncate = params.get("truncate")
        if truncate:
            tokens = tokens[-truncate:]
        max_new = int(params.get("max_new_tokens", 20))
        if len(tokens) > self.max_input:
            return _validation(f"`inputs` must have less than {self.max_input} tokens. Given: {len(tokens)}")
        if len(tokens) + max_new > self.max_total:
            return _validation(
                f"`inputs` tokens + `max_new_tokens` must be <= {self.max_total}. "
                f"Given: {len(tokens)} `inputs` tokens and {max_new} `max_new_tokens`"
            )
        text, finish = self._reply(len(tokens), max_new, params.get("stop") or [])
        details: dict[str, Any] = {"finish_reason": finish, "generated_tokens": len(text), "seed": None}
        if params.get("decoder_input_details"):
            details["prefill"] = [
                {"id": t, "text": chr(t - 2) if t != BOS else "<s>",
                 "logprob": None if i == 0 else token_logprob(tokens[i - 1], t)}
                for i, t in enumerate(tokens)
            ]
        else:
            details["prefill"] = []
        answer = {"generated_text": text, "details": details}
        headers = {"x-prompt-tokens": str(len(tokens)), "x-generated-tokens": str(len(text))}
        return web.json_response([answer] if as_list else answer, headers=headers)

    def _reply(self, n_prompt: int, max_new: int, stop: list[str]) -> tuple[str, str]:
        with self._lock:
            text = self.replies.popleft() if self.replies else f"{self.name} saw {n_prompt} tokens"
        for s in stop:  # like TGI: stop at the first stop sequence, which stays in the text
            i = text.find(s)
            if i >= 0:
                return text[: i + len(s)], "stop_sequence"
        if len(text) > max_new:
            return text[:max_new], "length"
        return text, "eos_token"

    async def _fail(self, request: web.Request, kind: str) -> web.StreamResponse:
        if kind == "hang":
            await asyncio.sleep(self.hang_s)
            return web.json_response({"error": "too late"}, status=500)
        if kind == "reset":
            request.transport.close()  # type: ignore[union-attr]
            await asyncio.sleep(0.05)
            return web.Response(status=500)
        if kind == "422-too-long":
            return _validation(f"`inputs` must have less than {self.max_input} tokens. Given: {self.max_input + 1}")
        status = int(kind)
        error_type = {"500": "generation", "503": "overloaded", "429": "overloaded", "400": "validation"}[kind]
        message = {"400": "Input validation error: `top_k` must be strictly positive"}.get(kind, f"injected {kind}")
        return web.json_response({"error": message, "error_type": error_type}, status=status)


def _validation(message: str) -> web.Response:
    return web.json_response({"error": f"Input validation error: {message}", "error_type": "validation"}, status=422)
