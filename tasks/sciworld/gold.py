"""The SciWorld oracle: the package's gold path, phrased so that it survives the protocol.

The original protocol never sends a command verbatim: it maps every output onto the valid-action
list (:func:`tasks.sciworld.actions.choose_action`). The package's gold paths are written in the
parser's vocabulary, not the list's ("pick up recipe" where the list says "pick up instructions to
make sugar water", "examine X" where it says "look at X", "thermometer in inventory"), so replayed
verbatim the mapping rewrites them into other actions. This policy replays the same gold path, one
command per output, but says each command the way the valid list says it:

- a command already in the list is sent as is;
- otherwise a verb alias is tried ("examine" -> "look at", "drop" -> "put down", ...);
- otherwise the list entry of the same action on the same objects is found through the simulator's
  object referent table (every name an object answers to, optionally qualified "X in Y");
- "look around" while the protocol withholds it is skipped (it is free: no simulator time passes);
- an ambiguity prompt ("Ambiguous request: ...") is answered with an option number; a gold "0"
  with no prompt pending is skipped;
- before a command that would trip the protocol's loop rule (the last five (action, observation)
  entries holding exactly two values, e.g. "wait1" x4 after a "look around"), a free action
  ("look around", "inventory", "task": no simulator time) is inserted. A real agent must do the same.

Nothing here changes what happens in the simulator: the same actions on the same objects, in the
same order, with the same simulated time. What cannot be fixed is a gold path that needs more than
the protocol's 100 simulator moves (e.g. mendelian genetics: ~138); those episodes end at the step
limit and the record says how many gold actions were left (its ``oracle`` account).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from harness.model import Message
from harness.task import OracleAccount, OraclePolicy, SampleScore, Status
from tasks.sciworld.env import SciWorldEnv
from tasks.sciworld.oracle_view import OracleView, ValidEntry

VERB_ALIASES = (
    ("examine ", "look at "),
    ("drop ", "put down "),
    ("go ", "go to "),
    ("take ", "pick up "),
    ("get ", "pick up "),
    ("turn on ", "activate "),
    ("turn off ", "deactivate "),
)
FREE_ACTIONS = ("look around", "inventory", "task")
"""Actions that take no simulator time (the move counter does not advance)."""
NO_OP = "look at agent"
"""One simulator move that changes nothing (stands in for a gold command the list cannot say)."""
AMBIGUOUS = "Ambiguous request"
_OPTION = re.compile(r"^\s*(\d+):", re.MULTILINE)
_CONTENTS = re.compile(r", | and ")


# -- phrasing ---------------------------------------------------------------------------------------

ONE_OBJECT = (
    "look at ", "look in ", "pick up ", "put down ", "focus on ", "go to ", "teleport to ", "open ",
    "close ", "activate ", "deactivate ", "eat ", "mix ", "read ", "flush ", "disconnect ",
)  # fmt: skip
TWO_OBJECTS = {"move ": " to ", "pour ": " into ", "use ": " on ", "connect ": " to ", "dunk ": " into "}
"""The valid list's action grammar: verb prefix (and the separator between two objects)."""


GOLD_SEPARATORS = {"pour ": (" into ", " in "), "dunk ": (" into ", " in ")}
"""Separators the parser (and so the gold paths) also accept: "pour X in Y" = "pour X into Y"."""


def splits(action: str, lenient: bool = False) -> list[tuple[str, tuple[str, ...]]]:
    """Every reading of an action as (verb, object phrases) under :data:`ONE_OBJECT` /
    :data:`TWO_OBJECTS` (names may contain the separator, so two-object actions can split several
    ways); ``lenient`` also reads the parser's alternative separators (:data:`GOLD_SEPARATORS`)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for verb in ONE_OBJECT:
        if action.startswith(verb) and len(action) > len(verb):
            out.append((verb, (action[len(verb) :],)))
    for verb, canonical in TWO_OBJECTS.items():
        if not action.startswith(verb):
            continue
        body = action[len(verb) :]
        for sep in GOLD_SEPARATORS.get(verb, (canonical,)) if lenient else (canonical,):
            at = body.find(sep)
            while at > 0:
                if at + len(sep) < len(body):
                    out.append((verb, (body[:at], body[at + len(sep) :])))
                at = body.find(sep, at + 1)
    return out


def _containers(phrase: str, view: OracleView) -> set[int]:
    """The objects a phrase can name (by referent or valid-list name)."""
    return {i for i, refs in view.referents.items() if phrase in refs or view.names.get(i) == phrase}


def _qualifiers(name: str, obj_names: set[str]) -> list[str]:
    """The container parts of a qualified name: "X in Y" / "X on Y" with X one of the object's names."""
    out = []
    for sep in (" in ", " on "):
        at = name.find(sep)
        while at > 0:
            if name[:at] in obj_names:
                out.append(name[at + len(sep) :])
            at = name.find(sep, at + 1)
    return out


