"""The original's prompt trimming: before each model call, while the llama-2 rendering of the
conversation exceeds ``4096 - 60`` GPT-4 (cl100k_base) tokens, delete the oldest 1-shot turn pair
(``conv.messages[4:6]``); once the example is used up, its opening pair too (``[2:4]``); after
that the episode's own oldest turns.

Token counting: the original uses ``tiktoken.encoding_for_model("gpt-4")``. tiktoken downloads
its BPE file at run time, which this harness must not do, so we count with ``bpe_openai`` (the
same cl100k_base vocabulary, shipped inside the wheel) when it is installed, with tiktoken when
its cache already holds the file, and otherwise with an approximation (characters / 4) that is
recorded in the manifest as a deviation.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from fastchat.conversation import get_conv_template

from harness.model import Message

MAX_LEN = 4096
MARGIN = 60
NEW_TASK_MARK = "The preceding task has ended."


@lru_cache(maxsize=1)
def token_counter() -> tuple[str, Callable[[str], int]]:
    """(name, count) of the best available cl100k_base counter."""
    try:
        import bpe_openai

        enc = bpe_openai.get_encoding("cl100k_base")
        return "bpe_openai:cl100k_base", lambda text: len(enc.encode(text, disallowed_special=()))
    except Exception:  # noqa: BLE001, S110 - not installed or no cl100k data: try the next counter
        pass
    try:
        import tiktoken

        enc = tiktoken.get_encoding("cl100k_base")  # succeeds only when the BPE file is cached
        return "tiktoken:cl100k_base", lambda text: len(enc.encode(text, disallowed_special=()))
    except Exception:  # noqa: BLE001 - tiktoken would need to download its BPE file
        return "approx:chars/4", lambda text: (len(text) + 3) // 4


def render_llama2(system: str, turns: list[Message]) -> str:
    """FastChat's llama-2 rendering of the conversation, as the original measures it."""
    conv = get_conv_template("llama-2")
    conv.set_system_message(system)
    for message in turns:
        conv.append_message(conv.roles[0] if message.role == "user" else conv.roles[1], message.content)
    return conv.get_prompt()


def trim(system: str, turns: list[Message], limit: int = MAX_LEN - MARGIN) -> int:
    """Trim ``turns`` (the conversation without the system prompt) in place; returns the number of
    messages deleted. Deviation: the original raises IndexError when nothing is left to delete; we
    stop deleting (the endpoint's own truncation then applies)."""
    count = token_counter()[1]
    deleted = 0
    while count(render_llama2(system, turns)) > limit and len(turns) >= 7:
        del turns[4:6]
        deleted += 2
        if turns[4].content.startswith(NEW_TASK_MARK):
            del turns[2:4]
            deleted += 2
    return deleted
