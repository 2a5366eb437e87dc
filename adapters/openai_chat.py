"""The ``openai`` adapter: any OpenAI-compatible server (OpenAI, vLLM, llama.cpp's server, TGI's
Messages API) through ``openai.AsyncOpenAI``.

- ``api = "chat"`` (default): chat completions; a ``raw_prompt`` is sent as one user message.
- ``api = "completions"``: plain completions; messages are rendered with the FastChat ``template``
  (default "llama-2") unless ``raw_prompt`` is set. With ``choice_logprobs = true`` the choices of a
  request are scored exactly from ``echo`` + ``logprobs`` prompt-token log-probabilities (the server
  must support them: OpenAI's legacy models, vLLM, llama.cpp's server started with
  ``--logits_all true``); otherwise ``supports_logprobs`` is False and tasks fall back to generation.

The SDK's own retries are off (``max_retries=0``): the core retries. The API key is ``api_key``,
else the environment variable ``api_key_env`` (OPENAI_API_KEY), else a dummy for local servers.

Speed. The SDK stays in charge of every request (URL, auth, headers, timeout, errors), but its
per-call request transform (``_async_transform_recursive``: every message re-walked against the
typed-dict schema, ~650 calls per request for 17 messages, growing with the conversation) and its
response models are skipped through documented escape hatches: the body is already plain JSON, so
it goes in ``extra_body`` (``messages=[]`` / ``prompt=""`` placeholders, overridden in place, the
decoding keys in the SDK's own order: the bytes on the wire are unchanged, a test compares them),
and ``with_raw_response`` hands back the raw answer, decoded with :func:`adapters.failures.decode_answer`
like TGI's (a 2xx whose body is not JSON is transient on both paths). The wire dicts of a
conversation's messages are memoised per prefix.

``transport = "aiohttp"`` (default): an aiohttp transport under the SDK's httpx client
(:mod:`adapters.sdk_transport`), and the SDK's request pipeline itself (~0.5 ms of CPU per call)
paid once per endpoint: the first request goes through the SDK, later ones replay its URL,
headers and body serialisation (:mod:`adapters.openai_replay`, self-checked byte for byte).
``transport = "httpx"``: every request built and sent by the SDK with its own httpx client.

Several servers: ``base_url`` may be a list; requests are routed by :class:`adapters.balancer.Balancer`.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable, Sequence
from typing import Any, Literal

import openai
from pydantic import Field, field_validator

from adapters.balancer import Balancer
from adapters.choices import best_choice, continuation_logprob
from adapters.config_util import EndpointConfig, normalize_url, validate_config
from adapters.failures import classify_status, decode_answer, is_context_overflow
from adapters.http_session import HttpSession
from adapters.openai_replay import Learned, learn
from adapters.prefix_memo import PrefixMemo
from adapters.sdk_transport import CAPTURE, aiohttp_client
from adapters.templates import PromptRenderer
from harness.errors import ConfigError
from harness.model import (
    ContextLimitError,
    EndpointUnreachable,
    Generation,
    GenerationRequest,
    Message,
    Model,
    ModelError,
    ModelInfo,
    PermanentModelError,
    TransientModelError,
)

DUMMY_KEY = "sk-no-key-needed"


class OpenAIConfig(EndpointConfig):
    """One ``adapter = "openai"`` entry of the model registry (``template`` renders messages in
    ``completions`` mode)."""

    adapter: Literal["openai"] = "openai"
    model: str = Field(min_length=1)
    base_url: str | list[str] = "https://api.openai.com/v1"
    """One URL, or several servers of the same model (requests are load-balanced)."""
    api_key: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    api: Literal["chat", "completions"] = "chat"
    choice_logprobs: bool = False
    revision: str | None = None
    """A label of the served weights: change it when a new checkpoint is served under the same
    model name (vLLM), so cached answers of the old one are not reused (or run with --no-cache)."""
    transport: Literal["aiohttp", "httpx"] = "aiohttp"
    """aiohttp: the SDK's requests learned once per endpoint, then replayed over aiohttp (fast);
    httpx: every request through the SDK and its own httpx client."""
    replay_max_age_s: float = Field(300.0, ge=0)
    """How long a learned request is replayed before the SDK builds one again (0: never replay)."""

    @field_validator("base_url")
    @classmethod
    def _url(cls, url: str | list[str]) -> str | list[str]:
        if isinstance(url, list):
            if not url:
                raise ValueError("needs at least one URL")
            urls = [normalize_url(u) for u in url]
            return urls[0] if len(urls) == 1 else urls
        return normalize_url(url)

    @property
    def urls(self) -> list[str]:
        return [self.base_url] if isinstance(self.base_url, str) else list(self.base_url)


class OpenAIModel(Model):
    """An OpenAI-compatible endpoint."""

    adapter = "openai"

    def __init__(self, name: str, config: OpenAIConfig):
        if config.choice_logprobs and config.api != "completions":
            raise ConfigError(f"model {name!r}: choice_logprobs needs api = \"completions\"")
        self.name = name
        self.config = config
        self.supports_logprobs = config.choice_logprobs
        key = config.api_key or os.environ.get(config.api_key_env) or DUMMY_KEY
        self.http = HttpSession(config.timeout_s) if config.transport == "aiohttp" else None
        self.clients = {
            url: openai.AsyncOpenAI(
                api_key=key,
                base_url=url,
                max_retries=0,
                timeout=config.timeout_s,
                http_client=aiohttp_client(self.http, config.timeout_s) if self.http is not None else None,
            )
            for url in config.urls
        }
        self.client = self.clients[config.urls[0]]
        self.balancer = Balancer(config.urls)
        self.renderer = PromptRenderer(config.template, config.system_prompt)
        self._wire: PrefixMemo[list[dict[str, str]]] = PrefixMemo()
        self._wire_json: PrefixMemo[str] = PrefixMemo()
        self._learned: dict[tuple[str, str], Learned] = {}
        self.sdk_requests = 0
        """Requests built by the SDK (the others were replayed)."""

    @classmethod
    def from_config(cls, name: str, config: dict) -> OpenAIModel:
        return cls(name, validate_config(OpenAIConfig, name, config))

    @classmethod
    def parse_spec(cls, spec: str) -> dict:
        """``MODEL@URL[,URL...]`` -> ``{"model": MODEL, "base_url": URL or [URL, ...]}``; ``MODEL`` alone
        uses OpenAI."""
        model, _, url = spec.partition("@")
        if not model.strip():
            raise ConfigError("openai: expected MODEL@URL, e.g. openai:gpt-4@https://api.openai.com/v1")
        out: dict[str, Any] = {"model": model.strip()}
        urls = [u.strip() for u in url.split(",") if u.strip()]
        if urls:
            try:
                normalized = [normalize_url(u) for u in urls]
            except ValueError as e:
                raise ConfigError(f"openai: {e}") from None
            out["base_url"] = normalized[0] if len(normalized) == 1 else normalized
        return out

    def identity(self) -> str:
        c = self.config
        urls = c.base_url if isinstance(c.base_url, str) else sorted(c.base_url)
        facts = [c.model, urls, c.api, c.template if c.api == "completions" else None, c.system_prompt, c.revision]
        return "openai:" + json.dumps(facts, ensure_ascii=False)

    def info(self) -> ModelInfo:
        c = self.config
        return ModelInfo(
            name=self.name,
            adapter=self.adapter,
            identity=self.identity(),
            template=c.template if c.api == "completions" else "server chat template",
            system_prompt=c.system_prompt,
            endpoints=c.urls,
            supports_logprobs=self.supports_logprobs,
            extra={"model": c.model, "api": c.api,
                   "transport": "the SDK's request learned per endpoint, replayed over aiohttp" if c.transport == "aiohttp"
                   else "every request through the SDK (httpx)",
                   "routing": "least expected wait over the endpoints, failing ones drained" if len(c.urls) > 1 else None},
        )

    # ---- requests -----------------------------------------------------------------------------
    def _chat_messages(self, request: GenerationRequest) -> list[dict[str, str]]:
        if request.raw_prompt is not None:
            return [{"role": "user", "content": request.raw_prompt}]
        r = request.rendering
        build, extend = (_stripped_wire_dicts, _extend_stripped_wire_dicts) if r.strip_turns else (
            _wire_dicts, _extend_wire_dicts)
        msgs = self._wire.get(request.messages, r.strip_turns, build, extend)
        if r.system_prompt and self.config.system_prompt is not None and not (msgs and msgs[0]["role"] == "system"):
            msgs = [{"role": "system", "content": self.config.system_prompt}, *msgs]
        return msgs

    def _messages_json(self, request: GenerationRequest, learned: Learned) -> str:
        """The elements of ``_chat_messages(request)`` serialised in the SDK's style, joined by its
        item separator: memoised per conversation, so a turn serialises only its new messages."""
        sep = learned.separators[0]
        if request.raw_prompt is not None:
            return learned.dumps({"role": "user", "content": request.raw_prompt})
        r = request.rendering

        def one(m: Message) -> str:
            return learned.dumps({"role": m.role, "content": m.content.strip() if r.strip_turns else m.content})

        def build(msgs: Sequence[Message]) -> str:
            return sep.join(map(one, msgs))

        def extend(prefix: str, msgs: Sequence[Message], start: int) -> str:
            new = sep.join(map(one, msgs[start:]))
            return f"{prefix}{sep}{new}" if prefix and new else prefix or new

        text = self._wire_json.get(request.messages, (r.strip_turns, learned.style), build, extend)
        messages = request.messages
        if r.system_prompt and self.config.system_prompt is not None and not (messages and messages[0].role == "system"):
            head = learned.dumps({"role": "system", "content": self.config.system_prompt})
            return f"{head}{sep}{text}" if text else head
        return text

    def _prompt(self, request: GenerationRequest) -> str:
        if request.raw_prompt is not None:
            return request.raw_prompt
        try:
            r = request.rendering
            return self.renderer.render(request.messages, r.strip_turns, r.system_prompt)
        except ValueError as e:
            raise PermanentModelError(f"openai {self.name}: {e}") from None

    def _decoding(self, request: GenerationRequest) -> dict[str, Any]:
        """Decoding keys in the order the SDK writes them (alphabetical: max_tokens, seed, stop,
        temperature, top_p), so the body's bytes equal the typed ``create(...)`` call's."""
        p = request.params
        out: dict[str, Any] = {"max_tokens": p.max_new_tokens}
        if p.seed is not None:
            out["seed"] = p.seed
        if p.stop:
            out["stop"] = list(p.stop)
        out["temperature"] = p.temperature if p.sampling else 0.0
        if p.sampling and p.top_p is not None:
            out["top_p"] = p.top_p
        return out

    async def _post(
        self, kind: str, first: dict[str, Any], rest: dict[str, Any], items: Callable[[Learned], str] | None = None
    ) -> tuple[dict, str]:
        """One request on the balancer's endpoint: ``first`` are the typed placeholder arguments
        (``messages=[]`` / ``prompt=""``), ``rest`` the plain-JSON body that overrides them;
        ``items`` serialises the messages for a replayed request (memoised per conversation)."""
        async with self.balancer.lease() as url:
            learned = self._learned.get((url, kind))
            if learned is not None and time.monotonic() - learned.learned_at < self.config.replay_max_age_s:
                (key,) = first
                body = learned.encode(self.config.model, key, rest, items(learned) if items is not None else None)
                status, headers, raw = await self.http.request("POST", learned.url, body, learned.headers)
                if status in (401, 403):
                    self._learned.pop((url, kind), None)  # the next request asks the SDK again
                payload = decode_answer(status, raw, url, headers)
            else:
                payload = await self._sdk_post(url, kind, first, rest)
            choices = payload.get("choices") if isinstance(payload, dict) else None
            if not choices or not isinstance(choices[0], dict):
                raise TransientModelError(f"openai {self.name}: {url} answered no choices")
        return payload, url

    async def _sdk_post(self, url: str, kind: str, first: dict[str, Any], rest: dict[str, Any]) -> Any:
        """The request built and sent by the SDK (and, over aiohttp, learned for replay)."""
        client = self.clients[url]
        resource = client.chat.completions if kind == "chat" else client.completions
        capture: dict[str, Any] | None = {} if self.http is not None and self.config.replay_max_age_s else None
        token = CAPTURE.set(capture)
        self.sdk_requests += 1
        try:
            raw = await resource.with_raw_response.create(model=self.config.model, **first, extra_body=rest)
        except openai.OpenAIError as e:
            raise classify_openai(e, url) from None
        finally:
            CAPTURE.reset(token)
        payload = decode_answer(raw.status_code, raw.content, url, raw.headers)
        if capture:
            (key,) = first
            learned = learn(capture, self.config.model, key, rest)
            if learned is not None:
                self._learned[(url, kind)] = learned
        return payload

    async def generate(self, request: GenerationRequest) -> Generation:
        start = time.perf_counter()
        if request.choices and self.supports_logprobs:
            return await self._score_choices(request, start)
        if self.config.api == "chat":
            payload, url = await self._post(
                "chat", {"messages": []}, {"messages": self._chat_messages(request), **self._decoding(request)},
                lambda learned: self._messages_json(request, learned),
            )
            choice = payload["choices"][0]
            message = choice.get("message")
            if not isinstance(message, dict):
                raise TransientModelError(f"openai {self.name}: {url} answered a malformed choice {str(choice)[:200]}")
            text = message.get("content")
        else:
            payload, url = await self._post("completions", {"prompt": ""},
                                            {"prompt": self._prompt(request), **self._decoding(request)})
            choice = payload["choices"][0]
            text = choice.get("text")
        if text is not None and not isinstance(text, str):
            raise TransientModelError(f"openai {self.name}: {url} answered a malformed choice {str(choice)[:200]}")
        usage = payload.get("usage")
        usage = usage if isinstance(usage, dict) else {}
        finish = choice.get("finish_reason")
        return Generation(
            text=text or "",
            prompt_tokens=_count(usage.get("prompt_tokens")),
            completion_tokens=_count(usage.get("completion_tokens")),
            latency_s=time.perf_counter() - start,
            finish_reason=finish if isinstance(finish, str) else None,
            endpoint=url,
        )

    async def _echo_logprobs(self, text: str) -> tuple[list[tuple[str, float | None]], str]:
        """Token texts and log-probabilities of ``text`` itself (echo, one generated token dropped)."""
        payload, url = await self._post(
            "completions", {"prompt": ""},
            {"prompt": text, "echo": True, "logprobs": 1, "max_tokens": 1, "temperature": 0.0},
        )
        lp = payload["choices"][0].get("logprobs")
        lp = lp if isinstance(lp, dict) else {}
        tokens, logprobs, offsets = lp.get("tokens"), lp.get("token_logprobs"), lp.get("text_offset")
        if not isinstance(tokens, list) or not tokens or not isinstance(logprobs, list) or not isinstance(offsets, list):
            raise PermanentModelError(f"{url}: no echo logprobs (server does not support them)")
        n_text = len(text)
        return [(t, v) for t, v, off in zip(tokens, logprobs, offsets) if off < n_text], url

    async def _score_choices(self, request: GenerationRequest, start: float) -> Generation:
        prompt = self._prompt(request)
        choices = list(request.choices or ())
        scored = await asyncio.gather(self._echo_logprobs(prompt), *(self._echo_logprobs(prompt + c) for c in choices))
        (prompt_tokens, url), rest = scored[0], scored[1:]
        logprobs = {c: continuation_logprob(prompt_tokens, toks) for c, (toks, _) in zip(choices, rest)}
        return Generation(
            text=best_choice(logprobs),
            prompt_tokens=len(prompt_tokens),
            latency_s=time.perf_counter() - start,
            finish_reason="choices",
            choice_logprobs=logprobs,
            endpoint=url,
        )

    # ---- lifecycle ----------------------------------------------------------------------------
    async def check(self) -> None:
        """``GET /models`` must answer within ``check_timeout_s`` on every URL (404 is fine: not
        every server has it)."""
        for url, client in self.clients.items():
            try:
                await client.with_options(timeout=self.config.check_timeout_s).models.list()
            except (openai.APIConnectionError, openai.APITimeoutError) as e:
                raise EndpointUnreachable(
                    f"OpenAI-compatible endpoint {url} did not answer within {self.config.check_timeout_s:g} s "
                    f"({type(e).__name__})"
                ) from None
            except openai.AuthenticationError:
                raise EndpointUnreachable(f"OpenAI-compatible endpoint {url} rejected the API key") from None
            except openai.APIStatusError as e:
                if e.status_code >= 500:
                    raise EndpointUnreachable(
                        f"OpenAI-compatible endpoint {url} is not ready (HTTP {e.status_code})"
                    ) from None

    async def aclose(self) -> None:
        for client in self.clients.values():
            try:
                await client.close()
            except RuntimeError:  # its event loop is gone already
                pass
        if self.http is not None:
            await self.http.aclose()


def _count(value: Any) -> int:
    """A token count from an answer (0 when missing or malformed)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _wire_dicts(messages) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


