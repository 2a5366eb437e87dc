"""Authored information sites (cross-domain): a public library, a weather service, a recipe site."""

from __future__ import annotations

from tests.mind2web.authoring.common import document, footer, header, listbox, select, text_input
from tests.mind2web.authoring.dsl import Step, Task, h

# -- citylibrary ---------------------------------------------------------------------------------------
CL_NAV = ["Catalog", "Events", "Locations & Hours", "Kids & Teens", "Get a card"]
CL_FOOT = {"Visit": ["Locations & Hours", "Parking"], "About": ["Board of trustees", "Donate", "Jobs"]}


def library_home(query="", fmt="Everything") -> object:
    return document(
        header("Riverton Public Library", CL_NAV, keys={"Locations & Hours": "hours-nav"}),
        h("main",
          h("form",
            text_input("Search the catalog", key="catalog", typed=query, kind="search", placeholder="Title, author, subject"),
            select("Format", ["Everything", "Books", "eBooks", "Audiobook", "DVDs"], chosen=fmt, key="format"),
            h("button", h("svg", cls="icon-search"), "Search", key="lib-search", type="submit"), role="search"),
          h("section", h("h2", "New arrivals"), *[h("a", t) for t in ("The Quiet Orchard", "Signals", "Maps of Home")]),
          h("section", h("h2", "Upcoming events"), h("a", "Toddler story time"), h("a", "Resume workshop"))),
        footer("Riverton Public Library", CL_FOOT),
    )  # fmt: skip


def library_results() -> object:
    items = [("A River in Winter", "Audiobook · 2021 · Narrated by Dana Holt", "hold"), ("A River in Winter", "Book · 2020", None),
             ("Rivers of Winter", "eBook · 2018", None)]  # fmt: skip
    return document(
        header("Riverton Public Library", CL_NAV),
        h("main", h("h1", "Results for “A River in Winter”"),
          *[h("article", h("a", h("h3", title)), h("p", info), h("span", "Available"),
              h("button", "Place hold", key=key, type="button")) for title, info, key in items]),
        footer("Riverton Public Library", CL_FOOT),
    )  # fmt: skip


def library_hold(branch="Central Library") -> object:
    return document(
        header("Riverton Public Library", CL_NAV),
        h("main", h("h1", "Place a hold"), h("p", "A River in Winter (Audiobook)"),
          select("Pickup location", ["Central Library", "Eastside Branch", "Northgate Branch", "West End Branch"],
                 chosen=branch, key="branch"),
          h("label", h("input", type="checkbox"), "Notify me by text message"),
          h("button", "Confirm hold", type="submit")),
        footer("Riverton Public Library", CL_FOOT),
    )  # fmt: skip


def library_locations(central=False) -> object:
    branches = ["Central Library", "Eastside Branch", "Northgate Branch", "West End Branch"]
    tabs = h("div", *[h("button", t, key="hours-tab" if t == "Hours" else None, role="tab")
                      for t in ("Overview", "Hours", "Services", "Directions")], role="tablist") if central else None  # fmt: skip
    return document(
        header("Riverton Public Library", CL_NAV),
        h("main", h("h1", "Central Library" if central else "Locations & Hours"),
          tabs,
          None if central else h("ul", *[h("li", h("a", b, key="central" if b == "Central Library" else None),
                                           h("span", "Open today 9 AM - 8 PM")) for b in branches])),
        footer("Riverton Public Library", CL_FOOT),
    )  # fmt: skip


LIBRARY = [
    Task("2b3c4d5e-6f70-4819-a2b3-c4d5e6f7a8b9", "rivertonlibrary", "Info", "Government",
         "Reserve the audiobook A River in Winter for pickup at the Eastside branch.", [
        Step(library_home(), "catalog", "TYPE", "A River in Winter"),
        Step(library_home("A River in Winter"), "format", "SELECT", "Audiobook", rank=2),
        Step(library_home("A River in Winter", "Audiobook"), "lib-search"),
        Step(library_results(), "hold", rank=1),
        Step(library_hold(), "branch", "SELECT", "Eastside Branch"),
    ]),
    Task("8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f", "rivertonlibrary", "Info", "Government",
         "Find the opening hours of the Central Library.", [
        Step(library_home(), "hours-nav"),
        Step(library_locations(), "central", rank=1),
        Step(library_locations(central=True), "hours-tab", rank=2),
    ]),
]  # fmt: skip

# -- skycast: weather -------------------------------------------------------------------------------------
SC_NAV = ["Today", "Hourly", "10 Day", "Radar", "News"]


def skycast_page(query="", suggestions=False, city=None, tenday=False) -> object:
    heading = f"{city} weather" if city else "Weather forecasts near you"
    days = [("Tue 12", "Sunny", "54°/37°"), ("Wed 13", "Showers", "49°/40°"), ("Thu 14", "Cloudy", "51°/38°")]
    return document(
        header("SkyCast", SC_NAV, keys={"10 Day": "tenday"} if city and not tenday else None,
               extra=h("form", text_input("Search city or ZIP", key="city-search", typed=query, kind="search"),
                       listbox("Cities", ["Duluth, MN", "Duluth, GA", "Dulles, VA"], keys={"Duluth, MN": "duluth"})
                       if suggestions else None, role="search")),
        h("main", h("h1", heading),
          h("div", h("button", "°F", type="button"), h("button", "°C", key="celsius", type="button"), role="group",
            aria_label="Units"),
          *[h("article", h("h3", d), h("span", s), h("span", t)) for d, s, t in (days if tenday else days[:1])]),
        footer("SkyCast", {"SkyCast": ["About", "Privacy", "Ad choices"]}),
    )  # fmt: skip


