"""An aiohttp transport under the openai SDK's own HTTP client.

The SDK builds every request (URL, auth and SDK headers, JSON body, timeout) and turns every answer
into its objects and exceptions; only the bytes travel through aiohttp instead of httpx's
pure-Python connection pool (httpx + httpcore + h11 + anyio cost ~0.5 ms of CPU per request,
aiohttp ~0.15 ms). It plugs in through the SDK's documented ``http_client=`` argument, as an httpx
transport (httpx's documented ``AsyncBaseTransport``) of the httpx flavour the installed SDK uses
(``httpx`` for openai 1.x/2.x, ``httpx2`` for 3.x).

Failures become the httpx exceptions the SDK expects: timeouts -> ``ReadTimeout`` (the SDK's
``APITimeoutError``), anything else on the wire, including a body cut short -> ``ReadError`` /
``ConnectError`` (``APIConnectionError``). aiohttp decodes compressed bodies; the response handed
to httpx carries no ``Content-Encoding`` then.

While :data:`CAPTURE` holds a dict, the transport writes into it the final request the SDK built
(URL, headers, body bytes): :mod:`adapters.openai_replay` learns from it.
"""

from __future__ import annotations

import importlib
from contextvars import ContextVar
from functools import cache
from types import ModuleType
from typing import Any

import aiohttp
import openai

CAPTURE: ContextVar[dict[str, Any] | None] = ContextVar("openai_request_capture", default=None)
"""Set to a dict around an SDK call to receive ``url``, ``headers`` and ``body`` of its request."""
_DECODED = frozenset({"content-encoding", "content-length", "transfer-encoding"})


@cache
def sdk_httpx() -> ModuleType:
    """The httpx module the installed openai SDK is built on."""
    for base in openai.DefaultAsyncHttpxClient.__mro__:
        root = base.__module__.split(".")[0]
        if root not in ("openai", "builtins"):
            return importlib.import_module(root)
    return importlib.import_module("httpx")


@cache
def _transport_class() -> type:
    hx = sdk_httpx()

    class AiohttpTransport(hx.AsyncBaseTransport):  # type: ignore[name-defined, misc]
        """``handle_async_request`` over a shared :class:`adapters.http_session.HttpSession`."""

        def __init__(self, http: Any):
            self.http = http

        async def handle_async_request(self, request: Any) -> Any:
            timeout = request.extensions.get("timeout") or {}
            read = timeout.get("read")
            headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
            try:
                body = request.content
            except hx.RequestNotRead:
                body = await request.aread()
            capture = CAPTURE.get()
            if capture is not None:
                capture.update(url=str(request.url), headers=headers, body=body)
            try:
                status, resp_headers, raw = await self.http.send(
                    request.method, str(request.url), body, headers, timeout_s=None if read == self.http.timeout_s else read
                )
            except TimeoutError:
                raise hx.ReadTimeout(f"no answer within {read or self.http.timeout_s:g} s", request=request) from None
            except aiohttp.ClientConnectorError as e:
                raise hx.ConnectError(f"{type(e).__name__}: {e}", request=request) from None
            except (aiohttp.ClientError, OSError) as e:
                raise hx.ReadError(f"{type(e).__name__}: {e}", request=request) from None
            kept = [(k, v) for k, v in resp_headers.items() if k.lower() not in _DECODED]
            return hx.Response(status, headers=kept, content=raw, request=request)

        async def aclose(self) -> None:
            await self.http.aclose()

    return AiohttpTransport


def aiohttp_client(http: Any, timeout_s: float) -> Any:
    """An httpx ``AsyncClient`` (of the SDK's httpx flavour) whose transport is aiohttp."""
    hx = sdk_httpx()
    return hx.AsyncClient(transport=_transport_class()(http), timeout=timeout_s)

