"""A loopback fake of text-generation-inference at sha-4cce843 (AgentLM's image), for tests.

It speaks TGI's ``POST /`` (answers a one-element list) and ``POST /generate`` (an object),
``GET /health`` and ``GET /info`` (the router's ``Info`` of that commit), and validates requests as
that commit's router does (``router/src/validation.rs``, ``Validation::validate``, same order,
same messages, HTTP 422 with ``{"error": "Input validation error: ...", "error_type": "validation"}``):
``best_of`` > 1 needs sampling and no seed and at most ``max_best_of``; ``temperature`` and
``repetition_penalty`` > 0; ``top_p`` and ``typical_p`` in (0, 1); ``top_k`` > 0;
``max_new_tokens`` > 0; at most ``max_stop_sequences`` stop sequences; ``top_n_tokens`` <=
``max_top_n_tokens``; non-empty ``inputs``; ``truncate`` in [1, ``max_input_length``]; then, after
the left cut, input + ``max_new_tokens`` <= ``max_total_tokens`` and input <= ``max_input_length``.
Parameters of the wrong JSON type get axum's plain-text 422. The launcher's defaults are 4 stop
sequences, best_of 2, top_n_tokens 5 (``max_input``/``max_total`` default to AgentLM's compose file).

Generation follows the Python server of that commit: one token per step, and after each the
length limit, EOS, then every stop sequence as ``re.compile(f".*{re.escape(stop)}$")`` on the text
generated so far. ``details`` (with per-token texts; an EOS token is special and not part of
``generated_text``) only when ``details`` or ``decoder_input_details`` is asked for; the prefill
only with ``decoder_input_details``. Its "tokeniser" is one token per character after a BOS token
(id 1), and every input token gets a deterministic log-probability (:func:`token_logprob`);
``generated_tokens="words"`` generates in word-like pieces instead (a newline, a word with its
leading spaces, a punctuation mark -- about a Llama token each), for long answers.

    with FakeTGI() as tgi:
        tgi.fail_next("503", "reset")       # the next two requests fail, then normal answers
        tgi.replies.append("Act: finish")   # the next answer's text (EOS after it)
        ... tgi.url ... tgi.requests[-1]["body"]
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, Literal

from aiohttp import web

from fakes.server import FAULTS, FakeServer

BOS = 1
EOS = 2
_WORDS = re.compile(r"\n|[^\S\n]*\w+|[^\S\n]*[^\w\s]|[^\S\n]+")
FAILURES = FAULTS + ("422-too-long",)


def tokenize(text: str) -> list[int]:
    """BOS then one token per character (id = code point + 3, so never BOS or EOS)."""
    return [BOS] + [ord(c) + 3 for c in text]


def token_text(tok: int) -> str:
    return "<s>" if tok == BOS else "</s>" if tok == EOS else chr(tok - 3)


def token_logprob(prev: int, tok: int) -> float:
    """A deterministic, negative log-probability of ``tok`` after ``prev``."""
    return -0.05 - ((tok * 31 + prev * 7) % 50) / 10.0


class Invalid(Exception):
    """A request the router refuses (HTTP 422)."""


_TYPES: dict[str, tuple[type, ...]] = {
    "best_of": (int,), "temperature": (int, float), "repetition_penalty": (int, float), "top_k": (int,),
    "top_p": (int, float), "typical_p": (int, float), "do_sample": (bool,), "max_new_tokens": (int,),
    "return_full_text": (bool,), "stop": (list,), "truncate": (int,), "watermark": (bool,), "details": (bool,),
    "decoder_input_details": (bool,), "seed": (int,), "top_n_tokens": (int,),
}
_UNSIGNED = ("best_of", "max_new_tokens", "truncate", "seed", "top_n_tokens")


class FakeTGI(FakeServer):
    """The fake server; the limits are the launcher's flags of the same names."""

    extra_faults = ("422-too-long",)

    def __init__(
        self,
        max_input: int = 4096,
        max_total: int = 16384,
        hang_s: float = 3.0,
        name: str = "fake",
        max_stop_sequences: int = 4,
        max_best_of: int = 2,
        max_top_n_tokens: int = 5,
        prompt_tokens_header: bool = True,
        generated_tokens: Literal["chars", "words"] = "chars",
        max_concurrent_requests: int = 128,
        delay_s: float = 0.0,
    ):
        super().__init__(name=name, hang_s=hang_s)
        self.max_input = max_input
        self.max_total = max_total
        self.max_stop_sequences = max_stop_sequences
        self.max_best_of = max_best_of
        self.max_top_n_tokens = max_top_n_tokens
        self.prompt_tokens_header = prompt_tokens_header
        """``x-prompt-tokens`` came with TGI 1.4 (#1436); sha-4cce843 does not send it."""
        self.generated_tokens = generated_tokens
        self.rejected: list[str] = []
        """The validation errors sent (HTTP 422)."""
        self.max_concurrent_requests = max_concurrent_requests
        """The launcher's flag: past it the router answers 429 "Model is overloaded"."""
        self.delay_s = delay_s
        """Seconds each generation takes (so that requests overlap)."""
        self.in_flight = 0
        self.most_in_flight = 0
        self.overloaded = 0
        """Requests refused with 429 because ``max_concurrent_requests`` were in flight."""

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/", self._root)
        app.router.add_post("/generate", self._generate)
        app.router.add_get("/health", self._health)
        app.router.add_get("/info", self._info)

    def error_body(self, status: int, kind: str) -> dict[str, Any]:
        error_type = {500: "incomplete_generation", 503: "overloaded", 429: "overloaded", 400: "validation"}
        message = {400: "Input validation error: `top_k` must be strictly positive", 429: "Model is overloaded"}
        return {"error": message.get(status, f"injected {kind}"), "error_type": error_type.get(status, "generation")}

    # ---- handlers -----------------------------------------------------------------------------
    async def _health(self, request: web.Request) -> web.Response:
        self.requests.append({"method": "GET", "path": "/health", "body": None})
        return web.Response(status=200)

    async def _info(self, request: web.Request) -> web.Response:
        return web.json_response({
            "model_id": f"fake/{self.name}", "model_sha": None, "model_dtype": "torch.bfloat16",
            "model_device_type": "cuda", "model_pipeline_tag": "text-generation", "max_concurrent_requests": self.max_concurrent_requests,
            "max_best_of": self.max_best_of, "max_stop_sequences": self.max_stop_sequences,
            "max_input_length": self.max_input, "max_total_tokens": self.max_total, "waiting_served_ratio": 1.2,
            "max_batch_total_tokens": 32000, "max_waiting_tokens": 20, "validation_workers": 2,
            "version": "1.0.3", "sha": "4cce84301b...", "docker_label": "sha-4cce843",
        })

    async def _root(self, request: web.Request) -> web.StreamResponse:
        return await self._admitted(request, as_list=True)

    async def _generate(self, request: web.Request) -> web.StreamResponse:
        return await self._admitted(request, as_list=False)

    async def _admitted(self, request: web.Request, as_list: bool) -> web.StreamResponse:
        """The router's semaphore: at most ``max_concurrent_requests`` at once, else 429."""
        if self.in_flight >= self.max_concurrent_requests:
            await request.read()
            self.overloaded += 1
            return web.json_response(self.error_body(429, "429"), status=429)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            return await self._answer(request, as_list)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request, as_list: bool) -> web.StreamResponse:
        body, failure = await self.read(request)
        if failure == "422-too-long":
            return self._reject(f"`inputs` must have less than {self.max_input} tokens. Given: {self.max_input + 1}")
        if failure is not None:
            return await self.fail(request, failure)
        if not isinstance(body, dict) or not isinstance(body.get("inputs"), str):
            return web.Response(status=422, text="Failed to deserialize the JSON body into the target type: inputs")
        params: dict[str, Any] = body.get("parameters") or {}
        for key, types in _TYPES.items():
            value = params.get(key)
            bad = value is not None and (not isinstance(value, types) or (isinstance(value, bool) and bool not in types))
            if bad or (key in _UNSIGNED and isinstance(value, int) and value < 0):
                return web.Response(status=422, text=f"Failed to deserialize the JSON body into the target type: "
                                                      f"parameters.{key}: invalid type")
        try:
            tokens = self.validate(body["inputs"], params)
        except Invalid as e:
            return self._reject(str(e))
        max_new = params.get("max_new_tokens", 20)
        reply = self.next_reply(f"{self.name} says hello", body)
        pieces = list(reply) if self.generated_tokens == "chars" else _WORDS.findall(reply)
        text, finish, generated = self._generate_text(pieces, params.get("stop") or [], max_new)
        answer: dict[str, Any] = {"generated_text": text}
        if params.get("details") or params.get("decoder_input_details"):
            answer["details"] = {
                "finish_reason": finish,
                "generated_tokens": len(generated),
                "seed": params.get("seed") if params.get("do_sample") else None,
                "prefill": self._prefill(tokens) if params.get("decoder_input_details") else [],
                "tokens": [_token(t) for t in generated],
            }
        headers = {"x-compute-type": "gpu+optimized", "x-compute-characters": str(len(body["inputs"]))}
        if self.prompt_tokens_header:
            headers.update({"x-prompt-tokens": str(len(tokens)), "x-generated-tokens": str(len(generated))})
        return web.json_response([answer] if as_list else answer, headers=headers)

    def _reject(self, message: str) -> web.Response:
        self.rejected.append(message)
        return web.json_response({"error": f"Input validation error: {message}", "error_type": "validation"},
                                 status=422)

    def validate(self, inputs: str, p: dict[str, Any]) -> list[int]:
        """``Validation::validate`` of sha-4cce843; returns the (left-cut) input tokens."""
        best_of = p.get("best_of") or 1
        sampling = bool(p.get("do_sample")) or any(p.get(k) is not None for k in ("temperature", "top_k", "top_p", "typical_p"))
        if best_of > 1:  # server.rs: generate_best_of validates best_of first
            if self.max_best_of == 1:
                raise Invalid("`best_of` != 1 is not allowed for this endpoint")
            if best_of > self.max_best_of:
                raise Invalid(f"`best_of` must be > 0 and <= {self.max_best_of}. Given: {best_of}")
        if best_of > 1 and not sampling:
            raise Invalid("you must use sampling when `best_of` is > 1")
        if (p.get("temperature") if p.get("temperature") is not None else 1.0) <= 0:
            raise Invalid("`temperature` must be strictly positive")
        if (p.get("repetition_penalty") if p.get("repetition_penalty") is not None else 1.0) <= 0:
            raise Invalid("`repetition_penalty` must be strictly positive")
        if p.get("top_p") is not None and not 0 < p["top_p"] < 1:
            raise Invalid("`top_p` must be > 0.0 and < 1.0")
        if p.get("typical_p") is not None and not 0 < p["typical_p"] < 1:
            raise Invalid("`typical_p` must be > 0.0 and < 1.0")
        if p.get("top_k") is not None and p["top_k"] <= 0:
            raise Invalid("`top_k` must be strictly positive")
        max_new = p.get("max_new_tokens", 20)
        if max_new == 0:
            raise Invalid("`max_new_tokens` must be strictly positive")
        stop = p.get("stop") or []
        if len(stop) > self.max_stop_sequences:
            raise Invalid(f"`stop` supports up to {self.max_stop_sequences} stop sequences. Given: {len(stop)}")
        if p.get("seed") is not None and best_of > 1:
            raise Invalid("`seed` must not be set when `best_of` > 1")
        if p.get("top_n_tokens") is not None and p["top_n_tokens"] > self.max_top_n_tokens:
            raise Invalid(f"`top_n_tokens` must be >= 0 and <= {self.max_top_n_tokens}. Given: {p['top_n_tokens']}")
        if not inputs:
            raise Invalid("`inputs` cannot be empty")
        truncate = p.get("truncate")
        if truncate is not None and (truncate == 0 or truncate > self.max_input):
            raise Invalid(f"`truncate` must be strictly positive and less than {self.max_input}. Given: {truncate}")
        tokens = tokenize(inputs)
        if truncate is not None and truncate < len(tokens):
            tokens = tokens[-truncate:]
        if len(tokens) + max_new > self.max_total:
            raise Invalid(f"`inputs` tokens + `max_new_tokens` must be <= {self.max_total}. "
                          f"Given: {len(tokens)} `inputs` tokens and {max_new} `max_new_tokens`")
        if len(tokens) > self.max_input:
            raise Invalid(f"`inputs` must have less than {self.max_input} tokens. Given: {len(tokens)}")
        return tokens

    def _generate_text(self, pieces: list[str], stop: list[str], max_new: int) -> tuple[str, str, list]:
        """The reply's pieces as tokens, then EOS, under the Python server's StoppingCriteria."""
        criteria = [re.compile(f".*{re.escape(s)}$") for s in stop]
        generated: list = []
        output = ""
        for piece in [*pieces, EOS]:
            generated.append(piece)
            if len(generated) >= max_new:
                return _visible(generated), "length", generated
            if piece == EOS:
                return _visible(generated), "eos_token", generated
            output += piece
            if any(c.findall(output) for c in criteria):
                return _visible(generated), "stop_sequence", generated
        raise AssertionError("unreachable: EOS ends every reply")

    @staticmethod
    def _prefill(tokens: list[int]) -> list[dict[str, Any]]:
        return [{"id": t, "text": token_text(t), "logprob": None if i == 0 else token_logprob(tokens[i - 1], t)}
                for i, t in enumerate(tokens)]


def _visible(generated: list) -> str:
    """``generated_text``: the tokens decoded without special tokens."""
    return "".join(t for t in generated if t != EOS)


def _token(piece: str | int) -> dict[str, Any]:
    if piece == EOS:
        return {"id": EOS, "text": "</s>", "logprob": -0.5, "special": True}
    return {"id": 3 + sum(map(ord, piece)), "text": piece, "logprob": -0.5, "special": False}
