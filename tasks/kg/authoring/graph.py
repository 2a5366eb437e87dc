"""A small Freebase-style graph built from hand-written facts, written as N-Triples.

Freebase conventions kept: every entity is a ``common.topic`` with an English ``type.object.name``
and the types its relations imply (``type.object.type`` of each relation's domain and range);
an edge whose relation has a reverse (``reverse_properties``) exists in both directions; numbers
are ``xsd:float`` / ``xsd:integer``, dates ``xsd:date`` / ``xsd:gYear`` carrying the ``-08:00`` zone
the AgentBench Virtuoso stores them with (the original strips it from results).

Entity ids: the Freebase mid where the entity appears in AgentBench's std questions (``REAL_MIDS``);
otherwise a minted id ``m.0kgx…`` derived from the name (we have no Freebase dump to look it up).
"""

from __future__ import annotations

import hashlib
import json

from tasks.kg.authoring.schema import ATTRIBUTES, RELATIONS
from tasks.kg.lisp import NS

XSD = "http://www.w3.org/2001/XMLSchema#"
MINTED_PREFIX = "m.0kgx"
_MID_ALPHABET = "0123456789bcdfghjklmnpqrstvwxyz_"


def minted_mid(name: str) -> str:
    """A stable id for an entity without a known mid (5 characters of its name's sha256)."""
    digest = hashlib.sha256(name.encode()).digest()
    return MINTED_PREFIX + "".join(_MID_ALPHABET[b % 32] for b in digest[:5])


class Graph:
    """Entities by name; edges and attribute values by relation name (checked against the schema)."""

    def __init__(self, real_mids: dict[str, str]):
        self.real_mids = real_mids
        self.mids: dict[str, str] = {}
        self.types: dict[str, set[str]] = {}
        self.edges: set[tuple[str, str, str]] = set()
        self.values: set[tuple[str, str, str]] = set()

    # -- building -------------------------------------------------------------------------------
    def entity(self, name: str, *types: str) -> str:
        """Declare (or extend) an entity; returns its name."""
        if name not in self.mids:
            mid = self.real_mids.get(name) or minted_mid(name)
            if mid in self.mids.values():
                raise ValueError(f"id collision for {name!r}: {mid}")
            self.mids[name] = mid
            self.types[name] = {"common.topic"}
        self.types[name].update(types)
        return name

    def link(self, subject: str, relation: str, *objects: str) -> None:
        """``subject --relation--> object`` for each object (and the reverse edge when there is one)."""
        if relation not in RELATIONS:
            raise KeyError(f"relation {relation} is not in the authoring schema")
        domain, range_, reverse = RELATIONS[relation]
        self.entity(subject, domain)
        for obj in objects:
            self.entity(obj, range_)
            self.edges.add((subject, relation, obj))
            if reverse is not None:
                self.edges.add((obj, reverse, subject))

    def value(self, subject: str, attribute: str, value: int | float | str) -> None:
        """An attribute value: an int, a float, or a date ``YYYY-MM-DD`` / year ``YYYY``."""
        if attribute not in ATTRIBUTES:
            raise KeyError(f"attribute {attribute} is not in the authoring schema")
        domain, kind = ATTRIBUTES[attribute]
        self.entity(subject, domain)
        if kind == "type.int":
            literal = f'"{int(value)}"^^<{XSD}integer>'
        elif kind == "type.float":
            literal = f'"{float(value)!r}"^^<{XSD}float>'
        else:
            text = str(value)
            datatype = "gYear" if len(text) == 4 else "date"
            literal = f'"{text}-08:00"^^<{XSD}{datatype}>'
        self.values.add((subject, attribute, literal))

    # -- output -----------------------------------------------------------------------------------
    def mid(self, name: str) -> str:
        if name not in self.mids:
            raise KeyError(f"no entity named {name!r}")
        return self.mids[name]

    def ntriples(self) -> list[str]:
        """Every triple as an N-Triples line, sorted (a stable file)."""

        def iri(local: str) -> str:
            return f"<{NS}{local}>"

        lines = []
        for name, mid in self.mids.items():
            lines.append(f"{iri(mid)} {iri('type.object.name')} {json.dumps(name, ensure_ascii=False)}@en .")
            for kind in self.types[name]:
                lines.append(f"{iri(mid)} {iri('type.object.type')} {iri(kind)} .")
        for subject, relation, obj in self.edges:
            lines.append(f"{iri(self.mids[subject])} {iri(relation)} {iri(self.mids[obj])} .")
        for subject, attribute, literal in self.values:
            lines.append(f"{iri(self.mids[subject])} {iri(attribute)} {literal} .")
        return sorted(set(lines))
