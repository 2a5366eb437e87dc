"""Classification of endpoint failures into the core's error types (no retries here)."""

from __future__ import annotations

import re

from harness.model import ContextLimitError, ModelError, PermanentModelError, TransientModelError

# Messages servers use when the prompt (plus the requested new tokens) does not fit:
# TGI 422 "`inputs` tokens + `max_new_tokens` must be <= 16384" / "`inputs` must have less than 4096
# tokens"; OpenAI/vLLM/llama.cpp 400 "maximum context length", code "context_length_exceeded";
# llama.cpp "exceed context window"; generic "input too long" / "prompt is too long".
_CONTEXT = re.compile(
    r"max_new_tokens` must be <=|must have less than \d+ tokens|maximum context length|context_length_exceeded"
    r"|context window|context length|too long|exceeds? the (?:available )?context",
    re.IGNORECASE,
)


def is_context_overflow(message: str) -> bool:
    """True when an error message says the input does not fit the model's context."""
    return bool(_CONTEXT.search(message))


def classify_status(status: int, message: str, where: str) -> ModelError:
    """Map an HTTP status and its error message to Transient / Permanent / ContextLimit errors."""
    line = f"{where}: HTTP {status}: {message.strip()[:300]}"
    # 424: TGI's "failed dependency" for errors during generation (e.g. out of memory under load)
    if status in (408, 424, 429) or status >= 500:
        return TransientModelError(line)
    if 400 <= status < 500 and is_context_overflow(message):
        return ContextLimitError(line)
    return PermanentModelError(line)
