"""A game's expert walkthrough, spoken in the grammar the game is played with.

The release files' walkthroughs are written in their own grammar (``move bowl 1 to cabinet 4``);
a game re-targeted to AgentBench's older logic expects that logic's commands (``put bowl 1 in/on
cabinet 4``). The translation goes through the PDDL action a command names: every action of a
TextWorld grammar has a command template (``action PutObject { template :: "put {o} in/on {r}"; ...``);
a command that matches an action's template in the source grammar is rewritten with the same
action's template in the target grammar. Commands of actions whose templates agree stay as they are.
"""

from __future__ import annotations

import re

_ACTION_TEMPLATE = re.compile(r'action\s+(\w+)\s*\{\s*template\s*::\s*"([^"]*)"\s*;')
_SLOT = re.compile(r"\{(\w+)\}")


def command_templates(grammar: str) -> dict[str, str]:
    """Action name -> command template, from a TextWorld grammar (``.twl2``) text."""
    return {name: template for name, template in _ACTION_TEMPLATE.findall(grammar)}


def _pattern(template: str) -> re.Pattern[str] | None:
    """A regex for the commands of a simple template (``{slot}`` placeholders only), else None."""
    pieces = _SLOT.split(template)
    literal = pieces[0::2]
    if any(ch in "".join(literal) for ch in "[]{}|#"):
        return None
    regex = "".join(re.escape(text) if i % 2 == 0 else f"(?P<{text}>.+?)" for i, text in enumerate(pieces))
    try:
        return re.compile(regex)
    except re.error:  # a slot used twice
        return None


def translate(commands: list[str], source_grammar: str, target_grammar: str) -> list[str]:
    """``commands`` of ``source_grammar`` rewritten for ``target_grammar``."""
    source, target = command_templates(source_grammar), command_templates(target_grammar)
    rules = []
    for name, template in source.items():
        other = target.get(name)
        if other is None or other == template:
            continue
        pattern = _pattern(template)
        if pattern is not None and set(_SLOT.findall(other)) <= set(pattern.groupindex):
            rules.append((pattern, other))
    out = []
    for command in commands:
        for pattern, other in rules:
            match = pattern.fullmatch(command)
            if match:
                command = _SLOT.sub(lambda m, found=match: found.group(m.group(1)), other)
                break
        out.append(command)
    return out
