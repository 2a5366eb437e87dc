"""From a page's HTML to what the agent reads, as WebAgentTextEnv does it with BeautifulSoup.

A small tree is built with the standard library's ``html.parser`` and read with BeautifulSoup's
rules as the original uses them:

- text nodes: a string made only of ASCII whitespace collapses to ``"\\n"`` when it holds a
  newline, else to ``" "`` (outside ``<pre>`` / ``<textarea>``);
- visible text: every text node whose parent is not style/script/head/title/meta/the document,
  comments excluded;
- ``text`` mode (AgentBench.old's ``observation_mode="text"``): the visible strings other than
  ``"\\n"``, each stripped, joined with ``" [SEP] "``;
- ``text_rich`` mode: buttons as ``[button] X [button_]``, option labels and product links as
  ``[clicked button] X [clicked button_]`` once chosen, one string a line;
- available actions: ``has_search_bar`` (an element with id ``search_input``) and the clickables:
  the lower-cased text of every ``.btn`` element, then every ``.product-link``, then the value of
  every radio input (keys of one dict, so a repeated name keeps its first position).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_INVISIBLE_PARENTS = frozenset({"style", "script", "head", "title", "meta", "[document]"})
_PRESERVE_WHITESPACE = frozenset({"pre", "textarea"})
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | Text] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        """BeautifulSoup's ``get_text()``: every descendant string, concatenated."""
        return "".join(c.value if isinstance(c, Text) else c.text() for c in self.children)

    def walk(self):
        for child in self.children:
            yield child
            if isinstance(child, Element):
                yield from child.walk()


@dataclass
class Text:
    value: str
    parent: Element
    comment: bool = False


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("[document]", {})
        self.current = self.root
        self.pending: list[str] = []

    def _flush(self) -> None:
        if not self.pending:
            return
        data = "".join(self.pending)
        self.pending = []
        if not data.strip(_ASCII_SPACES):
            node: Element | None = self.current
            preserved = False
            while node is not None:
                if node.tag in _PRESERVE_WHITESPACE:
                    preserved = True
                    break
                node = node.parent
            if not preserved:
                data = "\n" if "\n" in data else " "
        self.current.children.append(Text(data, self.current))

    def handle_starttag(self, tag, attrs):
        self._flush()
        element = Element(tag, {k: (v or "") for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self._flush()
        self.current.children.append(Element(tag, {k: (v or "") for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag):
        self._flush()
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an unmatched end tag is ignored
            self.current = node.parent

    def handle_data(self, data):
        self.pending.append(data)

    def handle_comment(self, data):
        self._flush()
        self.current.children.append(Text(data, self.current, comment=True))


def parse(html: str) -> Element:
    """The page as a tree."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    builder._flush()
    return builder.root


def visible_texts(root: Element) -> list[Text]:
    return [
        node
        for node in root.walk()
        if isinstance(node, Text) and not node.comment and node.parent.tag not in _INVISIBLE_PARENTS
    ]


def simple_text(root: Element) -> str:
    """``observation_mode="text"``: the visible strings, stripped, joined with `` [SEP] ``."""
    return " [SEP] ".join(t.value.strip() for t in visible_texts(root) if t.value != "\n")


def rich_text(root: Element, url: str, clicked_asins: set[str]) -> str:
    """``observation_mode="text_rich"``: button markers, clicked options and products marked."""
    observation = ""
    for t in visible_texts(root):
        value = t.value
        if value == "\n":
            continue
        parent = t.parent
        if parent.tag == "button":
            processed = f"[button] {value} [button_]"
        elif parent.tag == "label":
            if f'"{value}"' in url:
                processed = f"  [clicked button] {value} [clicked button_]"
                observation = f"You have clicked {value}.\n" + observation
            else:
                processed = f"  [button] {value} [button_]"
        elif parent.classes == ["product-link"]:
            if value in clicked_asins:
                processed = f"\n[clicked button] {value} [clicked button_]"
            else:
                processed = f"\n[button] {value} [button_]"
        else:
            processed = value
        observation += processed + "\n"
    return observation


@dataclass(frozen=True)
class Clickable:
    """What a click on one of the page's clickables does: a button, a product link, an option."""

    kind: str
    option_name: str | None = None


def available_actions(root: Element) -> tuple[bool, dict[str, Clickable]]:
    """(has_search_bar, text -> clickable) in the original's order."""
    has_search_bar = False
    buttons: list[Element] = []
    links: list[Element] = []
    radios: list[Element] = []
    for node in root.walk():
        if not isinstance(node, Element):
            continue
        if node.attrs.get("id") == "search_input":
            has_search_bar = True
        if "btn" in node.classes:
            buttons.append(node)
        if "product-link" in node.classes:
            links.append(node)
        if node.tag == "input" and node.attrs.get("type") == "radio":
            radios.append(node)
    clickables: dict[str, Clickable] = {}
    for element in buttons:
        clickables[element.text().lower()] = Clickable("button")
    for element in links:
        clickables[element.text().lower()] = Clickable("link")
    for element in radios:
        clickables[element.attrs.get("value", "None")] = Clickable("option", element.attrs.get("name"))
    return has_search_bar, clickables
