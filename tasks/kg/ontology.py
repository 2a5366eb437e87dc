"""The Freebase ontology files AgentBench ships with the KG task (``ontology/`` beside its code).

- ``vocab.json``: ``relations`` (what ``get_relations`` may show) and ``attributes`` (what
  ``get_attributes`` may show); ``classes``.
- ``fb_roles``: ``domain relation range`` per line; a new variable's type is its relation's range.
  Read as the original reads it (split on single spaces, fields 1 and 2), so the one line of the
  official file where two records run together gives ``base.cyclocross.bicycle_wheel.holes`` the
  range ``type.intbase.litcentral.financial_support_provider``, as it did in AgentBench.
- ``reverse_properties``: ``relation<TAB>reverse``; not used by the tools, only by the authoring
  script (a Freebase edge exists in both directions).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from harness.errors import HarnessError

FILES = ("vocab.json", "fb_roles", "fb_types", "reverse_properties")


@dataclass(frozen=True)
class Ontology:
    relations: frozenset[str]
    attributes: frozenset[str]
    range_of: dict[str, str] = field(hash=False)
    reverse: dict[str, str] = field(hash=False, default_factory=dict)


@lru_cache(maxsize=4)
def load_ontology(directory: Path) -> Ontology:
    """Read the ontology directory once per process (the official files are ~5 MB)."""
    try:
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        relations = frozenset(vocab["relations"])
        attributes = frozenset(vocab["attributes"])
        range_of: dict[str, str] = {}
        with (directory / "fb_roles").open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                fields = line.replace("\n", "").split(" ")
                if len(fields) < 3:
                    raise ValueError(f"fb_roles line {number} has fewer than 3 fields")
                range_of[fields[1]] = fields[2]
        reverse: dict[str, str] = {}
        with (directory / "reverse_properties").open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 2:
                    raise ValueError(f"reverse_properties line {number} is not 'relation<TAB>reverse'")
                reverse[parts[0]] = parts[1]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HarnessError(f"kg: malformed ontology in {directory}: {type(exc).__name__}: {exc}") from None
    return Ontology(relations=relations, attributes=attributes, range_of=range_of, reverse=reverse)
