"""The accessibility-tree observation as WebArena renders it (``browser_env/processors.py``).

Pure functions over what Chromium's DevTools protocol returns: ``DOMSnapshot.captureSnapshot``
(layout bounds) and ``Accessibility.getFullAXTree`` (the nodes). The browser side lives in
:mod:`tasks.webarena.browser`; everything here is deterministic and unit-tested on fixed input.

The rules reproduced (AgentTuning runs ``current_viewport_only=True``):

- bounds are rescaled by ``bounds[0].width / viewport width`` (the original's "calibration");
- each DOM node gets the union of its own and its laid-out descendants' boxes;
- AX nodes take their DOM node's boxes; nodes whose DOM node has no layout borrow the nearest
  ancestor's; nodes without a DOM node have none and are dropped from the viewport tree;
- a node is kept when its union box intersects the window (``pageXOffset/pageYOffset`` plus
  ``screen.width/height``);
- lines ``[nodeId] role 'name' prop: value ...`` indented by depth with tabs; nameless
  generic/img/list/... nodes without properties, and nameless list items, are skipped (their
  children move up a level); some properties are never shown;
- a StaticText line is dropped when its text occurs in one of the three lines kept before it.

Where the original would crash (a missing key, an ancestor not yet given a box), we continue with
"no box" instead; those pages never reached a score there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from pydantic import BaseModel

IGNORED_PROPERTIES = ("focusable", "editable", "readonly", "level", "settable", "multiline", "invalid")
NEWER_CHROMIUM_PROPERTIES = ("url",)
"""Properties today's Chromium reports that Chromium 112 (Playwright 1.32.1, WebArena's pin) did
not: hidden, so the text is what the original's browser showed (links carried no ``url:``)."""
EMPTY_NAME_SKIPPED_ROLES = (
    "generic", "img", "list", "strong", "paragraph", "banner", "navigation",
    "Section", "LabelText", "Legend", "listitem",
)  # fmt: skip
STATIC_TEXT = re.compile(r"\[\d+\] StaticText '([^']+)'")


class Window(BaseModel):
    """The scrolled window in page coordinates (the original's ``BrowserConfig``)."""

    upper: float
    left: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def lower(self) -> float:
        return self.upper + self.height

    def overlaps(self, box: list[float]) -> bool:
        x, y, width, height = box
        return x < self.right and x + width >= self.left and y < self.lower and y + height >= self.upper


class NodeInfo(BaseModel):
    """What an observation keeps about a shown node (used to click it)."""

    backend_id: int
    bound: list[float] | None
    union_bound: list[float] | None
    text: str


def calibrate(layout: dict[str, Any], viewport_width: float) -> list[list[float]]:
    """Bounds divided by ``bounds[0].width / viewport_width`` (a copy)."""
    bounds = layout["bounds"]
    scale = bounds[0][2] / viewport_width
    return [[v / scale for v in box] for box in bounds]


def _first_cursor(node_index: list[int]) -> dict[int, int]:
    """DOM node index -> its first layout entry (the original's ``list.index``)."""
    cursor: dict[int, int] = {}
    for position, idx in enumerate(node_index):
        cursor.setdefault(idx, position)
    return cursor


def _has_area(box: list[float] | None) -> bool:
    return box is not None and abs(box[2]) > 1e-8 and abs(box[3]) > 1e-8


def union_bounds(document: dict[str, Any], bounds: list[list[float]]) -> list[list[float] | None]:
    """Per layout entry: the box covering the node and its laid-out descendants.

    A child without layout ends the descent (its subtree adds nothing); a node whose boxes all
    lack area gets ``[0, 0, 0, 0]``.
    """
    parents = document["nodes"]["parentIndex"]
    cursor = _first_cursor(document["layout"]["nodeIndex"])
    children: dict[int, list[int]] = defaultdict(list)
    for idx, parent in enumerate(parents):
        if parent != -1:
            children[parent].append(idx)
    result: list[list[float] | None] = [None] * len(bounds)

    def visit(idx: int) -> list[float] | None:
        if idx not in cursor:
            return None
        position = cursor[idx]
        boxes = [list(bounds[position])]
        for child in children[idx]:
            child_box = visit(child)
            boxes.append(list(child_box) if child_box else None)
        corners = [[b[0], b[1], b[0] + b[2], b[1] + b[3]] for b in boxes if _has_area(b)]
        if not corners:
            box = [0.0, 0.0, 0.0, 0.0]
        else:
            left, top = min(c[0] for c in corners), min(c[1] for c in corners)
            right, bottom = max(c[2] for c in corners), max(c[3] for c in corners)
            box = [left, top, right - left, bottom - top]
        result[position] = box
        return box

    visit(0)
    return result


