"""Authored entertainment sites (cross-website): event tickets and a cinema chain."""

from __future__ import annotations

from tests.mind2web.authoring.common import document, footer, header, listbox, select, text_input
from tests.mind2web.authoring.dsl import Step, Task, h

# -- stagepass: event tickets ---------------------------------------------------------------------
SP_NAV = ["Concerts", "Sports", "Theater", "Comedy", "Sell"]
SP_FOOT = {"Help": ["FAQ", "Ticket guarantee", "Contact"], "Company": ["About", "Affiliates"]}


def stagepass_home(query="", city="Atlanta, GA", editing=False, typed_city="") -> object:
    location = (
        h("div", text_input("City", key="city", typed=typed_city),
          listbox("Cities", ["New Orleans, LA", "New Orleans East, LA", "New Roads, LA"], keys={"New Orleans, LA": "nola"})
          if typed_city else None)
        if editing else h("button", h("svg", cls="icon-pin"), h("span", city), key="change-loc", type="button",
                          aria_label="Change location")
    )  # fmt: skip
    return document(
        header("StagePass", SP_NAV, keys={"Sell": "sell"}),
        h("main",
          h("form", text_input("Search events", key="events", typed=query, kind="search",
                               placeholder="Artist, team or venue"), location, role="search"),
          h("div", *[h("button", d, key="weekend" if d == "This weekend" else None, type="button")
                     for d in ("All dates", "Today", "This weekend", "Choose dates")], role="group", aria_label="Dates"),
          h("section", h("h2", "Top selling"),
            *[h("article", h("a", h("h3", e)), h("span", w)) for e, w in
              (("Preservation Hall Jazz Band", "Fri · 8:00 PM"), ("Trombone Shorty", "Sat · 9:00 PM"))])),
        footer("StagePass", SP_FOOT),
    )  # fmt: skip


def stagepass_sell(query="") -> object:
    events = [("Hawks vs. Bulls", "Apr 11 · State Farm Arena", "hawks"), ("Hawks vs. Celtics", "Apr 14 · State Farm Arena", None)]
    return document(
        header("StagePass", SP_NAV),
        h("main", h("h1", "Sell your tickets"),
          text_input("Search for your event", key="sell-search", typed=query, kind="search"),
          h("ul", *[h("li", h("a", h("span", name), h("span", when), key=key)) for name, when, key in events]) if query else None,
          h("p", "Listing is free. We charge a fee only when your tickets sell.")),
        footer("StagePass", SP_FOOT),
    )  # fmt: skip


STAGEPASS = [
    Task("4d5e6f70-8192-4a3b-bc4d-5e6f708192a3", "stagepass", "Entertainment", "Event",
         "Find tickets for a jazz concert in New Orleans this weekend.", [
        Step(stagepass_home(), "events", "TYPE", "jazz"),
        Step(stagepass_home("jazz"), "change-loc", rank=3),
        Step(stagepass_home("jazz", editing=True), "city", "TYPE", "New Orleans"),
        Step(stagepass_home("jazz", editing=True, typed_city="New Orleans"), "nola", rank=1),
        Step(stagepass_home("jazz", city="New Orleans, LA"), "weekend", rank=2),
    ]),
    Task("b4c5d6e7-f809-4a1b-8c2d-3e4f5a6b7c8d", "stagepass", "Entertainment", "Sports",
         "Sell my tickets for the Hawks vs. Bulls game.", [
        Step(stagepass_home(), "sell", rank=1),
        Step(stagepass_sell(), "sell-search", "TYPE", "Hawks Bulls"),
        Step(stagepass_sell("Hawks Bulls"), "hawks", rank=2),
    ]),
]  # fmt: skip

# -- reelhouse: a cinema chain ---------------------------------------------------------------------------
RH_NAV = ["Movies", "Theaters", "Rewards", "Gift cards"]
RH_FOOT = {"Reelhouse": ["About", "Careers", "Accessibility"], "Support": ["Refunds", "Contact us"]}


def reelhouse_home() -> object:
    return document(
        header("Reelhouse Cinemas", RH_NAV, keys={"Movies": "movies", "Rewards": "rewards"}),
        h("main", h("h1", "Now playing at Midtown 12"),
          *[h("a", h("img", alt=f"{m} poster"), h("span", m)) for m in ("The Long Tide", "Paper Moons", "Night Shift")]),
        footer("Reelhouse Cinemas", RH_FOOT),
    )  # fmt: skip


