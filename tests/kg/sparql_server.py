"""A loopback SPARQL protocol server backed by pyoxigraph, standing in for AgentBench's Virtuoso.

It takes queries as Virtuoso does (GET or POST ``query=``, the Virtuoso dialect AgentBench writes),
rewrites them with the task's own dialect module (what Virtuoso would accept natively), evaluates
them and answers SPARQL 1.1 JSON results; a query it cannot parse gets HTTP 400, an evaluation
error 500, as Virtuoso does. ``fail_with`` makes every request answer that status (an endpoint
in trouble). Every query text received is kept in ``queries``.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph

from tasks.kg.dialect import to_standard


def _term(term) -> dict:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    cell = {"type": "literal", "value": term.value}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        cell["datatype"] = term.datatype.value
    return cell


class SparqlServer:
    """``with SparqlServer(store) as url: ...``: serves on 127.0.0.1, a free port, in a thread."""

    def __init__(self, store: pyoxigraph.Store):
        self.store = store
        self.queries: list[str] = []
        self.fail_with: int | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Virtuoso
            disable_nagle_algorithm = True  # headers and body go out in two writes
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._answer(parse_qs(urlparse(self.path).query).get("query", [""])[0])

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                self._answer(parse_qs(body).get("query", [""])[0])

            def _answer(self, query: str) -> None:
                server.queries.append(query)
                if server.fail_with is not None:
                    return self._send(server.fail_with, "text/plain", b"endpoint unavailable")
                try:
                    solutions = server.store.query(to_standard(query))
                except SyntaxError as exc:
                    return self._send(400, "text/plain", f"Virtuoso 37000 Error SP030: {exc}".encode())
                except Exception as exc:  # evaluation error
                    return self._send(500, "text/plain", f"Virtuoso 22023 Error: {exc}".encode())
                names = [v.value for v in solutions.variables]
                rows = [{n: _term(s[n]) for n in names if s[n] is not None} for s in solutions]
                payload = {"head": {"vars": names}, "results": {"bindings": rows}}
                self._send(200, "application/sparql-results+json", json.dumps(payload).encode())

            def _send(self, status: int, kind: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @classmethod
    def for_graph(cls, path: Path) -> "SparqlServer":
        import gzip

        store = pyoxigraph.Store()
        with gzip.open(path, "rb") as f:
            store.bulk_load(f, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return cls(store)

    def __enter__(self) -> str:
        self._thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
