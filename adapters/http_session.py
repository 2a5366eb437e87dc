"""One aiohttp session per event loop, with failures classified for the core."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from adapters.failures import classify_status
from harness.model import TransientModelError


class JsonPoster:
    """POSTs JSON and returns ``(payload, headers)``; raises the core's error types.

    The session is created lazily on the running loop (and again if a later call runs on another
    loop, as pytest does), so constructing an adapter never needs a loop.
    """

    def __init__(self, timeout_s: float):
        self.timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def session(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout_s),
                connector=aiohttp.TCPConnector(limit=0),
            )
            self._loop = loop
        return self._session

    async def post(self, url: str, body: dict[str, Any]) -> tuple[Any, dict[str, str]]:
        """POST ``body`` to ``url``; 2xx -> parsed JSON, else a classified ModelError."""
        try:
            async with self.session().post(url, json=body) as resp:
                raw = await resp.read()
                headers = {k.lower(): v for k, v in resp.headers.items()}
                status = resp.status
        except asyncio.TimeoutError:
            raise TransientModelError(f"{url}: no answer within {self.timeout_s:g} s") from None
        except (aiohttp.ClientError, OSError) as e:
            raise TransientModelError(f"{url}: {type(e).__name__}: {e}") from None
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = None
        if not 200 <= status < 300:
            message = payload.get("error") if isinstance(payload, dict) else None
            raise classify_status(status, str(message or raw[:300].decode("utf-8", "replace")), url)
        if payload is None:
            raise TransientModelError(f"{url}: HTTP {status} with a body that is not JSON")
        return payload, headers

    async def get_status(self, url: str, timeout_s: float) -> int:
        """GET ``url`` and return the status; raises asyncio.TimeoutError / aiohttp.ClientError."""
        async with self.session().get(url, timeout=aiohttp.ClientTimeout(total=timeout_s)) as resp:
            await resp.read()
            return resp.status

    async def get_json(self, url: str, timeout_s: float) -> Any:
        """GET ``url`` and return its JSON body (None when it is not JSON or not 200)."""
        async with self.session().get(url, timeout=aiohttp.ClientTimeout(total=timeout_s)) as resp:
            if resp.status != 200:
                return None
            try:
                return await resp.json(content_type=None)
            except ValueError:
                return None

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            try:
                await self._session.close()
            except RuntimeError:  # its loop is gone already
                pass
        self._session = None
