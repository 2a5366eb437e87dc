"""The ``tgi`` adapter: HuggingFace text-generation-inference servers (how AgentLM is served).

Prompts are rendered with a FastChat conversation template ("llama-2" for AgentLM), as AgentTuning
does. The request body is the ``text-generation`` package's ``Parameters`` in a request object (the body its
``AsyncClient.generate`` sends, ``None`` fields left out so old servers accept it). We own the
transport instead of calling ``AsyncClient``: it opens a new HTTP session per call, hides the
response headers (``x-prompt-tokens``) and cannot read ``/generate``'s answer (an object, where the
root route ``/`` answers a one-element list); both routes are supported here.

Decoding actually sent (recorded in ``info().extra``): ``do_sample`` = ``params.do_sample`` (or
temperature > 0 when unset); ``temperature`` whenever it is > 0 (TGI rejects 0), ``top_p`` when in
(0, 1), ``seed`` when set, ``stop`` = ``params.stop``. CAUTION: at TGI sha-4cce843 (AgentLM's
image) any temperature other than 1.0 turns sampling on even with ``do_sample: false`` -- so the
held-in protocol's ``do_sample: False, temperature: 0.7`` (AgentBench.old ``TGIAgent``) really
samples at T=0.7. We send what the protocol sends; greedy requests (temperature 0) send no
temperature and are truly greedy.

``truncate`` defaults to ``max_tokens - max_new_tokens`` (``max_tokens`` = 4096) like
AgentBench.old's client; ``params.truncate`` overrides it; ``max_tokens = 0`` sends none.

Choice log-probabilities are exact: the prompt and each prompt+choice are sent with
``decoder_input_details=True`` and ``max_new_tokens=1``; TGI returns the log-probability of every
input token (the "prefill"), and :func:`adapters.choices.continuation_logprob` takes the
difference. A request's ``truncate`` applies on this path the way AgentTuning's MMLU script cuts
(:func:`adapters.choices.scoring_cut`): a prompt longer than ``truncate + 1`` tokens is scored
again with every text truncated by the same number of leading tokens, so that the prompt and each
prompt+choice keep the same window.

Generated text is cut before the first stop string (TGI returns it included) so that every adapter
answers like the OpenAI API does.

Server limits. ``check`` reads each server's ``GET /info`` (``max_stop_sequences``,
``max_input_length``, ``max_total_tokens``, ``max_best_of``; the smallest over the URLs counts) and
requests are cut to fit instead of being refused with HTTP 422:

- more stop sequences than ``max_stop_sequences`` (HumanEval's five against the launcher's default
  of 4): the first N are sent, the rest applied here, exactly as the server would have applied them
  (:func:`emulate_stops`: TGI sha-4cce843 stops after the first token at which the generated text
  ends with a stop sequence; the answer's per-token texts give those boundaries), so the text
  equals what the full list gives; the tokens the server generated past that point are not counted;
- ``truncate`` is lowered to ``max_input_length`` and to ``max_total_tokens - max_new_tokens``.

``info().extra["server_limits"]`` records the limits and these rules (manifest). Without ``/info``
(older servers) requests go out as they are. Each server's ``max_concurrent_requests`` caps the
requests in flight to it (:class:`adapters.balancer.Balancer`: the rest wait for a slot).
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator
from text_generation.errors import ValidationError as TGIValidationError
from text_generation.types import Parameters

from adapters.balancer import Balancer
from adapters.choices import best_choice, continuation_logprob, scoring_cut
from adapters.config_util import EndpointConfig, normalize_url, validate_config
from adapters.http_session import HttpSession
from adapters.stops import cut_at_stop, emulate_stops
from adapters.templates import PromptRenderer
from harness.errors import ConfigError
from harness.model import (
    EndpointUnreachable,
    Generation,
    GenerationRequest,
    GenParams,
    Model,
    ModelInfo,
    PermanentModelError,
    TransientModelError,
)


class ServerLimits(BaseModel):
    """What ``GET /info`` says the server accepts (None: not reported)."""

    max_stop_sequences: int | None = None
    max_input_length: int | None = None
    max_total_tokens: int | None = None
    max_best_of: int | None = None

    @classmethod
    def from_infos(cls, infos: list[dict]) -> ServerLimits:
        """The tightest limits over several servers' ``/info`` answers."""
        out = {}
        for field in cls.model_fields:
            values = [i[field] for i in infos if isinstance(i.get(field), int) and not isinstance(i.get(field), bool)]
            out[field] = min(values) if values else None
        return cls(**out)


