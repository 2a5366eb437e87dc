"""glaive-function-calling-v2 rows, read and selected for the Agent-H-style evaluation.

A row is ``{"system": "SYSTEM: You are a helpful assistant with access to the following
functions. Use them if required -\\n{schema}\\n{schema}…", "chat": "USER: …\\n\\n\\nASSISTANT: …
<|endoftext|>\\n\\n\\nFUNCTION RESPONSE: …"}``. Rows whose system prompt offers no function
("…with no access to external functions.") are skipped.

Selection (deterministic, ours: the authors released no sample list): a row offering at least
one parseable function schema whose chat starts with a USER turn followed by an ASSISTANT turn
is a candidate; its first assistant turn decides the pool — ``no_tool`` when it is a plain reply,
``tool`` when it is a ``<functioncall>`` of an offered function. Candidates are de-duplicated on
(system, first user turn) and ranked by the sha256 of that pair; each pool keeps its first N.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from harness.data import DataFile, DataSource
from harness.errors import HarnessError

REVISION = "e7f4b6456019f5d8bcb991ef0dd67d8ff23221ac"
FILE = "glaive-function-calling-v2.json"
FILE_SHA256 = "e9b5d671812b5ca2fbd7b625a37d5c99a19576c37252cdc806defe256aea6dad"
"""Revision and checksum as recorded by public projects that pinned this file (112,960 rows);
the hub is not reachable from where this task was written, so they were not re-checked here."""

GLAIVE_SOURCE = DataSource(
    name="glaive",
    repo="https://huggingface.co/datasets/glaiveai/glaive-function-calling-v2",
    revision=REVISION,
    license="Apache-2.0",
    files=(
        DataFile(
            path=FILE,
            url=f"https://huggingface.co/datasets/glaiveai/glaive-function-calling-v2/resolve/{REVISION}/{FILE}",
            sha256=FILE_SHA256,
        ),
    ),
)

TOOLS_PREFIX = "You are a helpful assistant with access to the following functions. Use them if required -"
_TURN = re.compile(r"(?:^|\n)\s*(USER|ASSISTANT|FUNCTION RESPONSE):\s*")
_END = "<|endoftext|>"


class Conversation(BaseModel):
    """One selected conversation: the offered functions, the user's request, the gold reply."""

    model_config = ConfigDict(frozen=True)

    key: str
    """sha256 of (system, first user turn): the selection rank and the sample id."""
    row: int
    """Index of the row in the file."""
    pool: Literal["no_tool", "tool"]
    system: str
    """The glaive system prompt without its ``SYSTEM: `` prefix."""
    functions: tuple[dict[str, Any], ...]
    user: str
    reply: str
    """The first assistant turn (``<|endoftext|>`` removed): a plain reply or a ``<functioncall>``."""
    call: dict[str, Any] | None = None
    """For the tool pool: ``{"name": …, "arguments": {…}}``."""


def parse_functions(system: str) -> list[dict[str, Any]]:
    """The JSON function schemas that follow the tools prefix (stops at the first non-JSON text)."""
    text = system.split(TOOLS_PREFIX, 1)[1] if TOOLS_PREFIX in system else ""
    decoder = json.JSONDecoder()
    out, pos = [], 0
    while True:
        start = text.find("{", pos)
        if start == -1 or text[pos:start].strip():
            break
        try:
            obj, pos = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            break
        if isinstance(obj, dict) and isinstance(obj.get("name"), str):
            out.append(obj)
    return out


def split_turns(chat: str) -> list[tuple[str, str]]:
    """``[(role, text)]`` with ``<|endoftext|>`` stripped."""
    parts = _TURN.split(chat)
    return [(parts[i], parts[i + 1].replace(_END, "").strip()) for i in range(1, len(parts) - 1, 2)]


def parse_call(reply: str) -> dict[str, Any] | None:
    """The ``<functioncall> {"name": …, "arguments": '…'}`` of a reply; arguments decoded to a dict.
    (glaive writes arguments as a single-quoted JSON string, which is not JSON itself.)"""
    if not reply.startswith("<functioncall>"):
        return None
    body = reply[len("<functioncall>") :].strip()
    match = re.match(r'\{\s*"name"\s*:\s*"([^"]+)"\s*,\s*"arguments"\s*:\s*(.*)\}\s*$', body, re.S)
    if not match:
        return None
    raw = match.group(2).strip()
    if raw.startswith("'") and raw.endswith("'"):
        raw = raw[1:-1]
    try:
        args = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return {"name": match.group(1), "arguments": args} if isinstance(args, dict) else None


def candidate(index: int, row: Any) -> Conversation | None:
    """The row as a candidate conversation, or None when it does not qualify."""
    if not isinstance(row, dict) or not isinstance(row.get("system"), str) or not isinstance(row.get("chat"), str):
        return None
    system = row["system"].removeprefix("SYSTEM:").strip()
    functions = parse_functions(system)
    turns = split_turns(row["chat"])
    if not functions or len(turns) < 2 or turns[0][0] != "USER" or turns[1][0] != "ASSISTANT":
        return None
    user, reply = turns[0][1], turns[1][1]
    if not user or not reply:
        return None
    key = hashlib.sha256(f"{system}\n\x00\n{user}".encode()).hexdigest()
    if reply.startswith("<functioncall>"):
        call = parse_call(reply)
        if call is None or call["name"] not in {f["name"] for f in functions}:
            return None
        return Conversation(key=key, row=index, pool="tool", system=system, functions=tuple(functions), user=user, reply=reply, call=call)
    if "<functioncall>" in reply:
        return None
    return Conversation(key=key, row=index, pool="no_tool", system=system, functions=tuple(functions), user=user, reply=reply)


def read_rows(path: Path) -> list[Any]:
    if not path.is_file():
        raise HarnessError(f"agent_h: {path} is missing")
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HarnessError(f"agent_h: {path}: malformed JSON ({exc})") from None
    if not isinstance(rows, list):
        raise HarnessError(f"agent_h: {path}: expected a JSON list of {{system, chat}} rows")
    return rows


def select(rows: list[Any], per_pool: int) -> dict[str, list[Conversation]]:
    """The first ``per_pool`` conversations of each pool by key (see the module docstring)."""
    pools: dict[str, dict[str, Conversation]] = {"no_tool": {}, "tool": {}}
    for i, row in enumerate(rows):
        conv = candidate(i, row)
        if conv is not None and conv.key not in pools[conv.pool]:
            pools[conv.pool][conv.key] = conv
    return {name: [pool[k] for k in sorted(pool)[:per_pool]] for name, pool in pools.items()}
