"""The two SPARQL backends behind one interface: an embedded pyoxigraph store and a remote endpoint.

``select(query)`` returns the values of the one projected variable, row by row, post-processed as
AgentBench's ``SparqlExecuter.execute_query``: the Freebase namespace and every ``-08:00`` (the zone
the AgentBench Virtuoso attaches to dates) removed. Queries come in AgentBench's Virtuoso dialect;
the embedded store translates them (:mod:`tasks.kg.dialect`), the remote endpoint gets them as is.

Two kinds of failure, kept apart:
- :class:`SparqlError`: the store rejected or could not evaluate the query. The query comes from
  the model's actions, so the task shows it as an observation ("... cannot be executed"), as the
  original did with SPARQLWrapper's exceptions.
- :class:`SparqlUnavailable`: the endpoint cannot be reached (connection refused, timeout, 404,
  5xx gateway errors). Not the model's fault: the sample ends as ``errored`` and is retried on resume.
"""

from __future__ import annotations

import abc
from pathlib import Path

import httpx
import pyoxigraph

from tasks.kg.dialect import to_standard
from tasks.kg.lisp import NS

JSON_RESULTS = "application/sparql-results+json,application/json,text/javascript,application/javascript"
"""The Accept header SPARQLWrapper sends for JSON results."""


class SparqlError(Exception):
    """The query was rejected or failed to evaluate (shown to the model)."""


class SparqlUnavailable(Exception):
    """The store cannot be reached (an environment failure)."""


def clean_value(value: str) -> str:
    """AgentBench's post-processing of one result value."""
    return value.replace(NS, "").replace("-08:00", "")


class SparqlBackend(abc.ABC):
    """Runs SELECT queries written in AgentBench's (Virtuoso) dialect."""

    kind: str

    @abc.abstractmethod
    def select(self, query: str) -> list[str]:
        """The cleaned values of the single projected variable, one per row."""

    def check(self) -> None:
        """Raise :class:`SparqlUnavailable` when the store cannot answer a trivial query."""

    def close(self) -> None:
        """Release connections."""

    def describe(self) -> str:
        return self.kind


def _single(row_values: list[str | None]) -> str:
    bound = [v for v in row_values if v is not None]
    if len(bound) != 1:  # the original asserts one binding per row (an unbound ?x fails here)
        raise SparqlError(f"a result row binds {len(bound)} variables, not 1")
    return clean_value(bound[0])


class EmbeddedStore(SparqlBackend):
    """A pyoxigraph store in this process (thread-safe for concurrent reads)."""

    kind = "embedded"

    def __init__(self, store: pyoxigraph.Store, label: str = "embedded pyoxigraph store"):
        self.store = store
        self.label = label

    @classmethod
    def from_file(cls, path: Path) -> "EmbeddedStore":
        """Load an N-Triples / Turtle file (``.nt``, ``.ttl``, optionally ``.gz``) into memory."""
        import gzip

        name = path.name[:-3] if path.name.endswith(".gz") else path.name
        fmt = pyoxigraph.RdfFormat.TURTLE if name.endswith(".ttl") else pyoxigraph.RdfFormat.N_TRIPLES
        store = pyoxigraph.Store()
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as f:
            store.bulk_load(f, format=fmt)
        return cls(store, f"embedded pyoxigraph store ({path.name}, {len(store)} triples)")

    def select(self, query: str) -> list[str]:
        try:
            solutions = self.store.query(to_standard(query))
            if not isinstance(solutions, pyoxigraph.QuerySolutions):
                raise SparqlError("not a SELECT query")
            names = [v.value for v in solutions.variables]
            rows = [_single([None if s[n] is None else s[n].value for n in names]) for s in solutions]
        except SparqlError:
            raise
        except Exception as exc:  # SyntaxError, evaluation errors: the model's query
            raise SparqlError(f"{type(exc).__name__}: {exc}") from None
        return rows

    def describe(self) -> str:
        return self.label


class RemoteEndpoint(SparqlBackend):
    """A SPARQL protocol endpoint (AgentBench: a Virtuoso with Freebase), queried with GET as
    SPARQLWrapper does, JSON results."""

    kind = "remote"

    def __init__(self, url: str, timeout_s: float = 60.0):
        self.url = url
        self.timeout_s = timeout_s
        # one client for all worker threads (httpcore's pool is thread-safe; a client costs ~0.2 s to make)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout_s, connect=10), limits=httpx.Limits(max_connections=64)
        )

    def select(self, query: str) -> list[str]:
        try:
            response = self._client.get(self.url, params={"query": query}, headers={"Accept": JSON_RESULTS})
        except httpx.HTTPError as exc:
            raise SparqlUnavailable(f"SPARQL endpoint {self.url}: {type(exc).__name__}: {exc}") from None
        if response.status_code in (401, 403, 404, 502, 503, 504):
            raise SparqlUnavailable(f"SPARQL endpoint {self.url}: HTTP {response.status_code}")
        if response.status_code >= 400:  # 400 bad query, 414 too long, 500 evaluation error
            raise SparqlError(f"HTTP {response.status_code}: {response.text[:300]}")
        try:
            bindings = response.json()["results"]["bindings"]
            return [_single([cell.get("value") for cell in row.values()]) for row in bindings]
        except SparqlError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SparqlError(f"malformed SPARQL JSON results: {type(exc).__name__}: {exc}") from None

    def check(self) -> None:
        try:
            self.select("SELECT ?x WHERE { ?x ?p ?o } LIMIT 1")
        except SparqlError as exc:
            raise SparqlUnavailable(f"SPARQL endpoint {self.url} rejected a trivial query: {exc}") from None

    def close(self) -> None:
        self._client.close()

    def describe(self) -> str:
        return f"remote SPARQL endpoint {self.url}"
