"""WebArena's id-based action space: parsing, equivalence and the history text.

Reproduces ``browser_env/actions.py`` (``create_id_based_action``, ``is_equivalent``,
``action2str``), the CoT prompt constructor's extraction (the first text between a pair of
```` ``` ````) and ``get_action_description`` from ``browser_env/helper_functions.py``. Our own code;
the regular expressions are the action format itself.
"""

from __future__ import annotations

import enum
import re

from pydantic import BaseModel

from tasks.webarena.axtree import NodeInfo

SPLITTER = "```"
_EXTRACT = re.compile(rf"{SPLITTER}(.*?){SPLITTER}")

# Keys a `press` may name in lower case (the original's SPECIAL_KEY_MAPPINGS).
KEY_NAMES = {
    name.lower(): name
    for name in (
        "Backquote", "Minus", "Equal", "Backslash", "Backspace", "Meta", "Tab", "Delete", "Escape",
        "ArrowDown", "End", "Enter", "Home", "Insert", "PageDown", "PageUp", "ArrowRight", "ArrowUp",
        *(f"F{i}" for i in range(1, 13)),
    )
}  # fmt: skip

TYPEABLE = frozenset([chr(c) for c in range(32, 128)] + [chr(c) for c in range(129, 1000)] + ["\n"])
"""Characters the original's typing vocabulary holds (ASCII 32-127, code points 129-999, newline)."""


class Kind(str, enum.Enum):
    NONE = "none"
    CLICK = "click"
    TYPE = "type"
    HOVER = "hover"
    PRESS = "press"
    SCROLL = "scroll"
    NEW_TAB = "new_tab"
    TAB_FOCUS = "tab_focus"
    CLOSE_TAB = "close_tab"
    GOTO = "goto"
    GO_BACK = "go_back"
    GO_FORWARD = "go_forward"
    STOP = "stop"


ELEMENT_KINDS = (Kind.CLICK, Kind.TYPE, Kind.HOVER)


class Action(BaseModel):
    """One parsed action; ``raw`` is the model's whole answer."""

    kind: Kind
    element_id: str = ""
    text: str = ""
    """What ``type`` types (with a trailing newline when Enter is pressed after)."""
    key: str = ""
    direction: str = ""
    tab: int = 0
    url: str = ""
    answer: str = ""
    raw: str = ""


class ParseError(ValueError):
    """The answer holds no valid action (the original's ``ActionParsingError``)."""


def extract(response: str) -> str:
    """The first ```` ```...``` ```` span on one line (the CoT constructor's ``_extract_action``)."""
    match = _EXTRACT.search(response)
    if match is None:
        raise ParseError(f'Cannot find the answer phrase "In summary, the next action I will perform is" in "{response}"')
    return match.group(1)


def _map_keys(combo: str) -> str:
    return "+".join(KEY_NAMES.get(key.lower(), key) for key in combo.split("+"))


def parse(action_str: str) -> Action:
    """``create_id_based_action``: one action string (already extracted) to an :class:`Action`."""
    action_str = action_str.strip()
    if "[" in action_str:
        name = action_str.split("[")[0].strip()
    else:
        words = action_str.split()
        if not words:  # the original raised IndexError here (an unscored crash)
            raise ParseError("Empty action")
        name = words[0].strip()

    def find(pattern: str) -> re.Match[str]:
        match = re.search(pattern, action_str)
        if match is None:
            raise ParseError(f"Invalid {name} action {action_str}")
        return match

    match name:
        case "click" | "hover":
            return Action(kind=Kind(name), element_id=find(rf"{name} ?\[(\d+)\]").group(1))
        case "type":
            if not (action_str.endswith("[0]") or action_str.endswith("[1]")):
                action_str += " [1]"  # Enter is pressed after typing unless told otherwise
            found = find(r"type ?\[(\d+)\] ?\[(.+)\] ?\[(\d+)\]")
            text = found.group(2) + ("\n" if found.group(3) == "1" else "")
            untypeable = sorted(set(text) - TYPEABLE)
            if untypeable:  # the original raised KeyError (an unscored crash)
                raise ParseError(f"Cannot type the characters {untypeable!r}")
            return Action(kind=Kind.TYPE, element_id=found.group(1), text=text)
        case "press":
            return Action(kind=Kind.PRESS, key=_map_keys(find(r"press ?\[(.+)\]").group(1)))
        case "scroll":
            return Action(kind=Kind.SCROLL, direction=find(r"scroll ?\[?(up|down)\]?").group(1))
        case "goto":
            return Action(kind=Kind.GOTO, url=find(r"goto ?\[(.+)\]").group(1))
        case "new_tab" | "go_back" | "go_forward" | "close_tab":
            return Action(kind=Kind(name))
        case "tab_focus":
            return Action(kind=Kind.TAB_FOCUS, tab=int(find(r"tab_focus ?\[(\d+)\]").group(1)))
        case "stop":
            match = re.search(r"stop ?\[(.+)\]", action_str)
            return Action(kind=Kind.STOP, answer=match.group(1) if match else "")
    raise ParseError(f"Invalid action {action_str}")


def equivalent(a: Action, b: Action) -> bool:
    """``is_equivalent`` for the id-based actions (typing compares the element only)."""
    if a.kind != b.kind:
        return False
    match a.kind:
        case Kind.SCROLL:
            return ("up" in a.direction) == ("up" in b.direction)
        case Kind.PRESS:
            return a.key == b.key
        case Kind.CLICK | Kind.HOVER | Kind.TYPE:
            return a.element_id == b.element_id  # parsed element actions always carry an id
        case Kind.TAB_FOCUS:
            return a.tab == b.tab
        case Kind.GOTO:
            return a.url == b.url
        case Kind.STOP:
            return a.answer == b.answer
    return True  # none, new_tab, go_back, go_forward, close_tab


def to_text(action: Action, element: str = "") -> str:
    """``action2str`` for the id-based action set."""
    eid = action.element_id
    match action.kind:
        case Kind.CLICK:
            return f"click [{eid}] where [{eid}] is {element}"
        case Kind.TYPE:
            return f"type [{eid}] [{action.text}] where [{eid}] is {element}"
        case Kind.HOVER:
            return f"hover [{eid}] where [{eid}] is {element}"
        case Kind.SCROLL:
            return f"scroll [{action.direction}]"
        case Kind.PRESS:
            return f"press [{action.key}]"
        case Kind.GOTO:
            return f"goto [{action.url}]"
        case Kind.TAB_FOCUS:
            return f"page_focus [{action.tab}]"
        case Kind.STOP:
            return f"stop [{action.answer}]"
    return action.kind.value  # new_tab, close_tab, go_back, go_forward, none


def history_text(action: Action, shown: dict[str, NodeInfo]) -> str:
    """The PREVIOUS ACTION text (``get_action_description``), with its recovery hints."""
    if action.kind in ELEMENT_KINDS:
        node = shown.get(action.element_id)
        if node is None:
            return (
                f'Attempt to perfom "{action.kind.value}" on element "[{action.element_id}]" but no matching '
                "element found. Please check the observation more carefully."
            )
        return to_text(action, " ".join(node.text.split()[1:]))
    if action.kind is Kind.NONE:
        return (
            f'The previous prediction you issued was "{action.raw}". However, the format was incorrect. Ensure '
            f"that the action is wrapped inside a pair of {SPLITTER} and enclose arguments within [] as follows: "
            f"{SPLITTER}action [arg] ...{SPLITTER}."
        )
    return to_text(action)
