"""Page scaffolding shared by the authored sites: document, header navigation, footer, listboxes."""

from __future__ import annotations

from tests.mind2web.authoring.dsl import Node, h


def document(*body: Node | None) -> Node:
    return h("html", h("body", *body))


def header(brand: str, links: list[str], keys: dict[str, str] | None = None, extra: Node | None = None) -> Node:
    """A site header: logo link, main navigation, account controls."""
    keys = keys or {}
    return h(
        "header",
        h("a", h("img", alt=f"{brand} logo"), aria_label=f"{brand} home"),
        h("nav", h("ul", *[h("li", h("a", text, key=keys.get(text))) for text in links]), aria_label="Main menu"),
        extra,
        h("div", h("button", h("svg", cls="icon-user"), "Sign in", type="button"), h("a", "Help")),
        role="banner",
    )


def footer(brand: str, columns: dict[str, list[str]], keys: dict[str, str] | None = None) -> Node:
    keys = keys or {}
    blocks = [
        h("div", h("h3", title), h("ul", *[h("li", h("a", text, key=keys.get(text))) for text in items]))
        for title, items in columns.items()
    ]
    return h(
        "footer",
        *blocks,
        h("div", h("a", h("svg", cls="icon-facebook"), aria_label=f"{brand} on Facebook"),
              h("a", h("svg", cls="icon-instagram"), aria_label=f"{brand} on Instagram")),
        h("p", f"© 2023 {brand}. All rights reserved."),
        role="contentinfo",
    )


def listbox(label: str, options: list[str], keys: dict[str, str] | None = None) -> Node:
    """An autocomplete dropdown under a text field."""
    keys = keys or {}
    return h(
        "ul",
        *[h("li", h("span", text), key=keys.get(text), role="option") for text in options],
        role="listbox",
        aria_label=label,
    )


def select(label: str, options: list[str], chosen: str | None = None, key: str | None = None, name: str = "") -> Node:
    return h(
        "select",
        *[h("option", text, value=text.lower(), **({"option_selected": "true"} if text == chosen else {})) for text in options],
        key=key,
        aria_label=label,
        name=name or label.lower().replace(" ", "_"),
    )


def text_input(label: str, key: str | None = None, typed: str = "", kind: str = "text", placeholder: str = "") -> Node:
    attrs = {"type": kind, "aria_label": label}
    if placeholder:
        attrs["placeholder"] = placeholder
    if typed:
        attrs["input_value"] = typed
    return h("input", key=key, **attrs)


def calendar(month: str, days: int, keys: dict[int, str] | None = None, first: int = 1) -> Node:
    """A month grid of day buttons."""
    keys = keys or {}
    rows, week = [], []
    for day in range(first, days + 1):
        week.append(h("td", h("button", str(day), key=keys.get(day), aria_label=f"{month} {day}", type="button")))
        if len(week) == 7:
            rows.append(h("tr", *week))
            week = []
    if week:
        rows.append(h("tr", *week))
    return h("div", h("h3", month), h("table", *rows, role="grid"), role="dialog", aria_label="Choose a date")
