"""Authored shopping sites: a department store (cross-task) and an electronics store (cross-website)."""

from __future__ import annotations

from tests.mind2web.authoring.common import document, footer, header, select, text_input
from tests.mind2web.authoring.dsl import Step, Task, h

# -- northmart: a department store ----------------------------------------------------------------
NM_NAV = ["Women", "Men", "Kids", "Home", "Shoes", "Sale"]
NM_FOOT = {"Customer care": ["Order status", "Returns", "Size guide"], "About": ["Stores", "Careers"]}


def northmart_search(query="") -> object:
    return h("form",
             text_input("Search Northmart", key="search", typed=query, kind="search", placeholder="What can we help you find?"),
             h("button", h("svg", cls="icon-search", key="search-icon"), key="search-go", type="submit",
               aria_label="Submit search"),
             role="search")  # fmt: skip


def northmart_home(query="") -> object:
    return document(
        header("Northmart", NM_NAV, extra=northmart_search(query)),
        h("main",
          h("section", h("h1", "Spring into savings"), h("a", "Shop the sale")),
          h("section", h("h2", "Trending now"),
            *[h("a", h("img", alt=name), h("span", name)) for name in ("Linen shirts", "Trail sneakers", "Rain jackets")])),
        footer("Northmart", NM_FOOT),
    )  # fmt: skip


def northmart_results(black=False) -> object:
    shoes = [("Stride Runner 2 Men's Running Shoe", "$89.99", "stride"), ("Pacer Lite Men's Running Shoe", "$64.99", None),
             ("Trailhawk Men's Trail Running Shoe", "$109.99", None), ("Cloudstep Men's Road Running Shoe", "$129.99", None)]  # fmt: skip
    colors = ["Black", "White", "Gray", "Blue", "Red"]
    return document(
        header("Northmart", NM_NAV, extra=northmart_search("men's running shoes")),
        h("main",
          h("aside",
            h("h2", "Filters"),
            h("div", h("h3", "Color"),
              *[h("label", h("input", type="checkbox", name="color", **({"input_checked": "true"} if black and c == "Black" else {})),
                  c, key="black" if c == "Black" else None) for c in colors]),
            h("div", h("h3", "Brand"), *[h("label", h("input", type="checkbox", name="brand"), b) for b in ("Stride", "Pacer")])),
          h("section",
            h("h1", "Men's running shoes"),
            select("Sort by", ["Featured", "Price: Low to High", "Price: High to Low", "Top rated"], chosen="Featured"),
            *[h("article", h("a", h("img", alt=name), h("span", name), key=key), h("span", price),
                h("button", "Quick view", type="button")) for name, price, key in shoes])),
        footer("Northmart", NM_FOOT),
    )  # fmt: skip


def northmart_product(size=None) -> object:
    return document(
        header("Northmart", NM_NAV, extra=northmart_search()),
        h("main",
          h("h1", "Stride Runner 2 Men's Running Shoe"),
          h("span", "$89.99"),
          h("div", h("span", "Color: Black"),
            *[h("button", h("img", alt=c), type="button", aria_label=c) for c in ("Black", "White", "Gray")]),
          select("Size", ["Select a size", "8", "8.5", "9", "9.5", "10", "10.5", "11"], chosen=size or "Select a size",
                 key="size"),
          select("Quantity", ["1", "2", "3"], chosen="1"),
          h("button", "Add to cart", key="add", type="button"),
          h("button", h("svg", cls="icon-heart"), "Add to wish list", type="button"),
          h("section", h("h2", "Details"), h("p", "Breathable mesh upper with a cushioned foam midsole."))),
        footer("Northmart", NM_FOOT),
    )  # fmt: skip


NORTHMART = [
    Task("3f2e1d0c-b9a8-4765-8432-10fedcba9876", "northmart", "Shopping", "Department",
         "Add a pair of men's black running shoes in size 10 to the cart.", [
        Step(northmart_home(), "search", "TYPE", "men's running shoes"),
        Step(northmart_home("men's running shoes"), ["search-go", "search-icon"], rank=1, repr_text="Submit search"),
        Step(northmart_results(), "black", rank=3),
        Step(northmart_results(black=True), "stride", rank=2),
        Step(northmart_product(), "size", "SELECT", "10"),
        Step(northmart_product("10"), "add"),
    ]),
]  # fmt: skip