def _inside(obj_id: int, own_name: str, container: str, view: OracleView) -> bool | None:
    """Whether the object is in the container the gold phrase names; None when it cannot be told.

    First by the valid list's own qualifier (an object the list calls "peach seed in seed jar" is
    not the one "in flower pot 1": identical objects differ only there), else by the containers'
    "... containing A and B" referents."""
    names = set(view.referents.get(obj_id, ())) | {own_name}
    wanted = _containers(container, view)
    own = set().union(*(_containers(q, view) for q in _qualifiers(own_name, names))) if wanted else set()
    if wanted and own:
        return bool(wanted & own)
    described = False
    for cid in wanted:
        for ref in view.referents[cid]:
            if " containing " in ref:
                described = True
                if names.intersection(_CONTENTS.split(ref.split(" containing ", 1)[1])):
                    return True
    return False if described else None


def _refers(phrase: str, obj_id: int, own_name: str, view: OracleView) -> int:
    """How well a gold object phrase names an object: 3 = as the valid list names it, or a referent
    in the container the phrase names ("X in Y"); 2 = one of its referents; 1 = a referent in a
    container that cannot be checked; 0 = not at all (or in another container)."""
    if phrase == own_name or phrase == view.names.get(obj_id):
        return 3
    names = set(view.referents.get(obj_id, ())) | {own_name}
    best = 2 if phrase in names else 0
    for container in _qualifiers(phrase, names):
        inside = _inside(obj_id, own_name, container, view)
        best = max(best, 3 if inside else (1 if inside is None else 0))
        if best == 3:
            break
    return best


def _aliases(command: str) -> list[str]:
    out = [command]
    for alias, canonical in VERB_ALIASES:
        if command.startswith(alias) and not command.startswith(canonical):
            out.append(canonical + command[len(alias) :])
    return out


def find_entry(command: str, view: OracleView, entries: list[ValidEntry]) -> str | None:
    """The entry of ``entries`` that does what ``command`` says (same verb, same objects), best
    named first; ties broken alphabetically."""
    readings = [r for candidate in _aliases(command) for r in splits(candidate, lenient=True)]
    if not readings:
        return None
    best: tuple[int, str] | None = None
    for entry in entries:
        if not entry.obj_ids:
            continue
        for verb, names in splits(entry.action):
            if len(names) != len(entry.obj_ids):
                continue
            for gold_verb, phrases in readings:
                if gold_verb != verb or len(phrases) != len(names):
                    continue
                fits = [_refers(p, o, n, view) for p, o, n in zip(phrases, entry.obj_ids, names, strict=True)]
                if all(fits):
                    rank = sum(fits)
                    if best is None or rank > best[0] or (rank == best[0] and entry.action < best[1]):
                        best = (rank, entry.action)
    return best[1] if best else None


def phrase(command: str, view: OracleView) -> str | None:
    """The valid-list spelling of a gold command, or None when the protocol's list has no such action."""
    for candidate in _aliases(command):
        if candidate in view.valid:
            return candidate
    return find_entry(command, view, [e for e in view.entries if e.action in view.valid])


# -- the protocol's stop rules, predicted -----------------------------------------------------------


def _predicted_entry(command: str, recent: Sequence[str]) -> str:
    """The (action, observation) entry a command will add: as the last time it ran, else new."""
    prefix = f"({command}, "
    for entry in reversed(recent):
        if entry.startswith(prefix):
            return entry
    return f"({command}, <new>)"


def _trips_loop(recent: Sequence[str], entry: str) -> bool:
    window = [*recent[-4:], entry]
    return len(recent) >= 4 and len(set(window)) == 2


