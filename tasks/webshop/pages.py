"""The site's HTML pages, written for this harness after the WebShop templates.

Each page carries the same visible text, in the same order and under the same kind of element,
as the original template (web_agent_site/templates/*.html) rendered by Flask: that is what the
text environment turns into the agent's observation, so it is the protocol. Scripts, styles and
images are left out (invisible to the text environment). Data values sit alone in their element,
as in the templates, so whitespace in the data collapses exactly as it does there.

Text per page (the ``[SEP]`` observation lists exactly these strings, stripped):

- search: ``WebShop``, ``Instruction:``, the instruction, ``Search``;
- results: ``Instruction:``, the instruction, ``Back to Search``, ``Page P (Total results: N)``,
  ``< Prev`` (from page 2 on), ``Next >``, then per product its asin, title and price tag;
- item: ``Instruction:``, instruction, ``Back to Search``, ``< Prev``, each option name followed
  by its values, the title, ``Price: ...``, ``Rating: ...``, ``Description``, ``Features``,
  ``Reviews``, (``Attributes``), ``Buy Now``;
- description / features / reviews / attributes: the header, ``< Prev``, then the content;
- done: the thank-you page with the (hidden) purchase record and the score.
"""

from __future__ import annotations

import json
import pprint
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

END_BUTTON = "Buy Now"
NEXT_PAGE = "Next >"
PREV_PAGE = "< Prev"
BACK_TO_SEARCH = "Back to Search"
SUB_PAGES = ("Description", "Features", "Reviews", "Attributes")


def _e(value: Any) -> str:
    """A value as Jinja prints it (None -> "None"), HTML-escaped."""
    return escape(str(value), quote=True)


def _document(body: str) -> str:
    return f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def _header(instruction: str, *, search_page: bool = False) -> str:
    label = "Instruction: " if search_page else "Instruction:"
    return f'<div id="instruction-text">\n<h4>{label}<br>{_e(instruction)}</h4>\n</div>'


def _button(text: str, classes: str = "btn btn-primary") -> str:
    return f'<form method="post">\n<button type="submit" class="{classes}">{_e(text)}</button>\n</form>'


def search_page(instruction: str) -> str:
    body = (
        '<div id="logo">\n<h2>WebShop</h2>\n</div>\n'
        f"{_header(instruction, search_page=True)}\n"
        '<form method="post">\n'
        '<input id="search_input" type="text" name="search_query" placeholder="Search..." required>\n'
        '<button class="btn btn-success" type="submit"><i class="glyphicon glyphicon-search"></i>Search</button>\n'
        "</form>"
    )
    return _document(body)


def results_page(instruction: str, products: Sequence[Mapping[str, Any]], page: int, total: int) -> str:
    parts = [
        _header(instruction),
        _button(BACK_TO_SEARCH, "btn btn-success"),
        f"<h3>Page {page} (Total results: {total})</h3>",
    ]
    if page > 1:
        parts.append(_button(PREV_PAGE))
    parts.append(_button(NEXT_PAGE))
    for item in products:
        parts.append(
            '<div class="searched-product">\n'
            f'<h4 class="product-asin"><a class="product-link" href="#">{_e(item["asin"])}</a></h4>\n'
            f'<h4 class="product-title">{_e(item["Title"])}</h4>\n'
            f'<h5 class="product-price">{_e(item["Price"])}</h5>\n</div>'
        )
    return _document("\n".join(parts))


def item_page(instruction: str, product: Mapping[str, Any], show_attrs: bool = False) -> str:
    parts = [_header(instruction), _button(BACK_TO_SEARCH, "btn btn-success"), _button(PREV_PAGE)]
    for name, values in product["options"].items():
        radios = []
        for n, value in enumerate(values):
            ident = _e(f"radio_{name}{n}")
            radios.append(
                f'<input type="radio" id="{ident}" name="{_e(name)}" value="{_e(value)}">\n'
                f'<label for="{ident}">{_e(value)}</label>'
            )
        parts.append(f'<div class="option">\n<h4>{_e(name)}</h4>\n' + "\n".join(radios) + "\n</div>")
    parts.append(f"<h2>{_e(product['Title'])}</h2>")
    parts.append(f"<h4>Price: {_e(product['Price'])}</h4>")
    parts.append(f"<h4>Rating: {_e(product['Rating'])}</h4>")
    for sub in SUB_PAGES if show_attrs else SUB_PAGES[:3]:
        parts.append(_button(sub))
    parts.append(_button(END_BUTTON, "btn btn-lg purchase"))
    return _document("\n".join(parts))