def _extend_wire_dicts(prefix: list[dict[str, str]], messages, start: int) -> list[dict[str, str]]:
    return prefix + [{"role": m.role, "content": m.content} for m in messages[start:]]


def _stripped_wire_dicts(messages) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content.strip()} for m in messages]


def _extend_stripped_wire_dicts(prefix: list[dict[str, str]], messages, start: int) -> list[dict[str, str]]:
    return prefix + [{"role": m.role, "content": m.content.strip()} for m in messages[start:]]


def classify_openai(e: openai.OpenAIError, where: str) -> ModelError:
    """Map SDK exceptions to the core's error types."""
    if isinstance(e, (openai.APITimeoutError, openai.APIConnectionError)):
        return TransientModelError(f"{where}: {type(e).__name__}: {e}")
    if isinstance(e, openai.APIStatusError):
        body = e.body if isinstance(e.body, dict) else {}
        err = body["error"] if isinstance(body.get("error"), dict) else body
        code = str(err.get("code") or "")
        message = f"{e.message} {code}"
        if e.status_code < 500 and e.status_code != 429 and is_context_overflow(message):
            return ContextLimitError(f"{where}: HTTP {e.status_code}: {e.message[:300]}")
        return classify_status(e.status_code, e.message, where, e.response.headers)
    return PermanentModelError(f"{where}: {type(e).__name__}: {e}")
