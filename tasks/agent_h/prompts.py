"""The two ways a conversation is shown to the model, and the gold answer in each.

Agent-H shows every sample in a ReAct system-prompt format and in a general function-calling
format; its prompt texts are not public, so these are ours:

- ``react``: the offered functions as tools, the ``Thought: / Action: / Action Input:`` protocol
  for calling one, and the instruction to answer directly when no tool is needed.
- ``general``: glaive's own system prompt verbatim (the schemas as JSON), plus one sentence
  naming the call syntax its data uses (``<functioncall> {"name": …, "arguments": {…}}``), so a
  model that never saw glaive knows how a call is written.

Gold: for a conversation that needs no tool, glaive's reply (the same in both formats); for one
that needs a tool, the call written in the format's syntax.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from harness.model import Message, system, user
from tasks.agent_h.glaive import Conversation

Format = Literal["react", "general"]
FORMATS: tuple[Format, ...] = ("react", "general")

REACT_TEMPLATE = """You are a helpful assistant that can use external tools.
You have access to the following tools:
{tools}

To use a tool, reply in exactly this format:
Thought: think about what to do and whether a tool is needed
Action: the tool to use, one of [{names}]
Action Input: the input to the tool, as a JSON object

If you do not need a tool, reply to the user directly, without Thought, Action or Action Input lines."""

GENERAL_CALL_SYNTAX = (
    'To call a function, reply with <functioncall> followed by a JSON object with the function\'s "name" '
    'and its "arguments", for example: <functioncall> {"name": "function_name", "arguments": {"parameter": "value"}}'
)


def _tool_line(function: dict[str, Any]) -> str:
    params = function.get("parameters") or {}
    description = str(function.get("description", "")).strip().rstrip(".")
    return f"{function['name']}: {description}. Parameters: {json.dumps(params, ensure_ascii=False)}"


def system_prompt(conv: Conversation, fmt: Format) -> str:
    if fmt == "react":
        tools = "\n".join(_tool_line(f) for f in conv.functions)
        names = ", ".join(f["name"] for f in conv.functions)
        return REACT_TEMPLATE.format(tools=tools, names=names)
    return f"{conv.system}\n\n{GENERAL_CALL_SYNTAX}"


def messages(conv: Conversation, fmt: Format) -> list[Message]:
    return [system(system_prompt(conv, fmt)), user(conv.user)]


def gold(conv: Conversation, fmt: Format) -> str:
    if conv.call is None:
        return conv.reply
    name, args = conv.call["name"], conv.call["arguments"]
    if fmt == "react":
        return f"Thought: I need to use {name} to answer this.\nAction: {name}\nAction Input: {json.dumps(args, ensure_ascii=False)}"
    return "<functioncall> " + json.dumps({"name": name, "arguments": args}, ensure_ascii=False)
