"""T-Eval's text handling, reimplemented: output clean-up, lenient JSON loading, template parsing.

Each function reproduces the behaviour of its T-Eval counterpart (open-compass/T-Eval:
``test.py:split_special_tokens``, ``teval/utils/format_load.py``, ``teval/utils/template.py``),
quirks included, because the metrics depend on them:

- ``format_load`` slices from the *first* start character to the *last* end character (a missing
  start character slices from the last character of the text, as ``str.find`` returning -1 does),
  then tries ``ast.literal_eval``, ``json.loads``, and ``json.loads`` with every ``'`` made ``"``.
- ``parse_string`` turns a ``{field}`` template into a regular expression *without escaping* the
  literal text, every field becoming a greedy ``(.*)``.
"""

from __future__ import annotations

import ast
import json
import re
from string import Formatter
from typing import Any

_CUT_MARKERS = ("<eoa>", "<TOKENS_UNUSED_1>", "<|im_end|>", "\nuser", "\nassistant", "\nUSER", "[INST]", "<|user|>")


def clean_prediction(text: str) -> str:
    """What T-Eval's inference stores as the prediction: cut at the first chat marker, strip,
    drop a leading ```json fence and surrounding backticks."""
    for marker in _CUT_MARKERS:
        text = text.split(marker)[0]
    text = text.strip()
    if text.startswith("```json"):
        text = text[len("```json") :]
    return text.strip("`").strip()


class FormatError(ValueError):
    """The text cannot be read as the structure asked for."""


def format_load(raw: Any, start: str = "", end: str = "") -> Any:
    """Parse a model's (or a data file's) structured answer the way T-Eval does."""
    if not isinstance(raw, str):
        return raw  # already structured (ground truth stored as JSON)
    if "```json" in raw:
        raw = raw[raw.find("```json") + len("```json") :].strip("`")
    if start:
        raw = raw[raw.find(start) :]
    if end:
        raw = raw[: raw.rfind(end) + len(end)]
    for attempt in (ast.literal_eval, json.loads, lambda s: json.loads(s.replace("'", '"'))):
        try:
            return attempt(raw)
        except Exception:  # noqa: BLE001 - any failure means "try the next reading"
            continue
    raise FormatError("cannot parse the text as a literal or JSON")


def parse_string(template: str, text: str, allow_newline: bool = False) -> dict[str, Any] | None:
    """Fields of ``template`` read from ``text`` (None when the text does not fit the template)."""
    keys = [field for _, field, _, _ in Formatter().parse(template) if field is not None]
    pattern = template
    for key in keys:
        pattern = pattern.replace("{" + key + "}", "(.*)")
    try:
        found = re.findall(pattern, text, re.S if allow_newline else 0)
    except re.error:
        return None
    if not found:
        return None
    values = found[0] if isinstance(found[0], tuple) else (found[0],)
    out: dict[str, Any] = {}
    for key, value in zip(keys, values):
        if key in out:
            out[key] = out[key] + [value] if isinstance(out[key], list) else [out[key], value]
        else:
            out[key] = value
    return out