STOP_NOTE = (
    "stop sequences beyond the server's max_stop_sequences are applied client-side at the first token "
    "where the generated text ends with one (TGI's own rule), so the text equals the full list's"
)
TRUNCATE_NOTE = "truncate is lowered to max_input_length and to max_total_tokens - max_new_tokens"

SAMPLING_NOTE = (
    "TGI sha-4cce843 samples whenever temperature != 1.0, even with do_sample false; "
    "requests with temperature 0 send no temperature and are greedy"
)


class TGIConfig(EndpointConfig):
    """One ``adapter = "tgi"`` entry of the model registry."""

    adapter: Literal["tgi"] = "tgi"
    urls: list[str] = Field(min_length=1)
    model: str = "agentlm"
    """A label for the served weights (part of the cache identity), e.g. "THUDM/agentlm-7b"."""
    route: Literal["/", "/generate"] = "/"
    strip_messages: bool = False
    """Strip each turn before rendering, as AgentBench.old's TGIAgent does for held-in tasks."""
    max_tokens: int = Field(4096, ge=0)
    """Default ``truncate`` is ``max_tokens - max_new_tokens``; 0 sends no truncate."""
    revision: str | None = None
    """Any label of the served weights (e.g. a training step) that should keep cached answers apart."""

    @field_validator("urls")
    @classmethod
    def _urls(cls, urls: list[str]) -> list[str]:
        return [normalize_url(u) for u in urls]


