"""Embedded stores shared within a process: a graph file is loaded once, then read by every
sample (pyoxigraph stores are safe for concurrent reads)."""

from __future__ import annotations

import threading
from pathlib import Path

from harness.errors import HarnessError
from tasks.kg.sparql import EmbeddedStore

_LOCK = threading.Lock()
_STORES: dict[tuple[str, int, int], EmbeddedStore] = {}


def embedded_store(path: Path) -> EmbeddedStore:
    """The store holding ``path`` (N-Triples or Turtle, optionally gzipped); bad input exits 2."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise HarnessError(f"kg: cannot read graph {path}: {exc.strerror or exc}") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    with _LOCK:
        store = _STORES.get(key)
        if store is None:
            try:
                store = EmbeddedStore.from_file(path)
            except (OSError, SyntaxError, ValueError) as exc:
                raise HarnessError(f"kg: cannot load graph {path}: {exc}") from None
            _STORES[key] = store
    return store
