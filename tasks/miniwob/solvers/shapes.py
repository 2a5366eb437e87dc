"""Gold solvers of the shape-grid tasks (``common/shapes.js``): click-shape and count-shape.

A description is ``[large|small] [colour] (item|letter|digit|shape|<the text>)``; a shape matches
when every given part does (``shapes.shapeMatchesText``). The shapes are read from the SVG the
agent is shown: ``text`` (letters, digits), ``rect``, ``circle`` and ``polygon`` (triangles), their
fill colour, and their size (20 px large, 10 px small).
"""

from __future__ import annotations

from pydantic import BaseModel

from tasks.miniwob.html_tree import Node
from tasks.miniwob.solvers.base import Step, Unsolvable, View, match, q

SIZES = ("large", "small")
COLORS = ("red", "green", "blue", "aqua", "black", "magenta", "yellow")
_SHAPE_TAGS = {"rect": "rectangle", "circle": "circle", "polygon": "triangle"}


class Shape(BaseModel):
    index: int
    """1-based position among the SVG's children (the xpath index)."""
    size: str
    color: str
    kind: str
    """letter, digit or shape."""
    text: str
    """The character, or circle / rectangle / triangle."""


class Description(BaseModel):
    size: str = ""
    color: str = ""
    what: str = "item"

    def matches(self, s: Shape) -> bool:
        return (
            (not self.size or self.size == s.size)
            and (not self.color or self.color == s.color)
            and (self.what == "item" or self.what in (s.text, s.kind))
        )


def _px(value: str) -> float:
    return float(value.replace("px", "") or 0)


def _shape(index: int, node: Node) -> Shape | None:
    color = node.attrs.get("fill", "")
    if node.tag == "text":
        text = node.text
        kind = "digit" if text.isdigit() else "letter"
        big = _px(node.attrs.get("font-size", "0")) >= 20
    elif node.tag in _SHAPE_TAGS:
        text, kind = _SHAPE_TAGS[node.tag], "shape"
        if node.tag == "rect":
            big = _px(node.attrs.get("width", "0")) >= 20
        elif node.tag == "circle":
            big = _px(node.attrs.get("r", "0")) >= 10
        else:
            xs = [float(p.split(",")[0]) for p in node.attrs.get("points", "").split()]
            big = bool(xs) and max(xs) - min(xs) >= 20
    else:
        return None
    return Shape(index=index, size="large" if big else "small", color=color, kind=kind, text=text)


def grid(v: View) -> list[Shape]:
    svg = next(iter(v.page.find_all("svg", id="area_svg")), None)
    if svg is None:
        raise Unsolvable("no shape grid")
    return [s for i, c in enumerate(svg.children, 1) if (s := _shape(i, c)) is not None]


def describe(text: str) -> Description:
    words = text.split()
    if not words:
        raise Unsolvable(text)
    desc = Description(what=words[-1])
    rest = words[:-1]
    if rest and rest[0] in SIZES:
        desc.size = rest.pop(0)
    if rest and rest[0] in COLORS:
        desc.color = rest.pop(0)
    if rest:
        raise Unsolvable(text)
    return desc


def click_shape(v: View) -> list[Step]:
    desc = describe(match(r"^Click on an? (.+)$", v.goal).group(1))
    hit = next((s for s in grid(v) if desc.matches(s)), None)
    if hit is None:
        raise Unsolvable(f"no shape matches {v.goal!r}")
    return [f'clickxpath //*[@id="area_svg"]/*[{hit.index}]']


def count_shape(v: View) -> list[Step]:
    what = match(r"^How many (.+)s are there\?$", v.goal).group(1)
    n = sum(describe(what).matches(s) for s in grid(v))
    return [f'clickxpath //div[@id="count-buttons"]/button[text()={q(str(n))}]']
