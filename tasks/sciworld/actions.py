"""How a model output becomes a ScienceWorld command, following AgentTuning's ``eval.py`` /
``eval_utils.py`` (``findValidActionNew``, ``is_action_failed`` and the loop rule).

The original never sends free text to the simulator: a non-Think output is mapped onto the set of
valid action-object combinations (exact match first, otherwise the valid action sharing the most
words), so a malformed output still becomes some command and is *scored* like any other step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel

ROOMS = (
    "hallway", "greenhouse", "green house", "kitchen", "bathroom", "outside",
    "workshop", "art studio", "foundry", "bedroom", "living room",
)  # fmt: skip
_FOCUS_WORDS = re.compile(r"\b(?:focus|on|in|to)\b", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9 ]+")


class ParsedOutput(BaseModel):
    """A model output read the way the original reads it."""

    text: str
    """The output after the original's TGI post-processing (cut at "[INST]" / "<|end_of_turn|>", stripped)."""
    think: bool
    """Starts with "Think:" (answered "OK.", no simulator step)."""
    command: str
    """For actions: the text with every "Action:" removed, stripped (the prediction to map)."""


def parse_output(raw: str) -> ParsedOutput:
    """``llm_tgi``'s post-processing, then the Think/Action split of ``eval.py``."""
    text = raw.split("[INST]")[0].split("<|end_of_turn|>")[0].strip()
    if text.startswith("Think:"):
        return ParsedOutput(text=text, think=True, command="")
    return ParsedOutput(text=text, think=False, command=text.replace("Action:", "").strip())


def valid_actions(combinations: Iterable[str], look: str, inventory: str, recent_actions: Sequence[str]) -> set[str]:
    """``findValidActionNew``'s candidate set: the simulator's valid combinations plus "open door to
    <room>", minus focusing on agent/air/rooms, minus the last 3 recent-action entries, minus door
    actions other than opening, minus "focus on X" whose words are not in the look/inventory text."""
    valid = set(combinations)
    valid.update("open door to " + room for room in ROOMS)
    valid.difference_update("focus on " + x for x in ("agent", "air", *ROOMS))
    # The original subtracts ``recent_actions[-3:]``; its entries are "(action, observation)" strings
    # except the initial "look around", so in effect only "look around" is withheld during the
    # first three steps. Reproduced as is.
    valid.difference_update(recent_actions[-3:])
    seen = look + " " + inventory.lower()
    for action in list(valid):
        if "door" in action and "open" not in action:
            valid.discard(action)
        elif action.startswith("focus on"):
            words = _FOCUS_WORDS.sub("", action).split(" ")
            if any(word not in seen for word in words):  # substring test, as the original
                valid.discard(action)
    return valid


def choose_action(prediction: str, valid: set[str]) -> tuple[str, bool]:
    """Map a prediction onto a valid action; returns (command, exact).

    Exact match (after "green house" -> "greenhouse") wins; otherwise the valid action sharing the
    most space-separated tokens, scanned shortest first, with non-alphanumerics stripped.

    Deviation: the original scans ``sorted(list(a_set), key=len)``, so among equally long actions
    with the same overlap the winner depends on Python's per-process string hashing. We break those
    ties alphabetically, which makes runs reproducible.
    """
    candidate = prediction.replace("green house", "greenhouse").strip()
    if candidate in valid:
        return candidate, True
    best, best_overlap = prediction, 0
    tokens = set(prediction.split(" "))
    for action in sorted(valid, key=lambda a: (len(a), a)):
        overlap = len(tokens.intersection(action.split(" ")))
        if overlap > best_overlap:
            best, best_overlap = action, overlap
    return _NOT_ALNUM.sub("", best), False


def is_action_failed(observation: str) -> bool:
    """The original's failure test (raw observation). Note it is a plain substring test: any
    observation containing "not" (e.g. "nothing") or "can't"/"doesn't" counts as a failure."""
    return (
        observation == "No known action matches that input."
        or "can't" in observation
        or "not" in observation
        or "doesn't" in observation
    )


def in_loop(recent_actions: Sequence[str]) -> bool:
    """The original's loop stop: the last 5 "(action, observation)" entries hold exactly 2 distinct values."""
    return len(recent_actions) >= 5 and len(set(recent_actions[-5:])) == 2
