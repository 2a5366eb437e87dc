"""What a gold solver sees and returns.

A solver reads the episode's goal and first page (:class:`View`) and returns the plan: one
:data:`Step` per instruction, in the agent's format (``clickxpath``, ``type``, ``clickoption``,
``movemouse``, ``press``). A step the first page cannot determine (the file name a terminal's
``ls`` prints) is a :class:`Later`: decided when it is due, from the page the agent sees then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tasks.miniwob.html_tree import Node, parse
from tasks.miniwob.html_tree import xpath_literal as q

__all__ = ["SUBMIT", "Later", "Solver", "Step", "Unsolvable", "View", "match", "q", "quoted"]


class Unsolvable(ValueError):
    """The solver cannot read the goal or page."""


Script = Callable[[str], Any]
"""Runs ``return <expression>;`` in the live page (the state computergym exposes)."""


@dataclass
class View:
    """One observation: the goal, the HTML the agent is shown, and the live page when there is one."""

    goal: str
    html: str
    script: Script | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    """Facts a solver records for the oracle's accounting (e.g. a page known to mis-score)."""

    @cached_property
    def page(self) -> Node:
        return parse(self.html)

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the live page (Unsolvable offline)."""
        if self.script is None:
            raise Unsolvable(f"needs the live page: {expression}")
        return self.script(expression)

    def fields(self) -> dict[str, str]:
        """The episode's structured task (``core.getUtterance().fields``), as computergym reads it."""
        got = self.js("(function(){ var u = core.getUtterance(); return (u && u.fields) || {}; })()")
        return {str(k): str(v) for k, v in (got or {}).items()}


@dataclass(frozen=True)
class Later:
    """A step decided when it is due, from the page the agent then sees."""

    describe: str
    """The plan's text for the step."""
    decide: Callable[[View], str]


Step = str | Later
Solver = Callable[[View], list[Step]]

SUBMIT = 'clickxpath //button[@id="subbtn"]'


def quoted(goal: str, n: int = 1) -> list[str]:
    """The double-quoted strings of a goal (at least ``n``)."""
    found = re.findall(r'"([^"]*)"', goal)
    if len(found) < n:
        raise Unsolvable(goal)
    return found


def match(pattern: str, text: str) -> re.Match:
    m = re.search(pattern, text)
    if m is None:
        raise Unsolvable(text)
    return m
