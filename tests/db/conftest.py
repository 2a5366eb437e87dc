"""One throwaway MariaDB for the whole DB test session (skipped where MariaDB is not installed)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tasks.dbbench import DBBench
from tasks.dbbench.database import ServerProfile, probe
from tasks.dbbench.server import _INSTALL_BINARIES, _SERVER_BINARIES, MariaDBServer, ServerTarget, _find
from tests.fakes.scripted import ScriptedModel

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


@pytest.fixture
def scripted():
    return ScriptedModel


def run(coro):
    return asyncio.run(coro)
