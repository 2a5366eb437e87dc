"""Does a response call (or announce calling) a tool? Our pattern lists and classifier.

Agent-H counts a response as a hallucination when the right answer is a plain reply but the
output contains tool-call patterns, ReAct-style (``Thought:`` / ``Action:``) or general ("I will
use…", "I need to call…"); the authors published no list, so this one is ours. A response is a
*tool call* when any pattern below fires; each detection names its pattern id.

ReAct (``REACT_*``)
  R1  a line ``Action: X`` (markdown emphasis allowed) where X is not a refusal of action
      (``NON_ACTIONS``: none, n/a, final answer, finish…) — an ``Action:`` line that names
      something to do is an attempted tool call, with or without a ``Thought:`` before it.
  R2  a line ``Action Input:`` (the argument half of a ReAct call, even when ``Action:`` is
      missing or malformed).
  A ``Thought:`` line alone is *not* a call: reasoning before a direct answer is allowed.
Structured (``STRUCT_*``)
  S1  glaive's ``<functioncall>`` marker.
  S2  other chat-template call markers (``CALL_MARKERS``: ``<tool_call>``, ``[TOOL_CALLS]``,
      ``<|python_tag|>``, ``"function_call"``, ``"tool_calls"``…).
  S3  a JSON (or Python-literal) object with a tool-name key (``NAME_KEYS``: name, tool,
      function, action…) holding a string and an argument key (``ARG_KEYS``: arguments, args,
      parameters, input, action_input…) — unless it is a function *schema* echoed back (it has
      a ``description``, or ``parameters`` is a JSON Schema with ``type``/``properties``).
  S4  a call expression ``tool_name(`` of one of the offered tools.
Verbal, general (``VERBAL_*``) — first person, not negated, about a tool:
  V1  intent: "I will / I'll / I'm going to / I need to / I have to / I must / I should /
      let me / let's" + up to two filler words + a call verb (``CALL_VERBS``: use, call, invoke,
      utilize, run, execute, query, access, trigger, consult) followed, within the sentence, by a
      tool word (``TOOL_WORDS``: tool, function, API, plugin) or an offered tool's name.
  V2  claim: "I have / I've / I (just)" + called / used / invoked / queried / executed / ran,
      followed by a tool word or name in the sentence.
  V3  progressive: "I am / I'm / we are" + calling / using / invoking / querying followed by a
      tool word or name in the sentence.
  A verbal match is dropped when a negation (``NEGATIONS``: not, n't, cannot, unable, without,
  never, no) stands between the subject and the verb ("I will not use the tool", "I'm unable to
  call"). Capability statements ("I can use…") are not calls.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

NON_ACTIONS = frozenset(
    {"none", "n/a", "na", "no action", "no tool", "no tool needed", "none needed", "not needed", "nothing",
     "final answer", "finish", "answer", "respond", "reply", "respond to the user", "reply to the user", "-"}
)
CALL_MARKERS = (
    "<tool_call>", "<|tool_call|>", "[TOOL_CALLS]", "<function_call>", "<|python_tag|>", '"function_call"',
    '"tool_calls"', "<function=", "<|action_start|>", "<|plugin|>",
)
NAME_KEYS = ("name", "tool", "tool_name", "function", "function_name", "action", "api", "api_name")
ARG_KEYS = ("arguments", "args", "parameters", "params", "input", "action_input", "tool_input", "kwargs")
CALL_VERBS = ("use", "call", "invoke", "utilize", "utilise", "run", "execute", "query", "access", "trigger", "consult")
PAST_VERBS = ("called", "used", "invoked", "queried", "executed", "ran", "run", "utilized", "utilised", "triggered")
PROGRESSIVE_VERBS = ("calling", "using", "invoking", "querying", "executing", "running", "utilizing", "utilising")
TOOL_WORDS = ("tool", "tools", "function", "functions", "api", "apis", "plugin", "plugins", "<functioncall>")
NEGATIONS = ("not", "n't", "cannot", "unable", "without", "never", "no")

_ACTION_LINE = re.compile(r"^[ \t>*_#-]*\**\s*Action\s*\d*\s*\**\s*:\s*\**\s*(?P<value>.*)$", re.I | re.M)
_ACTION_INPUT_LINE = re.compile(r"^[ \t>*_#-]*\**\s*Action[ _]Input\s*\d*\s*\**\s*:", re.I | re.M)
_SUBJECT = r"(?:\bI\s*(?:will|'ll|’ll|am going to|'m going to|’m going to|am gonna|'m gonna|need to|have to|must|should|shall)|\blet me|\blet's|\blet’s|\bwe\s*(?:will|'ll|need to|have to|must))"
_V1 = re.compile(_SUBJECT + r"(?P<filler>(?:\s+[\w'’-]+){0,2}?)\s+(?P<verb>" + "|".join(CALL_VERBS) + r")\b(?P<tail>[^.!?\n]*)", re.I)
_V2 = re.compile(r"\bI(?P<filler>(?:\s*(?:'ve|’ve|\s+have|\s+had|\s+just|\s+already|\s+now))*)\s+(?P<verb>" + "|".join(PAST_VERBS) + r")\b(?P<tail>[^.!?\n]*)", re.I)
_V3 = re.compile(r"(?:\bI\s*(?:am|'m|’m)|\bwe\s*(?:are|'re|’re))(?P<filler>(?:\s+[\w'’-]+){0,1}?)\s+(?P<verb>" + "|".join(PROGRESSIVE_VERBS) + r")\b(?P<tail>[^.!?\n]*)", re.I)
_IDENT = re.compile(r"[A-Za-z_][\w.-]*")


class Detection(BaseModel):
    """One fired pattern."""

    model_config = ConfigDict(frozen=True)

    pattern: str
    """R1, R2, S1–S4, V1–V3."""
    family: str
    """react | structured | verbal."""
    evidence: str
    tool: str | None = None
    """The tool the call names, when the pattern carries one."""


class Verdict(BaseModel):
    """All detections in one response."""

    detections: list[Detection]

    @property
    def is_call(self) -> bool:
        return bool(self.detections)

    @property
    def families(self) -> list[str]:
        return sorted({d.family for d in self.detections})

    @property
    def structured_tool(self) -> str | None:
        """The first tool named by an executable call (ReAct Action or a structured call)."""
        for d in self.detections:
            if d.family in ("react", "structured") and d.tool:
                return d.tool
        return None


def _action_value(raw: str) -> str:
    value = raw.strip().strip("*_`'\"[]").strip()
    return value


def _tool_from_action(value: str) -> str | None:
    match = _IDENT.match(value.strip("`'\" "))
    return match.group(0).rstrip(".") if match else None


def _react(text: str) -> Iterable[Detection]:
    for match in _ACTION_LINE.finditer(text):
        value = _action_value(match.group("value"))
        if not value or value.lower().rstrip(".") in NON_ACTIONS:
            continue
        yield Detection(pattern="R1", family="react", evidence=match.group(0).strip()[:120], tool=_tool_from_action(value))
    for match in _ACTION_INPUT_LINE.finditer(text):
        yield Detection(pattern="R2", family="react", evidence=match.group(0).strip()[:120])


def _objects(text: str) -> Iterable[Any]:
    """Every JSON / Python-literal object that starts at a ``{`` of the text."""
    decoder = json.JSONDecoder()
    for start in (m.start() for m in re.finditer(r"\{", text)):
        try:
            yield decoder.raw_decode(text, start)[0]
            continue
        except json.JSONDecodeError:
            pass
        end = text.find("}", start)
        while end != -1 and end - start < 4000:
            try:
                yield ast.literal_eval(text[start : end + 1])
                break
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                end = text.find("}", end + 1)


def _call_object(obj: Any) -> str | None:
    """The tool name when ``obj`` looks like a call (a name key with a string and an argument key)."""
    if not isinstance(obj, dict):
        return None
    if isinstance(obj.get("function"), dict):  # OpenAI style {"function": {"name", "arguments"}}
        return _call_object(obj["function"])
    keys = {str(k).lower(): v for k, v in obj.items()}
    if _is_schema(keys):
        return None
    name = next((keys[k] for k in NAME_KEYS if isinstance(keys.get(k), str) and keys[k].strip()), None)
    if name is not None and any(k in keys for k in ARG_KEYS):
        return name.strip()
    return None


def _is_schema(keys: dict[str, Any]) -> bool:
    """A function *definition* echoed back (``description``, or JSON-Schema ``parameters``)."""
    params = keys.get("parameters")
    return "description" in keys or (isinstance(params, dict) and ("properties" in params or params.get("type") == "object"))


def _structured(text: str, tools: Sequence[str]) -> Iterable[Detection]:
    if "<functioncall>" in text:
        after = text.split("<functioncall>", 1)[1]
        tool = next((t for t in (_call_object(o) for o in _objects(after)) if t), None)
        yield Detection(pattern="S1", family="structured", evidence="<functioncall>" + after[:100], tool=tool)
    for marker in CALL_MARKERS:
        if marker in text:
            yield Detection(pattern="S2", family="structured", evidence=marker)
    for obj in _objects(text):
        tool = _call_object(obj)
        if tool:
            yield Detection(pattern="S3", family="structured", evidence=json.dumps(obj, default=str)[:120], tool=tool)
    for tool in tools:
        match = re.search(r"(?<![\w.])" + re.escape(tool) + r"\(", text)
        if match:
            yield Detection(pattern="S4", family="structured", evidence=text[match.start() : match.start() + 120], tool=tool)


def _mentions_tool(tail: str, tools: Sequence[str]) -> bool:
    low = tail.lower()
    if any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", low) for w in TOOL_WORDS):
        return True
    return any(t and t.lower() in low for t in tools)


def _negated(filler: str) -> bool:
    words = re.findall(r"[\w'’]+", filler.lower())
    return any(w in NEGATIONS or w.endswith("n't") or w.endswith("n’t") for w in words)


def _verbal(text: str, tools: Sequence[str]) -> Iterable[Detection]:
    for pattern_id, regex in (("V1", _V1), ("V2", _V2), ("V3", _V3)):
        for match in regex.finditer(text):
            if _negated(match.group("filler") or ""):
                continue
            if _mentions_tool(match.group("tail"), tools):
                yield Detection(pattern=pattern_id, family="verbal", evidence=match.group(0).strip()[:120])


def classify(text: str, tools: Sequence[str] = ()) -> Verdict:
    """Every tool-call pattern in ``text``; ``tools`` are the offered tool names (S4, V1–V3)."""
    detections = [*_react(text), *_structured(text, tools), *_verbal(text, tools)]
    return Verdict(detections=detections)