def answer_ambiguity(observation: str, view: OracleView) -> str:
    """An option number of the ambiguity prompt that the protocol's mapping passes through
    unchanged (a number no valid action contains as a word; the options are interchangeable)."""
    options = _OPTION.findall(observation) or ["0"]
    words = {w for action in view.valid for w in action.split(" ")}
    for option in options:
        if option not in words:
            return option
    return options[0]


class GoldPolicy(OraclePolicy):
    """Plays one variation's gold path through the protocol (see the module docstring), bound to
    the live episode: it reads the episode's gold path and valid-action view, never changes them."""

    def __init__(self, env: SciWorldEnv):
        self.env = env
        self.index = 0
        self.notes: dict[str, Any] = {}
        """For the record: gold actions (left), commands the protocol withheld or cannot say."""

    def act(self, history: Sequence[Message]) -> str:
        """The next output (blocking: it queries the simulator)."""
        env = self.env
        gold = env.gold
        view = env.oracle_view()
        if view.last_observation.startswith(AMBIGUOUS):
            if self.index < len(gold) and gold[self.index].isdigit():
                self.index += 1
            return self._say(answer_ambiguity(view.last_observation, view))
        while self.index < len(gold):
            command = gold[self.index]
            if command.isdigit() or (command == "look around" and command not in view.valid):
                self.index += 1  # no prompt pending / withheld and free: nothing to replay
                continue
            chosen, note = phrase(command, view), None
            if chosen is None:
                chosen, note = self._no_counterpart(command, view)
            filler = self._filler(chosen, view)
            if filler is not None:
                return self._say(filler)
            if note:
                self.notes.setdefault(note[0], []).append(note[1])
            self.index += 1
            return self._say(chosen)
        return self._say("")

    async def aact(self, history: Sequence[Message]) -> str:
        return await self.env.call(self.act, history)

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        reason = miss_reason(score.metrics.get("stop_reason"), self.notes)
        return OracleAccount(solvable=reason is None, reason=reason, detail=dict(self.notes))

    def _no_counterpart(self, command: str, view: OracleView) -> tuple[str, tuple[str, str]]:
        """The protocol's list has no action doing what the gold command does: either the simulator
        offers none (the gold command is a no-op, e.g. picking up what is already held) or the
        protocol's filter withholds it (a "focus on X" whose list name has words absent from the
        look text). Either way a harmless one-move action keeps the simulated time of the gold path;
        the mapping would otherwise turn the command into some unrelated action. Returns the
        stand-in and the note for the record (``withheld`` or ``no_counterpart``)."""
        withheld = find_entry(command, view, view.entries)
        note = ("withheld", withheld) if withheld else ("no_counterpart", command)
        return (NO_OP if NO_OP in view.valid else command), note

    def _filler(self, command: str, view: OracleView) -> str | None:
        """A free action to say first when ``command`` would trip the loop rule."""
        entry = _predicted_entry(command, view.recent)
        if not _trips_loop(view.recent, entry):
            return None
        options = [f for f in FREE_ACTIONS if f in view.valid and f != command]
        for free in options:
            free_entry = _predicted_entry(free, view.recent)
            if not _trips_loop(view.recent, free_entry) and not _trips_loop([*view.recent, free_entry], entry):
                return free
        for free in options:
            if not _trips_loop(view.recent, _predicted_entry(free, view.recent)):
                return free
        return None

    def _say(self, command: str) -> str:
        gold = self.env.gold
        self.notes.update(gold_actions=len(gold), gold_left=len(gold) - self.index)
        return f"Action: {command}" if command else ""


def miss_reason(stop_reason: str | None, notes: dict[str, Any]) -> str | None:
    """Why a gold-policy episode below 100 could not reach it under the protocol, or None when
    nothing explains the miss (a harness bug): ``focus_withheld`` (the protocol's focus filter
    removed the "focus on X" the task needs: X's list name has a word the look text lacks),
    ``step_limit`` (the gold path needs more than the protocol's 100 simulator moves) or
    ``door_withheld`` (the protocol removes every door action but opening; grow-fruit's gold path
    closes the greenhouse doors so the bees stay and pollinate; with them open, fruit is up to chance)."""
    withheld = notes.get("withheld", ())
    if any(a.startswith("focus on ") for a in withheld):
        return "focus_withheld"
    if stop_reason == "step_limit" and notes.get("gold_left", 0) > 0:
        return "step_limit"
    if any(a.startswith("close door") for a in withheld):
        return "door_withheld"
    return None
