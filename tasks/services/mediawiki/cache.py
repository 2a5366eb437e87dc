"""A persistent, shareable store of MediaWiki API responses, keyed by request.

Every answer the Wikipedia docstore receives is written here (SQLite, one row per request), and a
request already in the store is answered from it without touching the network. A re-run, or a
colleague given the file (``--task-opt wiki_cache=PATH``), therefore sees the same pages even
after Wikipedia has changed. :meth:`ResponseStore.digest` is one sha256 over the stored
requests and answers: the manifest records it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from harness.data import cache_root


def default_cache_path() -> Path:
    """``<data cache>/wikipedia-api/responses.sqlite`` (``$HARNESS_DATA_DIR`` moves it)."""
    return cache_root() / "wikipedia-api" / "responses.sqlite"


def request_key(params: dict[str, Any]) -> str:
    """The canonical form of a request: its query parameters as sorted, compact JSON (the
    endpoint is not part of the key, so a mirror of the API shares the store)."""
    return json.dumps({k: str(v) for k, v in params.items()}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class ResponseStore:
    """Request -> response text, persisted in SQLite (safe across threads and processes)."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, endpoint TEXT, body TEXT NOT NULL)"
            )
            self._db.commit()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT body FROM responses WHERE key = ?", (key,)).fetchone()
            if row is None:
                self.misses += 1
                return None
            self.hits += 1
            return row[0]

    def put(self, key: str, endpoint: str, body: str) -> None:
        """Keep the first answer stored for a request (a concurrent duplicate is ignored)."""
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO responses (key, endpoint, body) VALUES (?, ?, ?)", (key, endpoint, body))
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def digest(self) -> str:
        """sha256 over every (request, response) pair, in key order."""
        h = hashlib.sha256()
        with self._lock:
            for key, body in self._db.execute("SELECT key, body FROM responses ORDER BY key"):
                h.update(key.encode())
                h.update(b"\0")
                h.update(hashlib.sha256(body.encode()).digest())
        return h.hexdigest()

    def close(self) -> None:
        with self._lock:
            self._db.close()
