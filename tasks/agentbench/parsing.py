"""``Action:`` parsing shared by the AgentBench tasks (the original regular expressions)."""

from __future__ import annotations

import re

ACTION_WORD_RE = re.compile(r"Action: (.*?)\n")
"""DBBench's action: the first ``Action: <word>`` followed by a newline."""


def action_word(text: str) -> str | None:
    """The action word (``Operation``, ``Answer``...), or None when there is no ``Action:`` line."""
    match = ACTION_WORD_RE.search(text)
    return match.group(1) if match else None