# -- voltbay: electronics ------------------------------------------------------------------------------
VB_NAV = ["TV & Home Theater", "Computers", "Phones", "Gaming", "Smart home"]
VB_FOOT = {"Orders": ["Order status", "Shipping", "Returns"], "Voltbay": ["Stores", "Gift cards", "Careers"]}


def voltbay_home(menu=False) -> object:
    submenu = h("div", h("a", "All TVs"), h("a", "OLED TVs", key="oled"), h("a", "QLED TVs"), h("a", "Soundbars"),
                h("a", "Projectors"), role="menu", aria_label="TV & Home Theater") if menu else None  # fmt: skip
    return document(
        header("Voltbay", VB_NAV, keys={"TV & Home Theater": "tv-menu"}, extra=submenu),
        h("main",
          h("section", h("h1", "Deals of the day"),
            *[h("article", h("a", h("span", item)), h("span", price)) for item, price in
              (("Noise-canceling headphones", "$179.99"), ("27-inch 4K monitor", "$249.99"))]),
          h("section", h("h2", "Shop by brand"), *[h("a", b) for b in ("Lumen", "Kairo", "Sonata")])),
        footer("Voltbay", VB_FOOT, keys={"Order status": "order-status"}),
    )  # fmt: skip


def voltbay_oled(size65=False, sort="Best selling") -> object:
    tvs = [("Lumen 65\" C3 OLED 4K TV", "$1,799.99"), ("Kairo 55\" OLED 4K TV", "$1,199.99"),
           ("Sonata 65\" A80 OLED 4K TV", "$1,899.99"), ("Lumen 77\" G3 OLED 4K TV", "$3,499.99")]  # fmt: skip
    return document(
        header("Voltbay", VB_NAV),
        h("main",
          h("aside", h("h2", "Screen size"),
            *[h("label", h("input", type="checkbox", **({"input_checked": "true"} if size65 and s == '65"' else {})), s,
                key="65in" if s == '65"' else None) for s in ('48"', '55"', '65"', '77"')],
            h("h2", "Price"), *[h("label", h("input", type="checkbox"), p) for p in ("Under $1,000", "$1,000 - $2,000")]),
          h("section", h("h1", "OLED TVs"),
            select("Sort by", ["Best selling", "Price: Low to High", "Price: High to Low", "Newest"], chosen=sort, key="sort"),
            *[h("article", h("a", h("span", name)), h("span", price), h("label", h("input", type="checkbox"), "Compare"))
              for name, price in tvs])),
        footer("Voltbay", VB_FOOT),
    )  # fmt: skip


def voltbay_order(number="", email="") -> object:
    return document(
        header("Voltbay", VB_NAV),
        h("main", h("h1", "Check your order status"),
          h("p", "Sign in to see all your orders, or look one up below."),
          h("form",
            text_input("Order number", key="order", typed=number),
            text_input("Email address", key="email", typed=email, kind="email"),
            h("button", "Track order", key="track", type="submit")),
          h("a", "Sign in instead")),
        footer("Voltbay", VB_FOOT),
    )  # fmt: skip


VOLTBAY = [
    Task("9a8b7c6d-5e4f-4321-9fed-cba987654321", "voltbay", "Shopping", "Digital",
         "Compare prices of 65-inch OLED TVs, cheapest first.", [
        Step(voltbay_home(), "tv-menu", original_op="HOVER"),
        Step(voltbay_home(menu=True), "oled", rank=1),
        Step(voltbay_oled(), "65in", rank=2),
        Step(voltbay_oled(size65=True), "sort", "SELECT", "Price: Low to High", rank=4),
    ]),
    Task("1b2c3d4e-5f60-4718-89ab-cdef01234567", "voltbay", "Shopping", "Digital",
         "Track my order 88231904 placed with the email jo.reyes@example.com.", [
        Step(voltbay_home(), "order-status", rank=6),
        Step(voltbay_order(), "order", "TYPE", "88231904"),
        Step(voltbay_order("88231904"), "email", "TYPE", "jo.reyes@example.com"),
        Step(voltbay_order("88231904", "jo.reyes@example.com"), "track"),
    ]),
]  # fmt: skip
