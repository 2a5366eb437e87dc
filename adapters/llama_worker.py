"""A llama.cpp model (llama-cpp-python) used from ONE thread: render, tokenise, generate, score.

``Llama`` is not thread-safe, so :class:`LlamaWorker` is only ever called from the single worker
thread of :class:`adapters.embedded.EmbeddedModel`; nothing here touches the event loop.
"""

from __future__ import annotations

import math
import time
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from adapters.choices import best_choice, common_prefix, scoring_cut
from harness.model import ContextLimitError, Generation, GenerationRequest, PermanentModelError


class LlamaWorker:
    """Loads the GGUF lazily (first call) and serves requests; call from one thread only."""

    def __init__(self, model_path: str, n_ctx: int, n_threads: int, seed: int):
        self.model_path = model_path
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.seed = seed
        self.llm: llama_cpp.Llama | None = None
        self.formatter: Jinja2ChatFormatter | None = None

    # ---- loading ------------------------------------------------------------------------------
    def load(self) -> llama_cpp.Llama:
        if self.llm is not None:
            return self.llm
        llm = llama_cpp.Llama(
            model_path=self.model_path,
            n_ctx=self.n_ctx,
            n_threads=self.n_threads,
            seed=self.seed,
            logits_all=False,
            verbose=False,
        )
        trained = int(llm.metadata.get("llama.context_length", self.n_ctx))
        if self.n_ctx > trained:
            llm.close()
            raise PermanentModelError(f"n_ctx {self.n_ctx} exceeds the model's trained context {trained}")
        template = llm.metadata.get("tokenizer.chat_template")
        if not template:
            llm.close()
            raise PermanentModelError(f"{self.model_path} has no tokenizer.chat_template")
        self.formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=llm.detokenize([llm.token_eos()], special=True).decode("utf-8", "replace"),
            bos_token=llm.detokenize([llm.token_bos()], special=True).decode("utf-8", "replace"),
            stop_token_ids=[llm.token_eos()],
        )
        self.llm = llm
        return llm

    def close(self) -> None:
        if self.llm is not None:
            self.llm.close()
            self.llm = None

    # ---- prompts ------------------------------------------------------------------------------
    def prompt_text(self, request: GenerationRequest) -> tuple[str, bool, bool]:
        """(text, add_bos, parse_special): ``raw_prompt`` as plain text, else the messages through
        the GGUF's own chat template (as llama-cpp-python's chat handler tokenises it)."""
        self.load()
        if request.raw_prompt is not None:
            return request.raw_prompt, True, False
        assert self.formatter is not None
        strip = request.rendering.strip_turns
        rendered = self.formatter(
            messages=[{"role": m.role, "content": m.content.strip() if strip else m.content} for m in request.messages]
        )
        return rendered.prompt, not rendered.added_special, True

    def tokenize(self, text: str, add_bos: bool, special: bool) -> list[int]:
        return self.load().tokenize(text.encode("utf-8"), add_bos=add_bos, special=special)

    def _fit(self, n_tokens: int, max_new: int) -> None:
        if n_tokens + max_new > self.n_ctx:
            raise ContextLimitError(
                f"smollm2: {n_tokens} prompt tokens + {max_new} new tokens exceed the context of {self.n_ctx}"
            )

    # ---- generation ---------------------------------------------------------------------------
    def generate(self, request: GenerationRequest) -> Generation:
        start = time.perf_counter()
        text, add_bos, special = self.prompt_text(request)
        tokens = self.tokenize(text, add_bos, special)
        if request.choices:
            full = [self.tokenize(text + c, add_bos, special) for c in request.choices]
            cut = scoring_cut(len(tokens), request.params.truncate)  # the same leading tokens leave both
            return self._score(tokens[cut:], {c: f[cut:] for c, f in zip(request.choices, full)}, start)
        p = request.params
        self._fit(len(tokens), p.max_new_tokens)
        sampling: dict[str, Any]
        if p.sampling:
            # plain temperature (+ top-p) sampling: no top-k / min-p filtering
            sampling = {"temperature": p.temperature or 1.0, "top_p": p.top_p or 1.0, "top_k": 0, "min_p": 0.0}
        else:
            sampling = {"temperature": 0.0, "top_k": 1, "top_p": 1.0, "min_p": 0.0}  # greedy
        out = self.load().create_completion(
            prompt=tokens,
            max_tokens=p.max_new_tokens,
            stop=list(p.stop) or None,
            seed=p.seed,
            repeat_penalty=1.0,
            **sampling,
        )
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        return Generation(
            text=choice["text"],
            prompt_tokens=usage.get("prompt_tokens", len(tokens)),
            completion_tokens=usage.get("completion_tokens", 0),
            latency_s=time.perf_counter() - start,
            finish_reason=choice.get("finish_reason"),
            endpoint="in-process",
        )

    # ---- choice scoring -----------------------------------------------------------------------
    def _score(self, prompt: list[int], choices: dict[str, list[int]], start: float) -> Generation:
        """Exact log P(choice | prompt) for each choice (see adapters/choices.py for the formula)."""
        logprobs: dict[str, float] = {}
        for c, full in choices.items():
            self._fit(len(full), 0)
            k = max(common_prefix(prompt, full), 1)
            logprobs[c] = self._suffix_logprob(full, k) - self._suffix_logprob(prompt, k)
        return Generation(
            text=best_choice(logprobs),
            prompt_tokens=len(prompt),
            latency_s=time.perf_counter() - start,
            finish_reason="choices",
            choice_logprobs=logprobs,
            endpoint="in-process",
        )

    def _suffix_logprob(self, tokens: list[int], start: int) -> float:
        """sum_{i >= start} log P(tokens[i] | tokens[:i]), reusing the evaluated prefix."""
        if start >= len(tokens):
            return 0.0
        logits = self._prime(tokens[:start])
        total = 0.0
        for i in range(start, len(tokens)):
            total += _log_softmax_at(logits, tokens[i])
            if i + 1 < len(tokens):
                logits = self._eval_more([tokens[i]])
        return total

    def _prime(self, prefix: list[int]) -> np.ndarray:
        """Evaluate ``prefix`` (re-using the KV cache's common part) and return the next-token logits."""
        llm = self.load()
        cached = list(llm.input_ids[: llm.n_tokens])
        keep = min(common_prefix(cached, prefix), len(prefix) - 1)  # re-evaluate >= 1 token for its logits
        llm.n_tokens = keep
        return self._eval_more(prefix[keep:])

    def _eval_more(self, tokens: list[int]) -> np.ndarray:
        llm = self.load()
        llm.eval(tokens)
        ptr = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
        return np.ctypeslib.as_array(ptr, shape=(llm.n_vocab(),)).astype(np.float64)


def _log_softmax_at(logits: np.ndarray, token: int) -> float:
    top = float(np.max(logits))
    lse = top + math.log(float(np.sum(np.exp(logits - top))))
    return float(logits[token]) - lse