SKYCAST = [
    Task("d0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6", "skycast", "Info", "Weather",
         "Show the 10-day forecast for Duluth, MN in Celsius.", [
        Step(skycast_page(), "city-search", "TYPE", "Duluth"),
        Step(skycast_page("Duluth", suggestions=True), "duluth"),
        Step(skycast_page(city="Duluth, MN"), "tenday", rank=1),
        Step(skycast_page(city="Duluth, MN", tenday=True), "celsius", rank=3),
    ]),
]  # fmt: skip

# -- panfolio: recipes --------------------------------------------------------------------------------------
PF_NAV = ["Recipes", "Meal plans", "Ingredients", "Videos"]
PF_FOOT = {"Panfolio": ["About", "Newsletter", "Contact"]}


def panfolio_home(query="") -> object:
    return document(
        header("Panfolio", PF_NAV,
               extra=h("form", text_input("Search recipes", key="recipe-search", typed=query, kind="search"),
                       h("button", h("svg", cls="icon-search"), key="recipe-go", type="submit", aria_label="Search"),
                       role="search")),
        h("main", h("h1", "What's cooking?"),
          *[h("a", h("img", alt=r), h("span", r)) for r in ("Weeknight stir-fry", "Sheet-pan salmon", "Tomato soup")]),
        footer("Panfolio", PF_FOOT),
    )  # fmt: skip


def panfolio_results(query, items, quick=False) -> object:
    return document(
        header("Panfolio", PF_NAV),
        h("main", h("h1", f"Recipes for “{query}”"),
          h("div", *[h("button", f, key="under1h" if f == "Under 1 hour" else None, type="button",
                       **({"aria_label": "Under 1 hour (selected)"} if quick and f == "Under 1 hour" else {}))
                     for f in ("Under 30 minutes", "Under 1 hour", "Vegetarian", "Highly rated")], role="group"),
          *[h("article", h("a", h("h3", name), key=key), h("span", minutes)) for name, minutes, key in items]),
        footer("Panfolio", PF_FOOT),
    )  # fmt: skip


def panfolio_recipe(name, saved=False) -> object:
    return document(
        header("Panfolio", PF_NAV),
        h("main", h("h1", name),
          h("div", h("button", h("svg", cls="icon-bookmark"), "Saved" if saved else "Save", key="save", type="button"),
            h("button", h("svg", cls="icon-cart"), "Shopping list", key="shoplist", type="button"),
            h("button", h("svg", cls="icon-print"), "Print", type="button")),
          h("section", h("h2", "Ingredients"), h("ul", *[h("li", i) for i in ("2 lemons", "4 chicken thighs", "Fresh thyme")]))),
        footer("Panfolio", PF_FOOT),
    )  # fmt: skip


def panfolio_list() -> object:
    return document(
        header("Panfolio", PF_NAV),
        h("main", h("h1", "Shopping list"),
          h("ul", *[h("li", h("label", h("input", type="checkbox"), i)) for i in ("2 lemons", "4 chicken thighs")]),
          h("button", "Print", key="print", type="button"), h("button", "Email list", type="button")),
        footer("Panfolio", PF_FOOT),
    )  # fmt: skip


LASAGNA = [("Spinach Ricotta Lasagna", "1 hr 30 min", None), ("Quick Veggie Skillet Lasagna", "45 min", "skillet"),
           ("Roasted Vegetable Lasagna", "2 hr", None)]  # fmt: skip
PANFOLIO = [
    Task("6e7f8091-a2b3-4c4d-8e5f-708192a3b4c5", "panfolio", "Info", "Recipe",
         "Find a vegetarian lasagna recipe that takes less than an hour and save it.", [
        Step(panfolio_home(), "recipe-search", "TYPE", "vegetarian lasagna"),
        Step(panfolio_home("vegetarian lasagna"), "recipe-go", rank=1),
        Step(panfolio_results("vegetarian lasagna", LASAGNA), "under1h", rank=2),
        Step(panfolio_results("vegetarian lasagna", LASAGNA[1:2], quick=True), "skillet", rank=1),
        Step(panfolio_recipe("Quick Veggie Skillet Lasagna"), "save"),
    ]),
    Task("a3b4c5d6-e7f8-4091-a2b3-c4d5e6f7a8b0", "panfolio", "Info", "Recipe",
         "Print the shopping list for the Lemon Herb Chicken recipe.", [
        Step(panfolio_home(), "recipe-search", "TYPE", "Lemon Herb Chicken"),
        Step(panfolio_results("Lemon Herb Chicken", [("Lemon Herb Chicken", "50 min", "lemon-chicken")]), "lemon-chicken"),
        Step(panfolio_recipe("Lemon Herb Chicken"), "shoplist", rank=2),
        Step(panfolio_list(), "print", rank=1),
    ]),
]  # fmt: skip
