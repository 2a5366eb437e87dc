"""Reading a ReWOO plan the way ``algos/PWS.py`` does (``_parse_plans``,
``_parse_planner_evidences``, ``_get_worker_evidences``).

Upstream, three plan shapes raise and end the question with a failed response (score 0 after
3 identical greedy retries): a ``#E`` line shorter than 3 characters (IndexError), a ``#E``
line without ``=`` (ValueError), and more ``Plan:`` lines than ``#E1..#En`` evidences (KeyError
while writing the worker log). :class:`MalformedPlan` marks exactly those.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from tasks.rewoo.prompts import NO_EVIDENCE

_VARIABLE = re.compile(r"#E\d+")


class MalformedPlan(ValueError):
    """A plan the original code crashes on."""


class ToolCall(BaseModel):
    """One evidence line: ``#En = Tool[input]`` (``tool`` is None for a literal value)."""

    var: str
    tool: str | None
    tool_input: str
    """The raw input (``#E`` variables not yet substituted), or the literal value."""


class Plan(BaseModel):
    plans: list[str]
    calls: list[ToolCall]


def parse_plan(text: str) -> Plan:
    """The ``Plan:`` lines and the evidence lines (in first-appearance order, later duplicates
    overriding earlier ones, as a dict does)."""
    lines = text.splitlines()
    plans = [line for line in lines if line.startswith("Plan:")]
    calls: dict[str, str] = {}
    for line in lines:
        if not line.startswith("#"):
            continue
        if len(line) < 2 or (line[1] == "E" and len(line) < 3):  # upstream indexes line[1], line[2]
            raise MalformedPlan(f"evidence line too short: {line!r}")
        if line[1] != "E" or not line[2].isdigit():
            continue
        if "=" not in line:
            raise MalformedPlan(f"evidence line without '=': {line!r}")
        var, call = line.split("=", 1)
        var, call = var.strip(), call.strip()
        calls[var] = call if len(var) == 3 else NO_EVIDENCE  # only #E1..#E9 are read upstream
    for i in range(len(plans)):
        if f"#E{i + 1}" not in calls:
            raise MalformedPlan(f"plan {i + 1} has no #E{i + 1}")
    out = []
    for var, call in calls.items():
        if "[" not in call:
            out.append(ToolCall(var=var, tool=None, tool_input=call))
        else:
            tool, rest = call.split("[", 1)
            out.append(ToolCall(var=var, tool=tool, tool_input=rest[:-1]))  # upstream drops the last char
    return Plan(plans=plans, calls=out)


def substitute(tool_input: str, evidences: dict[str, str]) -> str:
    """Replace each known ``#En`` with ``[evidence]`` (plain string replacement, as upstream)."""
    for var in _VARIABLE.findall(tool_input):
        if var in evidences:
            tool_input = tool_input.replace(var, "[" + evidences[var] + "]")
    return tool_input


def worker_log(plan: Plan, evidences: dict[str, str]) -> str:
    """The text the solver sees: each plan followed by its evidence."""
    return "".join(f"{p}\nEvidence:\n{evidences[f'#E{i + 1}']}\n" for i, p in enumerate(plan.plans))
