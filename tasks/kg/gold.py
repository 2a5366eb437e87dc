"""The oracle's outputs for a question, and the static reasons a std question's gold cannot work."""

from __future__ import annotations

import re

from tasks.kg.ontology import Ontology
from tasks.kg.question import KGQuestion
from tasks.kg.tools import ENTITY_ID

VARIABLE_TOOLS = frozenset({"get_neighbors", "intersection", "union", "argmax", "argmin", "count"})
"""Tools whose result is a new variable ``#n``."""
_CALL = re.compile(r"^\s*(\w+)\((.*)\)\s*$")


def parse_call(action: str) -> tuple[str, list[str]]:
    """``get_neighbors(m.01,a.b)`` -> ``("get_neighbors", ["m.01", "a.b"])``."""
    match = _CALL.match(action)
    if match is None:
        raise ValueError(f"not a tool call: {action!r}")
    return match.group(1), [a.strip() for a in match.group(2).split(",")]


def gold_outputs(question: KGQuestion) -> list[str]:
    """Each gold call as ``Action: ...``, then ``Final Answer: #n`` on the last variable made."""
    made = sum(1 for action in question.actions if parse_call(action)[0] in VARIABLE_TOOLS)
    return [f"Action: {action}" for action in question.actions] + [f"Final Answer: #{made - 1}"]


def std_defect(question: KGQuestion, ontology: Ontology) -> str | None:
    """Why the gold calls cannot run under the original's own checks (None: nothing found). The
    checks need no store: entity ids, the ontology's relation/attribute lists, variable types."""
    types: list[str] = []
    for action in question.actions:
        name, args = parse_call(action)
        if name in ("get_relations", "get_neighbors") and not args[0].startswith("#") and not ENTITY_ID.match(args[0]):
            if args[0].startswith("g."):
                return f"{action}: the original's entity check (^(m|f)\\.) rejects the g. id {args[0]}"
            return f"{action}: {args[0]!r} is not an entity id (the data put a class where an entity belongs)"
        if name == "get_neighbors":
            if args[1] not in ontology.relations:
                return f"{action}: {args[1]} is not among vocab.json's relations, so get_relations never offers it"
            types.append(ontology.range_of.get(args[1], "?"))
        elif name in ("argmax", "argmin"):
            if args[1] not in ontology.attributes:
                return f"{action}: {args[1]} is not among vocab.json's attributes, so get_attributes never offers it"
            types.append(types[int(args[0][1:])])
        elif name in ("intersection", "union"):
            first, second = (types[int(a[1:])] for a in args)
            if first != second:
                return f"{action}: the variables' types differ ({first} vs {second}), which {name} refuses"
            types.append(first)
        elif name == "count":
            types.append("type.int")
    return None