class TGIModel(Model):
    """Load-balanced TGI endpoints serving one model."""

    adapter = "tgi"
    supports_logprobs = True

    def __init__(self, name: str, config: TGIConfig):
        self.name = name
        self.config = config
        self.balancer = Balancer(config.urls)
        self.http = HttpSession(config.timeout_s)
        self.renderer = PromptRenderer(config.template, config.system_prompt)
        self.served: list[list] = []
        """[model_id, model_sha, version] per URL, from ``GET /info`` at ``check``."""
        self.limits = ServerLimits()
        """The servers' limits, from ``GET /info`` at ``check``."""
        self.client_side_stops = 0
        """Answers whose stop sequences were (partly) applied here."""
        self._parameters: dict[GenParams, tuple[dict[str, Any], tuple[str, ...], str]] = {}
        self._limits_known = False

    # ---- construction -------------------------------------------------------------------------
    @classmethod
    def from_config(cls, name: str, config: dict) -> TGIModel:
        return cls(name, validate_config(TGIConfig, name, config))

    @classmethod
    def parse_spec(cls, spec: str) -> dict:
        """``URL[,URL...]`` -> ``{"urls": [...]}``."""
        urls = [u.strip() for u in spec.split(",") if u.strip()]
        if not urls:
            raise ConfigError("tgi: needs at least one URL, e.g. tgi:http://127.0.0.1:30007")
        try:
            return {"urls": [normalize_url(u) for u in urls]}
        except ValueError as e:
            raise ConfigError(f"tgi: {e}") from None

    # ---- description --------------------------------------------------------------------------
    def identity(self) -> str:
        """Config facts plus what the servers say they serve (``/info`` model id and sha, read by
        ``check``): a new checkpoint behind the same URL never hits the old checkpoint's cache."""
        c = self.config
        facts = [c.model, sorted(c.urls), c.route, c.template, c.system_prompt, c.strip_messages, c.max_tokens,
                 c.revision, self.served]
        return "tgi:" + json.dumps(facts, ensure_ascii=False)

    def info(self) -> ModelInfo:
        c = self.config
        return ModelInfo(
            name=self.name,
            adapter=self.adapter,
            identity=self.identity(),
            template=c.template,
            system_prompt=c.system_prompt,
            endpoints=list(c.urls),
            supports_logprobs=True,
            extra={
                "model": c.model,
                "route": c.route,
                "strip_messages": c.strip_messages,
                "truncate_default": f"{c.max_tokens} - max_new_tokens" if c.max_tokens else None,
                "decoding": SAMPLING_NOTE,
                "choice_logprobs": "exact, from decoder_input_details prefill log-probabilities",
                "server_limits": {**self.limits.model_dump(), "stop_sequences": STOP_NOTE, "truncate": TRUNCATE_NOTE},
                "routing": "least expected wait over the URLs, failing ones drained" if len(c.urls) > 1 else None,
            },
        )

    # ---- requests -----------------------------------------------------------------------------
    def prompt(self, request: GenerationRequest) -> str:
        """The text sent to TGI: ``raw_prompt`` verbatim, else the FastChat rendering as the task's
        protocol asks (``request.rendering``: strip every turn, no default system prompt)."""
        if request.raw_prompt is not None:
            return request.raw_prompt
        try:
            r = request.rendering
            return self.renderer.render(request.messages, self.config.strip_messages or r.strip_turns, r.system_prompt)
        except ValueError as e:
            raise PermanentModelError(f"tgi {self.name}: {e}") from None

    def prompt_json(self, request: GenerationRequest) -> str:
        """``json.dumps(self.prompt(request))``, escaping only a conversation's new messages."""
        if request.raw_prompt is not None:
            return json.dumps(request.raw_prompt)
        try:
            r = request.rendering
            return self.renderer.render_json(request.messages, self.config.strip_messages or r.strip_turns,
                                             r.system_prompt)
        except ValueError as e:
            raise PermanentModelError(f"tgi {self.name}: {e}") from None

    def parameters(self, params: GenParams) -> dict[str, Any]:
        """The ``parameters`` object of the request body (see the module docstring)."""
        return self._fitted(params)[0]

    def _fitted(self, params: GenParams) -> tuple[dict[str, Any], tuple[str, ...], str]:
        """(parameters, the stop sequences left for the client, the parameters as JSON); memoised
        per GenParams."""
        hit = self._parameters.get(params)
        if hit is not None:
            return hit
        limits = self.limits
        truncate = params.truncate
        if truncate is None and self.config.max_tokens > params.max_new_tokens:
            truncate = self.config.max_tokens - params.max_new_tokens
        if truncate is not None:
            if limits.max_input_length:
                truncate = min(truncate, limits.max_input_length)
            if limits.max_total_tokens and limits.max_total_tokens > params.max_new_tokens:
                truncate = min(truncate, limits.max_total_tokens - params.max_new_tokens)
        stop = list(params.stop)
        kept: tuple[str, ...] = ()
        if limits.max_stop_sequences is not None and len(stop) > limits.max_stop_sequences:
            kept = tuple(stop[limits.max_stop_sequences:])
            stop = stop[: limits.max_stop_sequences]
        parameters = self._validated(
            # the protocol's own switch when it sets one (held-in: False with T=0.7, sent as is)
            do_sample=params.do_sample if params.do_sample is not None else params.sampling,
            max_new_tokens=params.max_new_tokens,
            temperature=params.temperature if params.temperature > 0 else None,
            top_p=params.top_p if params.top_p is not None and 0 < params.top_p < 1 else None,
            seed=params.seed,
            stop=stop,
            truncate=truncate,
        )
        fitted = parameters, kept, json.dumps(parameters)
        if len(self._parameters) > 256:
            self._parameters.clear()
        self._parameters[params] = fitted
        return fitted

    def _validated(self, **fields: Any) -> dict[str, Any]:
        try:
            p = Parameters(details=True, **fields)
        except (TGIValidationError, ValueError) as e:
            raise PermanentModelError(f"tgi {self.name}: invalid parameters: {e}") from None
        return p.model_dump(mode="json", exclude_none=True)

    async def _call(
        self, inputs: str, parameters: dict[str, Any], body: bytes | None = None
    ) -> tuple[dict, Any, str]:
        """POST ``{"inputs": ..., "parameters": ..., "stream": false}`` (or ``body``, those bytes)."""
        if body is None:
            body = json.dumps({"inputs": inputs, "parameters": parameters, "stream": False}).encode()
        async with self.balancer.lease() as url:
            payload, headers = await self.http.post_bytes(url + self.config.route, body)
            answer = payload[0] if isinstance(payload, list) and payload else payload
            if not isinstance(answer, dict) or not isinstance(answer.get("generated_text"), str):
                raise TransientModelError(f"{url}: unexpected answer {str(payload)[:200]}")
        return answer, headers, url

    async def generate(self, request: GenerationRequest) -> Generation:
        if not self._limits_known:
            await self._load_limits(self.config.check_timeout_s)
        if request.choices:
            return await self._score_choices(request)
        start = time.perf_counter()
        parameters, client_stops, parameters_json = self._fitted(request.params)
        # the body json.dumps would write, from the memoised escaped prompt (a turn escapes its new
        # messages only; a test compares the bytes)
        body = f'{{"inputs": {self.prompt_json(request)}, "parameters": {parameters_json}, "stream": false}}'
        answer, headers, url = await self._call("", parameters, body.encode())
        details = answer.get("details")
        details = details if isinstance(details, dict) else {}
        text = answer["generated_text"]
        finish = details.get("finish_reason")
        completion_tokens = _int(details.get("generated_tokens")) or _int(headers.get("x-generated-tokens"))
        if client_stops:
            tokens = [t.get("text") or "" for t in _list(details.get("tokens")) if isinstance(t, dict) and not t.get("special")]
            cut = emulate_stops(text, tokens, request.params.stop)
            if cut is not None:
                end, n_tokens = cut
                self.client_side_stops += 1
                text, finish = text[:end], "stop_sequence"
                if n_tokens is not None:
                    completion_tokens = n_tokens
        text, cut = cut_at_stop(text, request.params.stop)
        return Generation(
            text=text,
            prompt_tokens=_int(headers.get("x-prompt-tokens")) or len(_list(details.get("prefill"))),
            completion_tokens=completion_tokens,
            latency_s=time.perf_counter() - start,
            finish_reason="stop_sequence" if cut else finish if isinstance(finish, str) else None,
            endpoint=url,
        )

    async def _prefill(self, text: str, truncate: int | None = None) -> tuple[list[tuple[int, float | None]], str]:
        params = self._validated(do_sample=False, max_new_tokens=1, decoder_input_details=True, truncate=truncate)
        answer, _, url = await self._call(text, params)
        details = answer.get("details")
        prefill = _list(details.get("prefill")) if isinstance(details, dict) else []
        if not prefill:
            raise PermanentModelError(f"{url}: no prefill details (decoder_input_details unsupported?)")
        if not all(isinstance(t, dict) and "id" in t for t in prefill):
            raise TransientModelError(f"{url}: malformed prefill details")
        return [(t["id"], t.get("logprob")) for t in prefill], url

    async def _score_choices(self, request: GenerationRequest) -> Generation:
        start = time.perf_counter()
        prompt = self.prompt(request)
        choices = list(request.choices or ())
        scored = await asyncio.gather(self._prefill(prompt), *(self._prefill(prompt + c) for c in choices))
        (prompt_tokens, url), rest = scored[0], scored[1:]
        cut = scoring_cut(len(prompt_tokens), request.params.truncate)
        if cut:
            # The task's left cut (MMLU's --max-seq-len): score again on the same window of the
            # prompt, each text truncated by TGI to its last (tokens - cut) tokens.
            scored = await asyncio.gather(
                self._prefill(prompt, len(prompt_tokens) - cut),
                *(self._prefill(prompt + c, len(toks) - cut) for c, (toks, _) in zip(choices, rest)),
            )
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
        """Every URL must answer ``GET /health`` with a non-5xx status within ``check_timeout_s``."""
        timeout = self.config.check_timeout_s
        for url in self.config.urls:
            try:
                status = await self.http.get_status(url + "/health", timeout)
            except Exception as e:  # noqa: BLE001 - any failure to answer means unreachable
                raise EndpointUnreachable(
                    f"TGI endpoint {url} did not answer within {timeout:g} s ({type(e).__name__})"
                ) from None
            if status >= 500:
                raise EndpointUnreachable(f"TGI endpoint {url} is not ready (GET /health: HTTP {status})")
        infos = await self._load_limits(timeout)
        self.served = [[i.get("model_id"), i.get("model_sha"), i.get("version")] for i in infos]

    async def _load_limits(self, timeout: float) -> list[dict]:
        """Read every URL's ``/info`` (sorted by URL) and set :attr:`limits` from the answers.
        Runs at ``check`` and, for models used without it, before the first request."""
        infos, unanswered = [], False
        for url in sorted(self.config.urls):
            try:
                info = await self.http.get_json(url + "/info", timeout)
            except Exception:  # noqa: BLE001 - /info is informative; a server that is down is asked again
                info, unanswered = None, True
            if isinstance(info, dict):
                infos.append(info)
                self.balancer.set_capacity(url, _int(info.get("max_concurrent_requests")) or None)
        self.limits = ServerLimits.from_infos(infos)
        self._parameters.clear()
        self._limits_known = not unanswered
        return infos

    async def aclose(self) -> None:
        await self.http.aclose()


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