def attach_bounds(ax_nodes: list[dict[str, Any]], snapshot: dict[str, Any], viewport_width: float) -> list[dict[str, Any]]:
    """The AX nodes (first of each id) with ``bound`` and ``union_bound`` from the layout."""
    document = snapshot["documents"][0]
    layout = document["layout"]
    bounds = calibrate(layout, viewport_width)
    unions = union_bounds(document, bounds)
    cursor = _first_cursor(layout["nodeIndex"])
    by_backend: dict[int, tuple[list[float], list[float] | None]] = {}
    for idx, backend in enumerate(document["nodes"]["backendNodeId"]):
        if idx in cursor:
            by_backend[backend] = (bounds[cursor[idx]], unions[cursor[idx]])

    seen: set[str] = set()
    nodes: list[dict[str, Any]] = []
    for node in ax_nodes:
        if node["nodeId"] not in seen:
            seen.add(node["nodeId"])
            nodes.append(dict(node))
    position = {node["nodeId"]: i for i, node in enumerate(nodes)}
    parent_of: dict[str, str] = {}
    to_refine: list[dict[str, Any]] = []
    for node in nodes:
        if "parentId" in node:
            parent_of[node["nodeId"]] = node["parentId"]
        backend = node.get("backendDOMNodeId")
        if backend is None:
            node["bound"] = node["union_bound"] = None
        elif backend not in by_backend:
            to_refine.append(node)
        else:
            node["bound"], node["union_bound"] = by_backend[backend]
    for node in to_refine:  # in tree order: an ancestor refined earlier lends its new box
        ancestor = None
        child = node["nodeId"]
        while child in parent_of and parent_of[child] in position:
            child = parent_of[child]
            ancestor = nodes[position[child]]
            if ancestor.get("union_bound") is not None:
                break
        node["bound"] = ancestor.get("bound") if ancestor else None
        node["union_bound"] = ancestor.get("union_bound") if ancestor else None
    return nodes


def in_window(nodes: list[dict[str, Any]], window: Window) -> list[dict[str, Any]]:
    """The nodes whose union box meets the window (nodes without a box are dropped)."""
    return [n for n in nodes if n.get("union_bound") and window.overlaps(n["union_bound"])]


def node_line(node: dict[str, Any], node_id: str) -> tuple[str, bool]:
    """``[id] role 'name' props`` and whether the node is shown; raises KeyError without role/name."""
    role = node["role"]["value"]
    name = node["name"]["value"]
    line = f"[{node_id}] {role} {name!r}"
    props = []
    for prop in node.get("properties", []):
        try:
            if prop["name"] in IGNORED_PROPERTIES or prop["name"] in NEWER_CHROMIUM_PROPERTIES:
                continue
            props.append(f"{prop['name']}: {prop['value']['value']}")
        except KeyError:
            pass
    if props:
        line += " " + " ".join(props)
    shown = True
    if not name.strip():
        if not props:
            shown = role not in EMPTY_NAME_SKIPPED_ROLES
        elif role == "listitem":
            shown = False
    return line, shown


def render(nodes: list[dict[str, Any]]) -> tuple[str, dict[str, NodeInfo]]:
    """The indented text of the tree rooted at ``nodes[0]`` and the shown nodes by id."""
    if not nodes:
        return "", {}
    position = {node["nodeId"]: i for i, node in enumerate(nodes)}
    info: dict[str, NodeInfo] = {}

    def visit(idx: int, node_id: str, depth: int) -> str:
        node = nodes[idx]
        text = ""
        shown = False
        try:
            line, shown = node_line(node, node_id)
            if shown:
                text += "\t" * depth + line
                info[node_id] = NodeInfo(
                    backend_id=node["backendDOMNodeId"], bound=node["bound"], union_bound=node["union_bound"], text=line
                )
        except (KeyError, TypeError):
            shown = False  # the original: the line may stay, the node is not clickable
        for child_id in node.get("childIds", []):
            if child_id not in position:
                continue
            child_text = visit(position[child_id], child_id, depth + 1 if shown else depth)
            if child_text.strip():
                if text.strip():
                    text += "\n"
                text += child_text
        return text

    return visit(0, nodes[0]["nodeId"], 0), info


def clean(tree: str) -> str:
    """Drop StaticText lines repeating text of the three lines kept before them (and any
    StaticText line the pattern cannot read, as the original does)."""
    kept: list[str] = []
    for line in tree.split("\n"):
        if "statictext" in line.lower():
            match = STATIC_TEXT.search(line)
            if match and all(match.group(1) not in previous for previous in kept[-3:]):
                kept.append(line)
        else:
            kept.append(line)
    return "\n".join(kept)


def tab_header(titles: list[str] | None, current: int, count: int) -> str:
    """``Tab 0 (current): title | Tab 1: title``; the original's fallback when a title cannot be
    read is the literal text ``Tab {idx}`` (an f-string it forgot), reproduced."""
    if titles is None:
        return " | ".join("Tab {idx}" for _ in range(count))
    parts = [f"Tab {i} (current): {t}" if i == current else f"Tab {i}: {t}" for i, t in enumerate(titles)]
    return " | ".join(parts)


def observation(
    ax_nodes: list[dict[str, Any]], snapshot: dict[str, Any], window: Window, viewport_width: float, header: str
) -> tuple[str, dict[str, NodeInfo]]:
    """The full text observation (tab header, blank line, cleaned viewport tree) and node info."""
    nodes = in_window(attach_bounds(ax_nodes, snapshot, viewport_width), window)
    tree, info = render(nodes)
    return f"{header}\n\n{clean(tree)}", info
