"""The page the model sees in one tournament round: Mind2Web's candidate-centred view of ``cleaned_html``.

AgentBench.old formats a round exactly as Mind2Web's multiple-choice action prediction does
(``format_input_multichoice`` over ``prune_tree`` and ``get_tree_repr`` in
``src/tasks/mind2web/{dataloader,data_utils/dom_utils}.py``), with ``keep_html_brackets=True``:

1. **Prune** the page around the round's candidates: keep each candidate, its ancestors, its first
   50 descendants (pre-order, at most 6 levels down) and up to 3 non-``text`` siblings on either
   side; drop everything else. Walking the copy bottom-up, ``backend_node_id`` stays only on the
   candidates, and an element left without attributes, with at most one child and no ``text``
   child, is replaced by its child (its own text and tail are lost).
2. **Render** the pruned tree: candidates get ``id=0, 1, ...`` in page order, every element keeps
   a ``meta`` of up to 20 words taken from its salient attributes, ``<text>`` wrappers vanish, and
   a fixed list of entities is unescaped. The choice line of a candidate is the first 10 words of
   its own rendering (its tail included, as ``lxml`` serialises it).

Both steps are re-implemented here with ``lxml`` and reproduce the original string operations in
the original order, quirks included (see the comments): the rendering is protocol, not style.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

from lxml import etree
from pydantic import BaseModel

NODE_ID = "backend_node_id"
TEXT_TAG = "text"

MAX_DEPTH = 5
"""``get_descendants`` recursion limit: descendants up to ``MAX_DEPTH + 1`` levels below a candidate."""
MAX_CHILDREN = 50
MAX_SIBLING = 3
MAX_VALUE_WORDS = 5
"""Words kept per attribute value (words of 15 characters or more are dropped first)."""
MAX_META_WORDS = 20
"""Words kept in an element's ``meta`` and in a ``<text>`` node."""
CHOICE_WORDS = 10

# The attributes that make an element's ``meta``, in this order (``get_attribute_repr``).
META_ATTRIBUTES = (
    "role", "aria_role", "type", "alt", "aria_description", "aria_label", "label", "title", "name",
    "text_value", "value", "placeholder", "input_checked", "input_value", "option_selected", "class",
)  # fmt: skip
LOW_INFORMATION = frozenset({"hidden", "none", "presentation", "null", "undefined"})

# Applied in this order after serialisation; "&amp;lt;" therefore ends as "<" (a double unescape).
ENTITIES = (
    ("&quot;", '"'), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&ndash;", "-"),
    ("&rsquo;", "'"), ("&lsquo;", "'"), ("&ldquo;", '"'), ("&rdquo;", '"'), ("&#39;", "'"),
    ("&#40;", "("), ("&#41;", ")"),
)  # fmt: skip

_TEXT_WRAPPER = re.compile(r"<text>(.*?)</text>")
_SPACES = re.compile(r"\s+")


class PageError(ValueError):
    """A page or candidate the protocol cannot render (malformed ``cleaned_html``, unknown id)."""


class RoundView(BaseModel):
    """What one round shows: the pruned page and the choices B, C, ... in page order."""

    context: str
    choices: list[tuple[str, str]]
    """(backend_node_id, first 10 words of the candidate's rendering), in page order."""


def parse_page(html: str) -> etree._Element:
    """``cleaned_html`` as the original reads it: ``lxml.etree.fromstring`` (an XML parse)."""
    try:
        return etree.fromstring(html)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise PageError(f"cleaned_html is not well-formed XML: {exc}") from None


def _node_id(element) -> str:
    return element.attrib.get(NODE_ID, "")


def _find(root, candidate_id: str):
    matches = root.xpath(f'//*[@{NODE_ID}="{candidate_id}"]') if '"' not in candidate_id else []
    if not matches:
        raise PageError(f"candidate {candidate_id!r} is not in cleaned_html")
    return matches[0]


def _descendants(element, depth: int = 0) -> list:
    """Pre-order descendants, as deep as the original's ``get_descendants(node, 5)`` reaches."""
    if depth > MAX_DEPTH:
        return []
    found = []
    for child in element:
        found.append(child)
        found.extend(_descendants(child, depth + 1))
    return found


