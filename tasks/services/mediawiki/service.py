"""One live-Wikipedia backend per run: the response store, the API client and the docstore, with
the start-up reachability check and the facts a manifest records."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from tasks.services.mediawiki.cache import ResponseStore, default_cache_path
from tasks.services.mediawiki.client import MediaWikiClient, WikiUnavailable
from tasks.services.mediawiki.docstore import ApiExplorer, WikipediaDocstore


class WikiService:
    """Opened in a task's ``start`` and closed in its ``stop``."""

    def __init__(self, task: str, url: str, cache_path: Path | None = None):
        self.task = task
        self.url = url
        self.cache_path = cache_path or default_cache_path()
        self.store: ResponseStore | None = None
        self.client: MediaWikiClient | None = None
        self.docstore: WikipediaDocstore | None = None
        self.sitename: str | None = None
        self.entries_at_start = 0
        self.digest_at_start: str | None = None

    async def start(self) -> None:
        """Open the store and check the endpoint (off the event loop); unreachable: exit 2."""
        await asyncio.to_thread(self._open)

    def _open(self) -> None:
        try:
            self.store = ResponseStore(self.cache_path)
        except Exception as exc:  # noqa: BLE001 - an unusable cache file is bad input
            raise HarnessError(f"{self.task}: cannot open the Wikipedia response cache {self.cache_path}: {exc}") from None
        self.client = MediaWikiClient(self.url, self.store)
        try:
            self.sitename = self.client.check()
        except WikiUnavailable as exc:
            self.close()
            raise HarnessError(
                f"{self.task}: the MediaWiki API at {self.url} is unreachable ({exc}); "
                f"run with --task-opt {self.task}.wiki=corpus for the offline closed corpus (not comparable)"
            ) from None
        self.docstore = WikipediaDocstore(self.client)
        self.entries_at_start = len(self.store)
        self.digest_at_start = self.store.digest()

    def explorer(self) -> ApiExplorer:
        if self.docstore is None:
            raise RuntimeError("the Wikipedia service is not started")
        return ApiExplorer(self.docstore)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def facts(self) -> dict[str, Any]:
        out: dict[str, Any] = {"api_url": self.url, "cache": str(self.cache_path)}
        if self.sitename is not None:
            out.update(sitename=self.sitename, cache_entries_at_start=self.entries_at_start,
                       cache_digest_at_start=self.digest_at_start)
        return out
