"""The event loop the harness runs on: uvloop when installed (less CPU per request, so the
endpoint stays saturated at high concurrency), else asyncio's own. ``HARNESS_UVLOOP=0`` opts out."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on the fastest available loop."""
    if os.environ.get("HARNESS_UVLOOP", "1") != "0":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
                return runner.run(coro)
    return asyncio.run(coro)
