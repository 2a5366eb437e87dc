"""Classification of endpoint failures into the core's error types (no retries here).

Shared by every HTTP adapter so that the same fault is the same error on every path.
"""

from __future__ import annotations

import json
import re
import time
from email.utils import parsedate_to_datetime
from typing import Any

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


def retry_after(headers: Any) -> float | None:
    """Seconds the server asks a client to wait: ``retry-after-ms`` (OpenAI), else ``Retry-After``
    in seconds or as an HTTP date; None when absent or unreadable."""
    if not headers:
        return None
    try:
        ms = headers.get("retry-after-ms")
        if ms is not None:
            return max(0.0, float(ms) / 1000)
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, AttributeError):
        return None


def classify_status(status: int, message: str, where: str, headers: Any = None) -> ModelError:
    """Map an HTTP status and its error message to Transient / Permanent / ContextLimit errors
    (a transient one carries the server's ``Retry-After``, when given)."""
    line = f"{where}: HTTP {status}: {message.strip()[:300]}"
    # 424: TGI's "failed dependency" for errors during generation (e.g. out of memory under load)
    if status in (408, 424, 429) or status >= 500:
        return TransientModelError(line, retry_after_s=retry_after(headers))
    if 400 <= status < 500 and is_context_overflow(message):
        return ContextLimitError(line)
    return PermanentModelError(line)


def error_message(payload: Any, raw: bytes) -> str:
    """The server's error text: TGI ``{"error": "..."}``, OpenAI ``{"error": {"message": ...}}``,
    else the start of the raw body."""
    if isinstance(payload, dict):
        err = payload.get("error")
        if isinstance(err, dict):
            text = " ".join(str(err[k]) for k in ("message", "code") if err.get(k))
            if text:
                return text
        elif err:
            return str(err)
        if payload.get("message"):
            return str(payload["message"])
    return raw[:300].decode("utf-8", "replace")


def decode_answer(status: int, raw: bytes, where: str, headers: Any = None) -> Any:
    """The JSON payload of a 2xx answer, else the classified error.

    Every adapter reads its answers through this, so a fault is classified the same way on every
    path: 5xx/429/408/424 transient, a 2xx whose body is not JSON (truncated, garbled) transient,
    other 4xx permanent (context overflows: ContextLimitError).
    """
    try:
        payload = json.loads(raw) if raw else None
    except ValueError:  # also UnicodeDecodeError
        payload = None
    if not 200 <= status < 300:
        raise classify_status(status, error_message(payload, raw), where, headers)
    if payload is None:
        raise TransientModelError(f"{where}: HTTP {status} with a body that is not JSON ({len(raw)} bytes)")
    return payload
