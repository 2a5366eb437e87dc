"""A minimal HTML element tree (stdlib ``html.parser``) for the oracle's solvers."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class Node:
    """One element: tag, attributes, children and its text pieces."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node] = []
        self.parts: list[str | Node] = []

    @property
    def text(self) -> str:
        """All descendant text, whitespace-normalised (XPath ``normalize-space(.)``)."""
        out: list[str] = []

        def walk(node: Node) -> None:
            for part in node.parts:
                if isinstance(part, str):
                    out.append(part)
                else:
                    walk(part)

        walk(self)
        return " ".join("".join(out).split())

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and all(n.attrs.get(k) == v for k, v in attrs.items())]

    def ancestors(self) -> list[Node]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        self.cur.parts.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        self.cur.parts.append(node)

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent  # tolerate unclosed tags
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.parts.append(data)


def parse(html: str) -> Node:
    """Parse an HTML fragment into a tree rooted at a ``#root`` node."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def xpath_literal(text: str) -> str:
    """An XPath 1.0 string literal for any text."""
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return "concat(" + ", '\"', ".join(f'"{p}"' for p in text.split('"')) + ")"
