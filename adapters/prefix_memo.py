"""Per-conversation memo of work done on a message prefix, so a turn costs O(new messages).

The agent loop sends, turn after turn, the same message objects plus a few new ones. A value
derived message by message (a rendered prompt, the list of wire dicts) is stored under the last
message of the prefix it covers; the next request finds it by looking a few messages back, checks
that the stored prefix is the very same objects (identity, a C-level pointer scan), and extends it
with the new messages only. Entries hold their messages, so an id is never reused while stored.
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")

LOOKBACK = 6
"""How many messages back a stored prefix may end (a turn usually appends two)."""


class PrefixMemo(Generic[V]):
    """``memo.get(messages, context, build, extend)`` -> the value for all of ``messages``.

    ``build(messages)`` computes a value from scratch; ``extend(value, messages, start)`` returns
    the value for ``messages`` given the value for ``messages[:start]`` (it must not mutate
    ``value``). ``context`` is anything else the value depends on (system text, flags).
    """

    def __init__(self, size: int = 1024):
        self.size = size
        self._entries: OrderedDict[tuple[int, Hashable], tuple[tuple, V]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(
        self,
        messages: Sequence,
        context: Hashable,
        build: Callable[[Sequence], V],
        extend: Callable[[V, Sequence, int], V],
    ) -> V:
        n = len(messages)
        entries = self._entries
        value: V | None = None
        for k in range(n, max(0, n - LOOKBACK), -1):
            entry = entries.get((id(messages[k - 1]), context))
            if entry is None:
                continue
            prefix, stored = entry
            if len(prefix) == k and all(map(operator.is_, prefix, messages)):
                value = stored if k == n else extend(stored, messages, k)
                self.hits += 1
                break
        if value is None:
            self.misses += 1
            value = build(messages)
        if n:
            key = (id(messages[-1]), context)
            entries[key] = (tuple(messages), value)
            entries.move_to_end(key)
            if len(entries) > self.size:
                entries.popitem(last=False)
        return value
