"""Fixtures for the WebArena tests: the bundled local site, a Chromium per test, fake judges."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from harness.model import Generation, GenerationRequest, Model
from tasks.webarena.browser import CHROME_BINARY

needs_chromium = pytest.mark.skipif(not os.path.exists(CHROME_BINARY), reason=f"Chromium not installed at {CHROME_BINARY}")


@pytest.fixture(scope="session")
def local_sites() -> Iterator:
    from tasks.webarena.local_site import LocalSite

    site = LocalSite()
    yield site.start()
    site.stop()


class ScriptedJudge(Model):
    """A judge that answers from a function of the prompt and records every request."""

    name = "scripted-judge"
    adapter = "test"

    def __init__(self, answer=lambda text: "Yes") -> None:
        self.answer = answer
        self.requests: list[GenerationRequest] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        return Generation(text=self.answer(request.messages[-1].content))
