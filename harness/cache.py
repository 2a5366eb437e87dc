"""A persistent response cache for deterministic (greedy) requests.

Keyed by model identity (adapter, model, endpoints, template) plus the full request. Message
digests are memoised, so keying a long conversation does not re-serialise it every turn.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from harness.model import Generation, GenerationRequest, Rendering

_PLAIN = Rendering()


@lru_cache(maxsize=1 << 16)
def _message_digest(role: str, content: str) -> bytes:
    return hashlib.sha256(f"{role}\0{content}".encode()).digest()


def request_key(identity: str, request: GenerationRequest) -> str:
    """sha256 over identity, decoding parameters, choices, raw prompt and every message."""
    h = hashlib.sha256()
    head = [identity, request.params.model_dump(mode="json"), request.choices, request.raw_prompt]
    if request.rendering != _PLAIN:
        head.append(request.rendering.model_dump(mode="json"))  # default keeps earlier keys valid
    h.update(json.dumps(head, sort_keys=True).encode())
    for m in request.messages:
        h.update(_message_digest(m.role, m.content))
    return h.hexdigest()


def default_cache_path() -> Path:
    root = os.environ.get("HARNESS_CACHE_DIR") or Path.home() / ".cache" / "agentharness"
    return Path(root) / "responses.sqlite"


class ResponseCache:
    """SQLite (WAL) key -> Generation JSON; safe across processes and threads."""

    def __init__(self, path: Path | None = None):
        self.path = path or default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # a short busy timeout: cache calls run on the event loop, so a cache locked by another
        # process must cost a miss, not a stalled run
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.execute("PRAGMA busy_timeout=50")
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Generation | None:
        """The cached answer, or None (also when the cache is locked or the entry unreadable)."""
        try:
            with self._lock:
                row = self._db.execute("SELECT value FROM responses WHERE key = ?", (key,)).fetchone()
            gen = Generation.model_validate_json(row[0]) if row is not None else None
        except (sqlite3.Error, ValueError):
            gen = None
        if gen is None:
            self.misses += 1
            return None
        self.hits += 1
        return gen.model_copy(update={"cached": True, "latency_s": 0.0, "retries": 0})

    def put(self, key: str, generation: Generation) -> None:
        value = generation.model_dump_json()
        try:
            with self._lock:
                self._db.execute("INSERT OR REPLACE INTO responses (key, value) VALUES (?, ?)", (key, value))
        except sqlite3.Error:
            pass  # a busy or read-only cache costs a future re-request, never the sample

    def close(self) -> None:
        with self._lock:
            self._db.close()
