"""Replaying the request the openai SDK built, without rebuilding it every turn.

The SDK's per-request pipeline (typed-dict transform, request options, httpx ``Request``/``URL``
objects, auth hooks) costs ~0.5 ms of CPU per call whatever the body -- more than the rest of the
harness. With a static API key (the only auth this adapter configures) everything but the body is
the same on every call. So the first request of each endpoint and route goes through the SDK; the
aiohttp transport under it hands back the final request (:data:`adapters.sdk_transport.CAPTURE`),
and :func:`learn` derives from it the URL, the headers and how the SDK serialises a body (key
order, JSON separators, escaping). It checks itself: the learned serialisation of that very
request must reproduce the SDK's bytes exactly, else nothing is learned and every request keeps
going through the SDK. Later requests are sent by aiohttp with the same URL, headers and body
bytes. A 401/403 answer or ``max_age_s`` forgets what was learned (the next request goes through
the SDK again).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

DROPPED = frozenset({"host", "content-length", "accept-encoding", "x-stainless-raw-response", "transfer-encoding"})
"""Headers not replayed: set by aiohttp itself (host, length, the encodings it can decode), or
added only because the SDK call asked for the raw response."""
_SERIALISERS = ((False, (",", ":")), (True, (", ", ": ")), (False, (", ", ": ")), (True, (",", ":")))
"""(ensure_ascii, separators): httpx >= 0.28 / the 3.x SDK write compact UTF-8, older httpx ASCII."""


@dataclass
class Learned:
    """What a replayed request needs: URL, headers, the head keys' order and the JSON style."""

    url: str
    headers: dict[str, str]
    head: tuple[str, str]
    ensure_ascii: bool
    separators: tuple[str, str]
    learned_at: float = field(default_factory=time.monotonic)

    @property
    def style(self) -> tuple[bool, tuple[str, str]]:
        return self.ensure_ascii, self.separators

    def dumps(self, value: Any) -> str:
        """``value`` serialised the way the SDK serialises it."""
        return json.dumps(value, ensure_ascii=self.ensure_ascii, separators=self.separators, allow_nan=False)

    def encode(self, model: str, key: str, rest: dict[str, Any], items: str | None = None) -> bytes:
        """The body bytes the SDK would send for ``create(model=..., <key>=placeholder, extra_body=rest)``.

        ``items``: the list ``rest[key]`` already serialised (its elements joined by the item
        separator, without brackets), spliced in instead of serialising the list again."""
        body: dict[str, Any] = {}
        for k in self.head:
            body[k] = model if k == "model" else ([] if items is not None else rest[key])
        for k, v in rest.items():
            if k != key:
                body[k] = v
        text = self.dumps(body)
        if items is not None:
            # the first '"<key>":[]' is the key itself: string values before it are escaped
            marker = json.dumps(key) + self.separators[1] + "[]"
            at = text.index(marker) + len(marker) - 1
            text = text[:at] + items + text[at:]
        return text.encode()


def learn(capture: dict[str, Any], model: str, key: str, rest: dict[str, Any]) -> Learned | None:
    """What to replay, from the request the SDK sent; None when it cannot be reproduced exactly."""
    body = capture.get("body")
    if not isinstance(body, bytes) or not capture.get("url"):
        return None
    try:
        sent = json.loads(body)
    except ValueError:
        return None
    head = tuple(sent)[:2]
    if set(head) != {"model", key}:
        return None
    headers = {k: v for k, v in capture.get("headers", ()) if k.lower() not in DROPPED}
    for ensure_ascii, separators in _SERIALISERS:
        learned = Learned(capture["url"], headers, head, ensure_ascii, separators)  # type: ignore[arg-type]
        if learned.encode(model, key, rest) == body:
            return learned
    return None
