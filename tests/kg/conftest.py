"""Shared fixtures: the authored set (embedded store, ontology, questions) and the loopback
SPARQL server over the same graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.kg import AUTHORED_GRAPH, ONTOLOGY_DIR, SOURCE_NAME, STD_PATH, KnowledgeGraph
from tasks.kg.ontology import Ontology, load_ontology
from tasks.kg.question import KGQuestion, load_questions
from tasks.kg.sparql import EmbeddedStore
from tasks.kg.stores import embedded_store
from tests.kg.sparql_server import SparqlServer

AUTHORED = Path(KnowledgeGraph.sample_data) / SOURCE_NAME


@pytest.fixture(scope="session")
def store() -> EmbeddedStore:
    return embedded_store(AUTHORED / AUTHORED_GRAPH)


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology(AUTHORED / ONTOLOGY_DIR)


@pytest.fixture(scope="session")
def questions() -> list[KGQuestion]:
    return load_questions(AUTHORED / STD_PATH)


@pytest.fixture(scope="session")
def server() -> SparqlServer:
    srv = SparqlServer.for_graph(AUTHORED / AUTHORED_GRAPH)
    with srv:
        yield srv


@pytest.fixture
def authored_task(store) -> KnowledgeGraph:
    """The task on the authored set with the embedded store, without ``start``."""
    task = KnowledgeGraph(options={"questions": "authored"})
    task.use_backend(store)
    return task
