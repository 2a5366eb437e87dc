"""A small notation for authoring Mind2Web-style pages, tasks and steps.

``h("button", "Search", key="go", type="submit")`` is an element with a text child; ``key`` names
the element so a step can target it. ``cls=`` stands for the ``class`` attribute. Attribute names
follow ``cleaned_html`` (``aria_label``, ``input_value``, ``option_selected``...).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str]
    key: str | None = None


def h(tag: str, *children: Node | str | None, key: str | None = None, cls: str | None = None, **attrs: str) -> Node:
    """An element; ``None`` children are skipped (handy for optional parts)."""
    attributes = {name: str(value) for name, value in attrs.items()}
    if cls is not None:
        attributes["class"] = cls
    return Node(tag, attributes, [c for c in children if c is not None], key)


@dataclass
class Step:
    """One gold action on one page."""

    page: Node
    target: str | list[str]
    """Key(s) of the positive element(s); the first is the annotator's original target."""
    op: str = "CLICK"
    value: str = ""
    original_op: str | None = None
    rank: int = 0
    """The ranker's rank of the (first) positive; a second positive is ranked right after."""
    repr_text: str | None = None
    """Override of the text shown in the step's ``action_repr``."""


@dataclass
class Task:
    annotation_id: str
    website: str
    domain: str
    subdomain: str
    confirmed_task: str
    steps: list[Step] = field(default_factory=list)


ROLE_BY_TAG = {
    "a": "link", "button": "button", "select": "combobox", "option": "option", "img": "img",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "label": "label",
    "li": "li", "span": "span", "div": "div", "svg": "svg", "p": "p", "td": "gridcell", "tr": "row",
}  # fmt: skip
INPUT_ROLES = {"search": "searchbox", "checkbox": "checkbox", "radio": "radio", "submit": "button"}


def role_of(node: Node) -> str:
    """The role Mind2Web prints in an action repr: the explicit role, else one from the tag."""
    if node.attrs.get("role"):
        return node.attrs["role"]
    if node.tag == "input":
        return INPUT_ROLES.get(node.attrs.get("type", "text"), "textbox")
    return ROLE_BY_TAG.get(node.tag, node.tag)


def visible_text(node: Node) -> str:
    parts: list[str] = []
    for child in node.children:
        parts.append(child if isinstance(child, str) else visible_text(child))
    return " ".join(p for p in parts if p).strip()


def repr_text(node: Node) -> str:
    """The element text of an action repr (cut at 50 characters, as in Mind2Web's data)."""
    text = node.attrs.get("aria_label") or visible_text(node) or node.attrs.get("placeholder", "")
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:50] + "..."
