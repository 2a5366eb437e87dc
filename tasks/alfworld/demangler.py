"""ALFWorld's object names: the PDDL problem's entity ids -> the names the agent reads.

An ALFWorld game names its entities by type and position, e.g.
``cabinet_bar__plus_00_dot_95_bar__plus_02_dot_44_bar__minus_01_dot_78``; the agent reads
``cabinet 4``. The rules (those of ALFWorld's ``Demangler`` with ``shuffle=False``, as its
evaluation environments use it; re-implemented here):

- the entity ids are taken in sorted order;
- an id with ``_bar_`` is an instance of the type before its first ``_bar_``; a sink or bathtub
  *basin* (an id containing ``basin``) counts as the type ``sinkbasin`` / ``bathtubbasin``;
- the instances of a type are numbered from their count down to 1 in that order (the first id
  in sorted order gets the highest number): the name is ``"<type> <number>"``;
- an id without ``_bar_`` (the agent, the type constants) keeps its text, decoded
  (``_minus_`` -> ``-``...), followed by a space (number 0 prints as nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import textworld

_DECODE = (("_bar_", "|"), ("_minus_", "-"), ("_plus_", "+"), ("_dot_", "."), ("_comma_", ","))


def _decoded(entity_id: str) -> str:
    for old, new in _DECODE:
        entity_id = entity_id.replace(old, new)
    return entity_id


def _type_of(entity_id: str) -> str | None:
    head, sep, _ = entity_id.partition("_bar_")
    if not sep:
        return None
    return head + "basin" if "basin" in entity_id else head


def alfred_names(entity_ids: Iterable[str]) -> dict[str, str]:
    """The display name of every entity id."""
    ids = sorted(entity_ids)
    remaining = Counter(t for t in map(_type_of, ids) if t is not None)
    names: dict[str, str] = {}
    for entity_id in ids:
        kind = _type_of(entity_id)
        if kind is None:
            names[entity_id] = f"{_decoded(entity_id)} "
        else:
            names[entity_id] = f"{kind} {remaining[kind]}"
            remaining[kind] -= 1
    return names


class AlfredNames(textworld.core.Wrapper):
    """A TextWorld wrapper that renames a loaded game's entities with :func:`alfred_names` (so
    feedback texts and admissible commands read ``cabinet 4``)."""

    def load(self, *args, **kwargs) -> None:
        super().load(*args, **kwargs)
        infos = self._entity_infos  # the wrapped environment's entity table, renamed in place
        names = alfred_names(info.id for info in infos.values())
        for info in infos.values():
            info.name = names[info.id]
