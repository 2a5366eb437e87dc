"""Fixtures for the MiniWoB++ tests: a pool of Debian Chromium shared by a module's episodes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tasks.miniwob import browser


@pytest.fixture(scope="module")
def pool() -> Iterator[browser.BrowserPool]:
    p = browser.BrowserPool(2)
    yield p
    p.close()
