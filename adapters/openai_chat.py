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
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from typing import Any, Literal

import openai
from pydantic import Field, field_validator

from adapters.choices import best_choice, continuation_logprob
from adapters.config_util import EndpointConfig, normalize_url, validate_config
from adapters.failures import classify_status, is_context_overflow
from adapters.templates import render_conversation
from harness.errors import ConfigError
from harness.model import (
    ContextLimitError,
    EndpointUnreachable,
    Generation,
    GenerationRequest,
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
    base_url: str = "https://api.openai.com/v1"
    api_key: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    api: Literal["chat", "completions"] = "chat"
    choice_logprobs: bool = False
    revision: str | None = None
    """A label of the served weights: change it when a new checkpoint is served under the same
    model name (vLLM), so cached answers of the old one are not reused (or run with --no-cache)."""

    @field_validator("base_url")
    @classmethod
    def _url(cls, url: str) -> str:
        return normalize_url(url)


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
        self.client = openai.AsyncOpenAI(
            api_key=key, base_url=config.base_url, max_retries=0, timeout=config.timeout_s
        )

    @classmethod
    def from_config(cls, name: str, config: dict) -> "OpenAIModel":
        return cls(name, validate_config(OpenAIConfig, name, config))

    @classmethod
    def parse_spec(cls, spec: str) -> dict:
        """``MODEL@URL`` -> ``{"model": MODEL, "base_url": URL}``; ``MODEL`` alone uses OpenAI."""
        model, _, url = spec.partition("@")
        if not model.strip():
            raise ConfigError("openai: expected MODEL@URL, e.g. openai:gpt-4@https://api.openai.com/v1")
        out: dict[str, Any] = {"model": model.strip()}
        if url.strip():
            try:
                out["base_url"] = normalize_url(url)
            except ValueError as e:
                raise ConfigError(f"openai: {e}") from None
        return out

    def identity(self) -> str:
        c = self.config
        facts = [c.model, c.base_url, c.api, c.template if c.api == "completions" else None, c.system_prompt,
                 c.revision]
        return "openai:" + json.dumps(facts, ensure_ascii=False)

    def info(self) -> ModelInfo:
        c = self.config
        return ModelInfo(
            name=self.name,
            adapter=self.adapter,
            identity=self.identity(),
            template=c.template if c.api == "completions" else "server chat template",
            system_prompt=c.system_prompt,
            endpoints=[c.base_url],
            supports_logprobs=self.supports_logprobs,
            extra={"model": c.model, "api": c.api},
        )

    # ---- requests -----------------------------------------------------------------------------
    def _chat_messages(self, request: GenerationRequest) -> list[dict[str, str]]:
        if request.raw_prompt is not None:
            return [{"role": "user", "content": request.raw_prompt}]
        r = request.rendering
        msgs = [{"role": m.role, "content": m.content.strip() if r.strip_turns else m.content} for m in request.messages]
        if r.system_prompt and self.config.system_prompt is not None and not (msgs and msgs[0]["role"] == "system"):
            msgs.insert(0, {"role": "system", "content": self.config.system_prompt})
        return msgs

    def _prompt(self, request: GenerationRequest) -> str:
        if request.raw_prompt is not None:
            return request.raw_prompt
        try:
            r = request.rendering
            system = self.config.system_prompt if r.system_prompt else None
            return render_conversation(self.config.template, request.messages, system, r.strip_turns)
        except ValueError as e:
            raise PermanentModelError(f"openai {self.name}: {e}") from None

    def _decoding(self, request: GenerationRequest) -> dict[str, Any]:
        p = request.params
        out: dict[str, Any] = {"max_tokens": p.max_new_tokens, "temperature": p.temperature if p.sampling else 0.0}
        if p.sampling and p.top_p is not None:
            out["top_p"] = p.top_p
        if p.stop:
            out["stop"] = list(p.stop)
        if p.seed is not None:
            out["seed"] = p.seed
        return out

    async def generate(self, request: GenerationRequest) -> Generation:
        start = time.perf_counter()
        if request.choices and self.supports_logprobs:
            return await self._score_choices(request, start)
        try:
            if self.config.api == "chat":
                resp = await self.client.chat.completions.create(
                    model=self.config.model, messages=self._chat_messages(request), **self._decoding(request)
                )
                if not resp.choices:
                    raise TransientModelError(f"openai {self.name}: the server answered no choices")
                choice = resp.choices[0]
                text = choice.message.content or ""
            else:
                resp = await self.client.completions.create(
                    model=self.config.model, prompt=self._prompt(request), **self._decoding(request)
                )
                if not resp.choices:
                    raise TransientModelError(f"openai {self.name}: the server answered no choices")
                choice = resp.choices[0]
                text = choice.text or ""
        except openai.OpenAIError as e:
            raise classify_openai(e, self.config.base_url) from None
        usage = resp.usage
        return Generation(
            text=text,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            latency_s=time.perf_counter() - start,
            finish_reason=choice.finish_reason,
            endpoint=self.config.base_url,
        )

    async def _echo_logprobs(self, text: str) -> list[tuple[str, float | None]]:
        """Token texts and log-probabilities of ``text`` itself (echo, one generated token dropped)."""
        try:
            resp = await self.client.completions.create(
                model=self.config.model, prompt=text, max_tokens=1, temperature=0.0, echo=True, logprobs=1
            )
        except openai.OpenAIError as e:
            raise classify_openai(e, self.config.base_url) from None
        lp = resp.choices[0].logprobs
        if lp is None or not lp.tokens or lp.token_logprobs is None or lp.text_offset is None:
            raise PermanentModelError(f"{self.config.base_url}: no echo logprobs (server does not support them)")
        n_text = len(text)
        return [(t, l) for t, l, off in zip(lp.tokens, lp.token_logprobs, lp.text_offset) if off < n_text]

    async def _score_choices(self, request: GenerationRequest, start: float) -> Generation:
        prompt = self._prompt(request)
        choices = list(request.choices or ())
        scored = await asyncio.gather(self._echo_logprobs(prompt), *(self._echo_logprobs(prompt + c) for c in choices))
        logprobs = {c: continuation_logprob(scored[0], toks) for c, toks in zip(choices, scored[1:])}
        return Generation(
            text=best_choice(logprobs),
            prompt_tokens=len(scored[0]),
            latency_s=time.perf_counter() - start,
            finish_reason="choices",
            choice_logprobs=logprobs,
            endpoint=self.config.base_url,
        )

    # ---- lifecycle ----------------------------------------------------------------------------
    async def check(self) -> None:
        """``GET /models`` must answer within ``check_timeout_s`` (404 is fine: not every server has it)."""
        url = self.config.base_url
        try:
            await self.client.with_options(timeout=self.config.check_timeout_s).models.list()
        except (openai.APIConnectionError, openai.APITimeoutError) as e:
            raise EndpointUnreachable(
                f"OpenAI-compatible endpoint {url} did not answer within {self.config.check_timeout_s:g} s "
                f"({type(e).__name__})"
            ) from None
        except openai.AuthenticationError:
            raise EndpointUnreachable(f"OpenAI-compatible endpoint {url} rejected the API key") from None
        except openai.APIStatusError as e:
            if e.status_code >= 500:
                raise EndpointUnreachable(f"OpenAI-compatible endpoint {url} is not ready (HTTP {e.status_code})") from None

    async def aclose(self) -> None:
        try:
            await self.client.close()
        except RuntimeError:  # its event loop is gone already
            pass


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
        return classify_status(e.status_code, e.message, where)
    return PermanentModelError(f"{where}: {type(e).__name__}: {e}")
