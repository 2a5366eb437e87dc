"""AgentBench's history trimming for held-in tasks (AgentBench.old ``Session.filter_messages``).

The original keeps the first message (the task instruction) plus the most recent messages whose
"segments" fit under 3,500, drops a leading user message so the kept tail starts with an agent
turn, and appends ``\\n\\n[NOTICE] N messages are omitted.`` to the instruction when anything was
cut. A segment is a chunk of at most 7 consecutive letters, or any other character except space
and newline. Segment counts are memoised per message, so trimming costs O(new messages) per turn.
"""

from __future__ import annotations

from functools import lru_cache

from harness.model import Message

SEGMENT_BUDGET = 3500


@lru_cache(maxsize=1 << 15)
def segments(text: str) -> int:
    """AgentBench's segment count of one message."""
    count = 0
    run = 0
    for ch in text:
        if ch.isalpha():
            run += 1
            if run == 7:
                count += 1
                run = 0
        else:
            if run:
                count += 1
                run = 0
            if ch != " " and ch != "\n":
                count += 1
    return count + (1 if run else 0)


def agentbench_trim(history: list[Message], budget: int = SEGMENT_BUDGET) -> list[Message]:
    """The messages AgentBench would send: instruction + the latest turns that fit the budget."""
    if len(history) <= 1:
        return history
    first = history[0]
    total = segments(first.content)
    kept: list[Message] = []
    for message in reversed(history[1:]):
        total += segments(message.content)
        if total >= budget:
            break
        kept.append(message)
    if kept and kept[-1].role == "user":
        kept.pop()
    omitted = len(history) - len(kept) - 1
    if omitted <= 0:
        return history
    notice = Message(role=first.role, content=f"{first.content}\n\n[NOTICE] {omitted} messages are omitted.")
    kept.append(notice)
    kept.reverse()
    return kept