def reelhouse_movies() -> object:
    films = [("Paper Moons", None), ("The Long Tide", "tide"), ("Night Shift", None), ("Copper Sky", None)]
    return document(
        header("Reelhouse Cinemas", RH_NAV),
        h("main", h("h1", "Movies"),
          h("div", *[h("button", t, type="button") for t in ("Now playing", "Coming soon")], role="tablist"),
          *[h("article", h("a", h("img", alt=f"{f} poster"), h("h3", f), key=k), h("span", "PG-13"),
              h("a", "Get tickets")) for f, k in films]),
        footer("Reelhouse Cinemas", RH_FOOT),
    )  # fmt: skip


def reelhouse_showtimes(day="Today") -> object:
    theaters = [("Midtown 12", ["4:10 PM", "7:00 PM", "9:45 PM"]), ("Riverside 8", ["5:30 PM", "8:15 PM"])]
    return document(
        header("Reelhouse Cinemas", RH_NAV),
        h("main", h("h1", "The Long Tide"), h("p", "Drama · 2h 11m · PG-13"),
          h("div", *[h("button", d, key="tomorrow" if d == "Tomorrow" else None, role="tab") for d in ("Today", "Tomorrow", "Sat, Apr 15")],
            role="tablist", aria_label=f"Showtimes for {day}"),
          *[h("section", h("h2", name), *[h("a", t, key="945" if (name, t) == ("Midtown 12", "9:45 PM") and day == "Tomorrow" else None)
                                          for t in times]) for name, times in theaters]),
        footer("Reelhouse Cinemas", RH_FOOT),
    )  # fmt: skip


def reelhouse_tickets() -> object:
    return document(
        header("Reelhouse Cinemas", RH_NAV),
        h("main", h("h1", "Select tickets"), h("p", "The Long Tide · Midtown 12 · Tomorrow 9:45 PM"),
          h("div", h("span", "Adult $14.50"), select("Adult tickets", ["0", "1", "2", "3", "4"], chosen="0", key="adults")),
          h("div", h("span", "Child $10.00"), select("Child tickets", ["0", "1", "2", "3", "4"], chosen="0")),
          h("div", h("span", "Senior $11.00"), select("Senior tickets", ["0", "1", "2", "3", "4"], chosen="0")),
          h("button", "Continue to seats", type="button")),
        footer("Reelhouse Cinemas", RH_FOOT),
    )  # fmt: skip


def reelhouse_rewards(join=False, email="") -> object:
    form = h("form", text_input("Email", key="rw-email", typed=email, kind="email"),
             text_input("Password", kind="password"),
             h("button", "Create account", key="create", type="submit")) if join else None  # fmt: skip
    return document(
        header("Reelhouse Cinemas", RH_NAV),
        h("main", h("h1", "Reelhouse Rewards"), h("p", "Earn points on every ticket and snack."),
          None if join else h("a", "Join now", key="join"), None if join else h("a", "Sign in"), form),
        footer("Reelhouse Cinemas", RH_FOOT),
    )  # fmt: skip


REELHOUSE = [
    Task("f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9", "reelhouse", "Entertainment", "Movie",
         "Buy 2 adult tickets for the 9:45 pm showing of The Long Tide at Midtown 12 tomorrow.", [
        Step(reelhouse_home(), "movies"),
        Step(reelhouse_movies(), "tide", rank=1),
        Step(reelhouse_showtimes(), "tomorrow", rank=2),
        Step(reelhouse_showtimes("Tomorrow"), "945", rank=3),
        Step(reelhouse_tickets(), "adults", "SELECT", "2", rank=1),
    ]),
    Task("0a1b2c3d-4e5f-4607-a8b9-c0d1e2f3a4b5", "reelhouse", "Entertainment", "Movie",
         "Sign up for the rewards program with the email sam.k@example.com.", [
        Step(reelhouse_home(), "rewards", rank=2),
        Step(reelhouse_rewards(), "join"),
        Step(reelhouse_rewards(join=True), "rw-email", "TYPE", "sam.k@example.com"),
        Step(reelhouse_rewards(join=True, email="sam.k@example.com"), "create", rank=1),
    ]),
]  # fmt: skip
