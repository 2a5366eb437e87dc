"""The candidate-centred page view: expected strings derived by hand from the original protocol
(``prune_tree`` + ``get_tree_repr`` with ``keep_html_brackets=True``), never from our renderer."""

from __future__ import annotations

import pytest

from tasks.mind2web.dom import PageError, parse_page, round_view
from tests.mind2web.fixtures import SHOP_PAGE

# Pruned around 9, 5, 8: the <p> (not an ancestor, descendant or near sibling) goes; only the
# candidates keep ids, renumbered in page order (5 -> 0, 8 -> 1, 9 -> 2); metas in attribute order.
SHOP_CONTEXT = (
    "<html> <body> <div> <a acme home /> <button id=0 button> Sign in </button> </div> <form search> "
    "<input id=1 search search products what are you looking for? /> <button id=2 submit> <span> Search "
    "</span> </button> </form> </body> </html>"
)


def test_view_of_the_shop_page_matches_the_hand_derivation():
    view = round_view(parse_page(SHOP_PAGE), ["9", "5", "8"])
    assert view.context == SHOP_CONTEXT
    assert view.choices == [
        ("5", "<button id=0 button> Sign in </button>"),
        ("8", "<input id=1 search search products what are you looking for?"),  # cut at 10 words
        ("9", "<button id=2 submit> <span> Search </span> </button>"),
    ]


def test_choice_order_is_page_order_whatever_the_group_order():
    assert [c for c, _ in round_view(parse_page(SHOP_PAGE), ["8", "9", "5"]).choices] == ["5", "8", "9"]


def test_far_elements_are_pruned_and_attribute_less_wrappers_unwrapped():
    view = round_view(parse_page(SHOP_PAGE), ["12"])
    # 12's siblings (div, form) stay without their children; the attribute-less <div> left with no
    # child is unwrapped away; the form keeps its role and its indentation text (so it is not
    # serialised self-closing); the <p> gets id 0.
    assert (
        view.context
        == "<html> <body> <form search> </form> <p id=0> Free shipping on orders over $35 & free returns </p> </body> </html>"
    )
    assert view.choices == [("12", "<p id=0> Free shipping on orders over $35 & free")]  # 10 words


def _list_page(n: int) -> str:
    items = "".join(f'<li backend_node_id="{100 + i}" title="item {i}"/>' for i in range(n))
    return f'<html backend_node_id="1"><ul backend_node_id="2">{items}</ul></html>'


def test_three_siblings_on_each_side():
    view = round_view(parse_page(_list_page(12)), ["106"])
    # a compact page: no whitespace between tags; an empty element keeps a space before "/>"
    assert view.context == (
        "<html><ul><li item 3 /><li item 4 /><li item 5 /><li id=0 item 6 /><li item 7 /><li item 8 />"
        "<li item 9 /></ul></html>"
    )


def test_entities_quotes_and_the_double_unescape():
    page = parse_page(
        '<html backend_node_id="1"><b backend_node_id="2" aria_label="Say &quot;hi&quot;">'
        '<text backend_node_id="3">a &amp;lt; b &amp; c</text></b></html>'
    )
    # "&amp;lt;" is unescaped twice ("&lt;" then "<"); a quote inside a value survives as '"'.
    assert round_view(page, ["2"]).context == '<html><b id=0 say "hi">a < b & c</b></html>'


def test_meta_rules_low_information_values_urls_long_words_and_duplicates():
    page = parse_page(
        '<html backend_node_id="1"><a backend_node_id="2" role="presentation" type="hidden" title="https://x.y/z" '
        'aria_label="Open supercalifragilistic menu now please today" name="open supercalifragilistic menu now please today"/></html>'
    )
    # role/type dropped (low information), URL dropped, the 15+ letter word dropped, at most 5
    # words per value, the identical name value not repeated.
    assert round_view(page, ["2"]).context == "<html><a id=0 open menu now please today /></html>"


def test_malformed_pages_and_unknown_candidates_are_page_errors():
    with pytest.raises(PageError, match="not well-formed"):
        parse_page("<html><div></html>")
    with pytest.raises(PageError, match="'77' is not in cleaned_html"):
        round_view(parse_page(SHOP_PAGE), ["77"])
