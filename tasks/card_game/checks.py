"""The referee's format checks of an answer (``pick_msg_checker``, ``assert_msg_checker``,
``action_msg_checker`` of ``aqua_sdk.cpp``): keys, types and ranges, before any game rule applies.

Each returns the replay's error code of the first problem found, in the original's order, or None.
"""

from __future__ import annotations

from typing import Any

# ErrorType of aqua_sdk.cpp (the replay's error codes)
PARSE_FAILURE, PLAYER_RE = 1, 2
TYPE_ERROR, KEY_MISSING, VALUE_ERROR, RANGE_ERROR, CHOICE_REPEAT = 4, 5, 6, 7, 8
PICK_NUMBER_ERROR, PICK_DEAD_FISH = 10, 11
ASSERT_DEAD_FISH, ASSERT_EXPOSED_FISH = 12, 13
ACTION_WITH_DEAD_FISH, ACTION_RULES_ERROR = 14, 15


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def pick_error(msg: Any) -> int | None:
    if not isinstance(msg, dict):
        return TYPE_ERROR
    if "Action" not in msg or "ChooseFishs" not in msg:
        return KEY_MISSING
    if not isinstance(msg["Action"], str) or not isinstance(msg["ChooseFishs"], list):
        return TYPE_ERROR
    if msg["Action"] != "Pick":
        return VALUE_ERROR
    picks = msg["ChooseFishs"]
    if len(picks) != 4:
        return PICK_NUMBER_ERROR
    seen: set[int] = set()
    for fid in picks:
        if not _is_int(fid):
            return TYPE_ERROR
        if not 1 <= fid <= 12:
            return RANGE_ERROR
        if fid in seen:
            return CHOICE_REPEAT
        seen.add(fid)
    return None


def assert_error(msg: Any) -> int | None:
    if not isinstance(msg, dict):
        return TYPE_ERROR
    if "Action" not in msg:
        return KEY_MISSING
    if not isinstance(msg["Action"], str):
        return TYPE_ERROR
    if msg["Action"] not in ("Null", "Assert"):
        return VALUE_ERROR
    if msg["Action"] == "Null":
        return None
    if "Pos" not in msg or "ID" not in msg:
        return KEY_MISSING
    if not _is_int(msg["Pos"]) or not _is_int(msg["ID"]):
        return TYPE_ERROR
    if not 0 <= msg["Pos"] <= 3 or not 1 <= msg["ID"] <= 12:
        return RANGE_ERROR
    return None


def action_error(msg: Any) -> int | None:
    """Also fills in missing or null ``MyList`` / ``EnemyList`` of a skill with ``[]``, as the original."""
    if not isinstance(msg, dict):
        return TYPE_ERROR
    if "Type" not in msg or not _is_int(msg["Type"]):
        return TYPE_ERROR if "Type" in msg else KEY_MISSING
    if msg["Type"] == 0:
        if any(k not in msg for k in ("Action", "MyPos", "EnemyPos")):
            return KEY_MISSING
        if not isinstance(msg["Action"], str) or not _is_int(msg["MyPos"]) or not _is_int(msg["EnemyPos"]):
            return TYPE_ERROR
        if msg["Action"] != "Action":
            return VALUE_ERROR
        if not 0 <= msg["MyPos"] <= 3 or not 0 <= msg["EnemyPos"] <= 3:
            return RANGE_ERROR
        return None
    for key in ("MyList", "EnemyList"):
        if msg.get(key) is None:
            msg[key] = []
    if "Action" not in msg or "MyPos" not in msg:
        return KEY_MISSING
    if not isinstance(msg["Action"], str) or not _is_int(msg["MyPos"]):
        return TYPE_ERROR
    if not isinstance(msg["MyList"], list) or not isinstance(msg["EnemyList"], list):
        return TYPE_ERROR
    if msg["Action"] != "Action":
        return VALUE_ERROR
    if msg["Type"] != 1 or not 0 <= msg["MyPos"] <= 3:
        return RANGE_ERROR
    for key in ("MyList", "EnemyList"):
        seen: set[int] = set()
        for pos in msg[key]:
            if not _is_int(pos):
                return TYPE_ERROR
            if not 0 <= pos <= 3:
                return RANGE_ERROR
            if pos in seen:
                return CHOICE_REPEAT
            seen.add(pos)
    return None
