"""One aiohttp session per event loop, with failures classified for the core."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import aiohttp

from adapters.failures import decode_answer
from harness.model import TransientModelError

_JSON = {"Content-Type": "application/json"}


class HttpSession:
    """The adapters' HTTP client: keep-alive connections, no pool limit, one total timeout.

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
                # no skip_auto_headers: with any, aiohttp copies every request's headers once more
                # proxies from the environment, as httpx honours them; only when some are set, since
                # aiohttp then looks them up in a worker thread on every request
                trust_env=_proxies_configured(),
            )
            self._loop = loop
        return self._session

    async def send(
        self, method: str, url: str, data: bytes | None = None, headers: Any = None, timeout_s: float | None = None
    ) -> tuple[int, Any, bytes]:
        """``(status, headers, body)``; transport failures raise aiohttp's / asyncio's exceptions."""
        extra = {} if timeout_s is None else {"timeout": aiohttp.ClientTimeout(total=timeout_s)}
        async with self.session().request(method, url, data=data, headers=headers, **extra) as resp:
            raw = await resp.read()
            return resp.status, resp.headers, raw

    async def request(
        self, method: str, url: str, data: bytes | None = None, headers: Any = None, timeout_s: float | None = None
    ) -> tuple[int, Any, bytes]:
        """:meth:`send`, with transport failures (refused, reset, timeout, a truncated body) raised
        as :class:`TransientModelError`."""
        try:
            return await self.send(method, url, data, headers, timeout_s)
        except TimeoutError:
            timeout = self.timeout_s if timeout_s is None else timeout_s
            raise TransientModelError(f"{url}: no answer within {timeout:g} s") from None
        except (aiohttp.ClientError, OSError) as e:
            raise TransientModelError(f"{url}: {type(e).__name__}: {e}") from None

    async def post_bytes(self, url: str, body: bytes) -> tuple[Any, Any]:
        """POST JSON already serialised; 2xx -> ``(payload, headers)``, else a classified ModelError."""
        status, headers, raw = await self.request("POST", url, body, _JSON)
        return decode_answer(status, raw, url, headers), headers

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


def _proxies_configured() -> bool:
    return any(os.environ.get(k) for k in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                                           "all_proxy"))