def sub_page(instruction: str, product: Mapping[str, Any], which: str) -> str:
    """The Description, Features, Reviews or Attributes page of a product."""
    parts = [_header(instruction), _button(BACK_TO_SEARCH, "btn btn-success"), _button(PREV_PAGE)]
    if which == "Description":
        parts.append(f'<p class="product-info">{_e(product["Description"])}</p>')
    elif which == "Features":
        items = "\n".join(f'<li><p class="product-info"> {_e(b)}</p></li>' for b in product["BulletPoints"])
        parts.append(f"<ul>\n{items}\n</ul>")
    elif which == "Reviews":
        for review in product["Reviews"]:
            parts.append(
                f'<div class="card">\n<h4>"{_e(review.get("title"))}"</h4>\n'
                f'<p class="text-left">\n<span>{_e(review.get("score"))}</span>\n</p>\n'
                f'<p class="content">{_e(review.get("body"))}</p>\n</div>'
            )
    elif which == "Attributes":
        items = "\n".join(f'<li><p class="attribute"> {_e(a)}</p></li>' for a in product["Attributes"])
        parts.append(f"<ul>\n{items}\n</ul>")
        for key in ("category", "query", "product_category"):
            parts.append(f"<h5>{_e(product[key])}</h5>")
    else:
        raise ValueError(f"unknown sub page {which!r}")
    return _document("\n".join(parts))


def _tojson(value: Any) -> str:
    """Flask 2.1's ``tojson`` filter: sorted keys, HTML-sensitive characters as \\u escapes."""
    text = json.dumps(value, sort_keys=True)
    for ch, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(ch, code)
    return text


def done_page(asin: str, options: Mapping[str, str], reward: float) -> str:
    """The page after Buy Now. As in the text environment, only asin, options and reward are
    filled in; the other fields of the template print as "None" or nothing."""
    hidden = [
        "<h2>Purchased</h2>",
        f"<h4>asin<pre>{_e(asin)}</pre></h4>",
        f"<h4>options<pre>{escape(_tojson(dict(options)), quote=False)}</pre></h4>",
        "<h4>attrs<pre>None</pre></h4>",
        "<h4>category<pre>None</pre></h4>",
        "<h4>query<pre>None</pre></h4>",
        "<h4>product category<pre>None</pre></h4>",
        "<h2>Target</h2>",
        "<h4>asin<pre></pre></h4>",
        "<h4>options<pre></pre></h4>",
        "<h4>attrs<pre></pre></h4>",
        "<h4>price upper<pre></pre></h4>",
        "<h4>instuction text<pre></pre></h4>",
        "<h4>category<pre></pre></h4>",
        "<h4>product category<pre></pre></h4>",
        "<h4>query<pre></pre></h4>",
        f"<h4>Goal <div><pre>{_e(pprint.pformat(None))}</pre></div></h4>",
        "<h2>Reward</h2>",
    ]
    body = (
        "<h1>Thank you for shopping with us!</h1>\n"
        "<h3>Your code: </h3>\n<p><pre>None</pre> (Paste it in your MTurk interface.)</p>\n"
        '<div style="display:none">\n' + "\n".join(hidden) + "\n</div>\n"
        f'<h3 id="reward">Your score (min 0.0, max 1.0)<pre>{_e(reward)}</pre></h3>\n'
        f"<h4 hidden>Reward Details <div><pre>{_e(pprint.pformat(None))}</pre></div></h4>"
    )
    return _document(body)
