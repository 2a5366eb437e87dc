"""One throwaway MariaDB for the whole DB test session (skipped where MariaDB is not installed)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from harness.model import Generation, GenerationRequest, Model
from tasks.dbbench import DBBench
from tasks.dbbench.database import ServerProfile, probe
from tasks.dbbench.server import _INSTALL_BINARIES, _SERVER_BINARIES, MariaDBServer, ServerTarget, _find

SAMPLE_DIR = Path(DBBench.sample_data) / "agentbench-db"


@pytest.fixture(scope="session")
def mariadb() -> ServerTarget:
    if _find(_SERVER_BINARIES) is None or _find(_INSTALL_BINARIES) is None:
        pytest.skip("mariadb-server is not installed")
    server = MariaDBServer()
    target = server.start()
    yield target
    server.stop()


@pytest.fixture(scope="session")
def profile(mariadb: ServerTarget) -> ServerProfile:
    return probe(mariadb)


@pytest.fixture
def sample_task(mariadb: ServerTarget, profile: ServerProfile) -> DBBench:
    """The task on the bundled sample set, pointed at the session server."""
    task = DBBench(data={"agentbench-db": SAMPLE_DIR})
    task.use_server(mariadb, profile)
    return task


class ScriptedModel(Model):
    """Answers with the given outputs in turn (then ``last`` forever); records the requests."""

    name = "scripted"
    adapter = "test"
    cacheable = False

    def __init__(self, outputs: Sequence[str], last: str | None = None):
        self.outputs = list(outputs)
        self.last = last
        self.requests: list[GenerationRequest] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        if self.outputs:
            return Generation(text=self.outputs.pop(0))
        return Generation(text=self.last if self.last is not None else "")


@pytest.fixture
def scripted():
    return ScriptedModel


def run(coro):
    return asyncio.run(coro)