def _ids_to_keep(root, candidate_ids: Sequence[str]) -> set[str]:
    """Ids of everything the pruned page keeps. Elements without an id contribute "" (then every
    id-less element is kept, as in the original)."""
    keep: set[str] = set()
    for candidate_id in candidate_ids:
        node = _find(root, candidate_id)
        keep.add(_node_id(node))
        keep.update(_node_id(a) for a in node.iterancestors())
        keep.update([_node_id(d) for d in _descendants(node)][:MAX_CHILDREN])
        parent = node.getparent()
        if parent is not None:
            siblings = [s for s in parent if s.tag != TEXT_TAG]
            at = siblings.index(node)
            keep.update(_node_id(s) for s in siblings[max(0, at - MAX_SIBLING) : at + MAX_SIBLING + 1])
    return keep


def _unwrap(element) -> None:
    """Replace ``element`` by its children (its own text and tail are dropped)."""
    for child in list(element):
        element.addprevious(child)
    element.getparent().remove(element)


def prune(root, candidate_ids: Sequence[str]):
    """A pruned copy of the page around ``candidate_ids`` (only they keep ``backend_node_id``)."""
    keep = _ids_to_keep(root, candidate_ids)
    wanted = set(candidate_ids)
    pruned = copy.deepcopy(root)
    for element in reversed(pruned.xpath("//*")):  # children before their parents
        is_text = element.tag == TEXT_TAG
        owner = element.getparent() if is_text else element  # a text node follows its parent
        owner_id = _node_id(owner)
        parent = element.getparent()
        if owner_id not in keep and parent is not None:
            parent.remove(element)
            continue
        if is_text or owner_id not in wanted:
            element.attrib.pop(NODE_ID, None)
        if (
            not is_text
            and parent is not None
            and len(element.attrib) == 0
            and len(element) <= 1
            and not any(child.tag == TEXT_TAG for child in element)
        ):
            _unwrap(element)
    return pruned


def _meta(element) -> str:
    """The element's salient attribute values, lower-cased, deduplicated, at most 20 words."""
    seen: set[str] = set()
    parts: list[str] = []
    for name in META_ATTRIBUTES:
        raw = element.attrib.get(name)
        if raw is None:
            continue
        value = raw.lower()
        if value in LOW_INFORMATION or value.startswith("http"):
            continue
        value = " ".join([w for w in value.split() if len(w) < 15][:MAX_VALUE_WORDS])
        if value and value not in seen:
            seen.add(value)
            parts.append(value)
    return " ".join(" ".join(parts).split()[:MAX_META_WORDS])


def render(tree, id_mapping: dict[str, int], keep_html_brackets: bool = True) -> str:
    """``get_tree_repr``: the rendering of ``tree`` (a copy is rendered; ``id_mapping`` gains the
    page-order index of every id it meets for the first time)."""
    tree = copy.deepcopy(tree)
    for element in tree.xpath("//*"):
        if element.tag == TEXT_TAG:
            if element.text is None:  # the original crashes here; cleaned_html never has one
                raise PageError("an empty <text> node")
            element.text = " ".join(element.text.split()[:MAX_META_WORDS])
            continue
        node_id = element.attrib.get(NODE_ID)
        if node_id is not None:
            index = id_mapping.setdefault(node_id, len(id_mapping))
            node_id = str(index)
        meta = _meta(element)
        element.attrib.clear()
        if node_id:
            element.attrib["id"] = node_id
        if meta:
            element.attrib["meta"] = meta
    text = etree.tostring(tree, encoding="unicode")
    # The original's string surgery, in its order: quotes become spaces, then "meta= " and the
    # space after "id=" go, then " >" closes up (these also touch page text that contains them).
    text = text.replace('"', " ").replace("meta= ", "").replace("id= ", "id=").replace(" >", ">")
    text = _TEXT_WRAPPER.sub(r"\1", text)
    if not keep_html_brackets:
        text = text.replace("/>", "$/$>")
        text = re.sub(r"</(.+?)>", r")", text)
        text = re.sub(r"<(.+?)>", r"(\1", text)
        text = text.replace("$/$", ")")
    for entity, char in ENTITIES:
        text = text.replace(entity, char)
    return _SPACES.sub(" ", text).strip()


def round_view(page, candidate_ids: Sequence[str], keep_html_brackets: bool = True) -> RoundView:
    """The context and the page-ordered choices for one group of candidates."""
    pruned = prune(page, candidate_ids)
    id_mapping: dict[str, int] = {}
    context = render(pruned, id_mapping, keep_html_brackets)
    choices = []
    for node in pruned.xpath(f"//*[@{NODE_ID}]"):
        words = render(node, id_mapping, keep_html_brackets).split()[:CHOICE_WORDS]
        choices.append((node.attrib[NODE_ID], " ".join(words)))
    return RoundView(context=context, choices=choices)
