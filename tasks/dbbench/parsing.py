"""Parsing of the agent's output, with the original regular expressions (AgentBench.old DBBench).

- the action is the first ``Action: <word>`` *followed by a newline* (``Action: (.*?)\\n``);
- an ``Operation`` needs a fenced block opening exactly with ```` ```sql\\n ````; its SQL is stripped and
  its newlines become spaces;
- an answer is the rest of the first line that starts with ``Final Answer:`` *after a newline*
  (``\\nFinal Answer:(.*)``), leading space included.
"""

from __future__ import annotations

import re

from tasks.agentbench.parsing import action_word

SQL_RE = re.compile(r"```sql\n([\s\S]*?)\n```")
ANSWER_RE = re.compile(r"\nFinal Answer:(.*)")


parse_action = action_word


def parse_sql(text: str) -> str | None:
    """The SQL of the first ```` ```sql ```` block, on one line, or None when there is no block."""
    match = SQL_RE.search(text)
    if match is None:
        return None
    return match.group(1).strip().replace("\n", " ")


def parse_answer(text: str) -> str | None:
    """The raw ``Final Answer:`` text (not yet evaluated), or None when absent."""
    match = ANSWER_RE.search(text)
    return match.group(1) if match else None
