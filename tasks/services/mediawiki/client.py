"""The MediaWiki Action API over httpx, answered from the response store first.

``request(params)`` mirrors the ``wikipedia`` package's ``_wiki_request`` (what LangChain's
``Wikipedia`` docstore calls): ``format=json`` and ``action=query`` are added, the parameters go
in a GET query string. Transport failures (no connection, HTTP errors, a body that is not JSON)
raise :class:`WikiUnavailable`: an environment failure, never an observation.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from tasks.services.mediawiki.cache import ResponseStore, request_key

DEFAULT_API_URL = "https://en.wikipedia.org/w/api.php"
USER_AGENT = "agentharness/1 (AgentTuning evaluation harness; Wikipedia docstore)"


class WikiUnavailable(RuntimeError):
    """The API could not be reached or answered garbage."""


class MediaWikiClient:
    """One API endpoint, with the shared response store in front of it."""

    def __init__(self, url: str, store: ResponseStore, timeout_s: float = 30.0):
        self.url = url
        self.store = store
        self._http = httpx.Client(timeout=httpx.Timeout(timeout_s, connect=10.0), headers={"User-Agent": USER_AGENT},
                                  follow_redirects=True)
        self.requests_sent = 0

    def request(self, params: dict[str, Any]) -> dict[str, Any]:
        """One API call (``action=query`` unless given), from the store when it holds it."""
        full = {**params, "format": "json"}
        full.setdefault("action", "query")
        key = request_key(full)
        body = self.store.get(key)
        if body is None:
            body = self._get(full)
            self.store.put(key, self.url, body)
        return json.loads(body)

    def _get(self, params: dict[str, Any]) -> str:
        try:
            response = self._http.get(self.url, params={k: str(v) for k, v in params.items()})
            self.requests_sent += 1
            response.raise_for_status()
            body = response.text
            json.loads(body)
        except (httpx.HTTPError, ValueError) as exc:
            raise WikiUnavailable(f"MediaWiki API {self.url}: {type(exc).__name__}: {exc}") from None
        return body

    def check(self) -> str:
        """Ask the endpoint for its site name (never cached): raises WikiUnavailable."""
        try:
            response = self._http.get(self.url, params={"action": "query", "meta": "siteinfo", "format": "json"})
            response.raise_for_status()
            return str(response.json()["query"]["general"]["sitename"])
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise WikiUnavailable(f"{type(exc).__name__}: {exc}") from None

    def close(self) -> None:
        self._http.close()
