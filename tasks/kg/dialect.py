"""The one place where AgentBench's Virtuoso SPARQL becomes standard SPARQL 1.1.

AgentBench sends its queries to a Virtuoso server holding Freebase, and writes them in what
Virtuoso accepts. A standard engine (pyoxigraph) rejects or misreads them. :func:`to_standard`
rewrites, outside string literals and IRIs:

- prefixed names -> full IRIs (``ns:people.person.profession`` is valid SPARQL 1.1, but pyoxigraph
  rejects local names with several dots; the rewrite is harmless everywhere), using the query's
  own ``PREFIX`` lines plus the prefixes Virtuoso predefines (``xsd:`` is used undeclared);
- ``xsd:datetime`` (Virtuoso's case-insensitive cast) -> ``xsd:dateTime``;
- the boolean operators ``OR`` / ``AND`` -> ``||`` / ``&&``;
- ``SELECT COUNT DISTINCT ?x`` -> ``SELECT (COUNT(DISTINCT ?x) AS ?callret0)`` (Virtuoso names the
  column ``callret-0``);
- ``regex(?v, ...)`` -> ``regex(str(?v), ...)``: Virtuoso matches an IRI's text, a standard engine
  raises a type error, so the filter would silently drop every IRI;
- ``"2015-08-10"^^xsd:dateTime`` (a date where a dateTime belongs, as the time-constraint clauses
  write it; Virtuoso reads it as midnight) -> ``"2015-08-10T00:00:00"^^xsd:dateTime``: a standard
  engine treats the literal as ill-typed and every comparison with it fails.

The embedded store applies it to every query; so does the loopback server of the tests, which
stands in for Virtuoso. The remote backend sends the original text unchanged, as AgentBench did.
"""

from __future__ import annotations

import re

XSD = "http://www.w3.org/2001/XMLSchema#"
VIRTUOSO_PREFIXES = {
    "xsd": XSD,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "fn": "http://www.w3.org/2005/xpath-functions/#",
}
"""Prefixes a Virtuoso query may use without declaring them (the ones AgentBench relies on)."""

_XSD_CANONICAL = {name.lower(): name for name in ("dateTime", "date", "gYear", "gYearMonth", "integer", "float", "double", "decimal", "string", "boolean", "int", "long")}  # fmt: skip

_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w\-.]*)?:\s*<([^<>\s]*)>", re.IGNORECASE)
_TOKEN = re.compile(
    r"""
    (?P<decl>PREFIX\s+(?:[A-Za-z][\w\-.]*)?:\s*<[^<>\s]*>)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?<![\w.\-])(?:[A-Za-z][\w\-]*)?:[\w\-.%]*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
_COUNT = re.compile(r"SELECT\s+COUNT\s+(DISTINCT\s+)?(\?\w+|\*)", re.IGNORECASE)
_REGEX_VAR = re.compile(r"\bregex\s*\(\s*(\?\w+)\s*,", re.IGNORECASE)
_BOOLEAN = {"OR": "||", "AND": "&&"}
_DATE_AS_DATETIME = re.compile(r'"(\d{4})(-\d{2}-\d{2})?"\^\^<' + re.escape(XSD) + r'dateTime>')


def to_standard(query: str) -> str:
    """The standard-SPARQL equivalent of a Virtuoso-dialect query (idempotent)."""
    prefixes = dict(VIRTUOSO_PREFIXES)
    for match in _PREFIX_DECL.finditer(query):
        prefixes[match.group(1) or ""] = match.group(2)
    out: list[str] = []
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind == "pname":
            out.append(_expand(text, prefixes))
        elif kind == "word" and text in _BOOLEAN:
            out.append(_BOOLEAN[text])
        else:
            out.append(text)
    standard = "".join(out)
    standard = _COUNT.sub(lambda m: f"SELECT (COUNT({m.group(1) or ''}{m.group(2)}) AS ?callret0)", standard)
    standard = _REGEX_VAR.sub(lambda m: f"regex(str({m.group(1)}),", standard)
    return _DATE_AS_DATETIME.sub(
        lambda m: f'"{m.group(1)}{m.group(2) or "-01-01"}T00:00:00"^^<{XSD}dateTime>', standard
    )


def _expand(pname: str, prefixes: dict[str, str]) -> str:
    """``ns:a.b.`` -> ``<http://.../a.b>.`` (a trailing dot ends the triple, not the name)."""
    prefix, local = pname.split(":", 1)
    trailing = ""
    while local.endswith("."):
        local, trailing = local[:-1], trailing + "."
    base = prefixes.get(prefix)
    if base is None:
        return pname  # an undeclared prefix: left for the engine to report
    if base == XSD:
        local = _XSD_CANONICAL.get(local.lower(), local)
    return f"<{base}{local}>{trailing}"
