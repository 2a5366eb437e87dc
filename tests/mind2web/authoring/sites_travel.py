"""Authored travel sites (cross-task split): an airline, a car rental, a restaurant booking site."""

from __future__ import annotations

from tests.mind2web.authoring.common import calendar, document, footer, header, listbox, select, text_input
from tests.mind2web.authoring.dsl import Step, Task, h

# -- skylark: an airline -------------------------------------------------------------------------
SKY_NAV = ["Book", "My trips", "Check-in", "Flight status", "Deals"]
SKY_FOOT = {"About Skylark": ["Careers", "Newsroom", "Investor relations"],
            "Customer service": ["Baggage", "Refunds", "Contact us"]}  # fmt: skip


def skylark_home(trip="round", origin="", destination="", open_list=None, travelers="1 Adult") -> object:
    airports = {
        "from": ["Denver, CO, US (DEN)", "Denver Rocky Mountain Metro (BJC)", "Dayton, OH, US (DAY)"],
        "to": ["Chicago O'Hare, IL, US (ORD)", "Chicago Midway, IL, US (MDW)", "Chico, CA, US (CIC)"],
    }
    return document(
        header("Skylark Airlines", SKY_NAV, keys={"Flight status": "status-nav"}),
        h("main",
          h("section",
            h("h1", "Where would you like to go?"),
            h("form",
              h("div",
                h("label", h("input", type="radio", name="trip", **({"input_checked": "true"} if trip == "round" else {})), "Round trip"),
                h("label", h("input", type="radio", name="trip", **({"input_checked": "true"} if trip == "one" else {})), "One-way", key="oneway"),
                h("label", h("input", type="radio", name="trip"), "Multi-city"),
                role="radiogroup", aria_label="Trip type"),
              h("div",
                text_input("From", key="from", typed=origin, placeholder="City or airport"),
                listbox("From suggestions", airports["from"], keys={"Denver, CO, US (DEN)": "den"}) if open_list == "from" else None,
                h("button", h("svg", cls="icon-swap"), aria_label="Swap origin and destination", type="button"),
                text_input("To", key="to", typed=destination, placeholder="City or airport"),
                listbox("To suggestions", airports["to"], keys={"Chicago O'Hare, IL, US (ORD)": "ord"}) if open_list == "to" else None),
              h("div",
                h("button", h("span", "Depart"), h("span", "Add date"), type="button", aria_label="Departure date"),
                select("Travelers", ["1 Adult", "2 Adults", "3 Adults", "4 Adults"], chosen=travelers, key="travelers"),
                select("Cabin", ["Economy", "Premium economy", "Business"], chosen="Economy")),
              h("button", "Find flights", key="find", type="submit"),
              role="search")),
          h("section",
            h("h2", "Featured deals"),
            h("a", h("h3", "Fly to Honolulu from $289"), h("p", "Book by March 30")),
            h("a", h("h3", "Weekend escapes to Austin"), h("p", "Round trips from $119")))),
        footer("Skylark Airlines", SKY_FOOT),
    )  # fmt: skip


def skylark_status(number="") -> object:
    return document(
        header("Skylark Airlines", SKY_NAV),
        h("main",
          h("h1", "Flight status"),
          h("div",
            h("button", "By flight number", role="tab"),
            h("button", "By route", role="tab"), role="tablist"),
          h("form",
            text_input("Flight number", key="flightno", typed=number, placeholder="e.g. 482"),
            select("Date", ["Yesterday", "Today", "Tomorrow"], chosen="Today"),
            h("button", h("span", "Check status", key="check-span"), key="check", type="submit")),
          h("p", "Status updates are available 72 hours before departure.")),
        footer("Skylark Airlines", SKY_FOOT),
    )  # fmt: skip


SKYLARK = [
    Task("5e3b9f1c-2a47-4d1e-9c55-0b8f6d2e7a41", "skylark", "Travel", "Airlines",
         "Find one-way flights from Denver to Chicago for 2 adults.", [
        Step(skylark_home(), "oneway", rank=1),
        Step(skylark_home(trip="one"), "from", "TYPE", "Denver"),
        Step(skylark_home(trip="one", origin="Denver", open_list="from"), "den", rank=2),
        Step(skylark_home(trip="one", origin="Denver, CO, US (DEN)"), "to", "TYPE", "Chicago"),
        Step(skylark_home(trip="one", origin="Denver, CO, US (DEN)", destination="Chicago", open_list="to"), "ord", rank=1),
        Step(skylark_home(trip="one", origin="Denver, CO, US (DEN)", destination="Chicago O'Hare, IL, US (ORD)"),
             "travelers", "SELECT", "2 Adults", rank=3),
        Step(skylark_home(trip="one", origin="Denver, CO, US (DEN)", destination="Chicago O'Hare, IL, US (ORD)",
                          travelers="2 Adults"), "find"),
    ]),
    Task("a1d07c3e-6f28-4b9a-8e12-93c4d5f6a0b7", "skylark", "Travel", "Airlines",
         "Check the status of flight SL 482 departing today.", [
        Step(skylark_home(), "status-nav"),
        Step(skylark_status(), "flightno", "TYPE", "482", rank=1),
        Step(skylark_status("482"), ["check", "check-span"]),
    ]),
]  # fmt: skip

# -- wheelhouse: a car rental ------------------------------------------------------------------------
WH_NAV = ["Reservations", "Vehicles", "Locations", "Deals", "Business rentals"]
WH_FOOT = {"Rent": ["One-way rentals", "Long-term rentals"], "Company": ["About", "Careers", "Privacy"]}


def wheelhouse_home(location="", suggestions=False, calendar_open=False, pickup="", dropoff="") -> object:
    return document(
        header("Wheelhouse", WH_NAV, keys={"Locations": "locations-nav"}),
        h("main",
          h("h1", "Find your ride"),
          h("form",
            text_input("Pick-up location", key="pickup-loc", typed=location, kind="search",
                       placeholder="Airport, city or ZIP"),
            listbox("Locations", ["Phoenix Sky Harbor Intl Airport (PHX)", "Phoenix Downtown - Van Buren St",
                                  "Phoenix-Mesa Gateway Airport (AZA)"],
                    keys={"Phoenix Sky Harbor Intl Airport (PHX)": "phx"}) if suggestions else None,
            h("label", h("input", type="checkbox"), "Return to a different location"),
            h("button", h("span", "Pick-up date"), h("span", pickup or "Select"), key="pickup-date", type="button"),
            h("button", h("span", "Return date"), h("span", dropoff or "Select"), type="button"),
            calendar("June 2023", 30, keys={3: "jun3", 7: "jun7"}) if calendar_open else None,
            select("Pick-up time", ["9:00 AM", "10:00 AM", "Noon"], chosen="Noon"),
            h("button", "Browse vehicles", key="browse", type="submit")),
          h("section", h("h2", "Why Wheelhouse?"), h("p", "Free cancellation on most reservations."))),
        footer("Wheelhouse", WH_FOOT),
    )  # fmt: skip


def wheelhouse_results() -> object:
    cars = [("Economy", "Kia Rio or similar", "$41/day"), ("Midsize SUV", "Toyota RAV4 or similar", "$68/day"),
            ("Minivan", "Chrysler Pacifica or similar", "$92/day")]  # fmt: skip
    return document(
        header("Wheelhouse", WH_NAV),
        h("main",
          h("aside",
            h("h2", "Filter vehicles"),
            h("label", h("input", type="checkbox", name="class"), "Cars"),
            h("label", h("input", type="checkbox", name="class"), "SUVs", key="suvs"),
            h("label", h("input", type="checkbox", name="class"), "Vans"),
            h("label", h("input", type="checkbox", name="class"), "Trucks")),
          h("section",
            h("h1", "12 vehicles available"),
            *[h("article", h("h3", kind), h("p", model), h("span", price), h("button", "Select", type="button"))
              for kind, model, price in cars])),
        footer("Wheelhouse", WH_FOOT),
    )  # fmt: skip


def wheelhouse_locations(zip_code="", sundays=False) -> object:
    return document(
        header("Wheelhouse", WH_NAV),
        h("main",
          h("h1", "Find a location"),
          h("form",
            text_input("ZIP code or city", key="zip", typed=zip_code),
            h("label", h("input", type="checkbox", **({"input_checked": "true"} if sundays else {})),
              "Open Sundays", key="sundays"),
            h("label", h("input", type="checkbox"), "Airport locations only"),
            h("button", h("svg", cls="icon-search"), "Search", key="loc-search", type="submit"))),
        footer("Wheelhouse", WH_FOOT),
    )  # fmt: skip


WHEELHOUSE = [
    Task("0c9e2d7b-51a3-4f86-b4d0-7e1a2c3b4d5e", "wheelhouse", "Travel", "Car rental",
         "Rent an SUV at Phoenix Sky Harbor airport from June 3 to June 7.", [
        Step(wheelhouse_home(), "pickup-loc", "TYPE", "Phoenix"),
        Step(wheelhouse_home("Phoenix", suggestions=True), "phx", rank=1),
        Step(wheelhouse_home("Phoenix Sky Harbor Intl Airport (PHX)"), "pickup-date", rank=2),
        Step(wheelhouse_home("Phoenix Sky Harbor Intl Airport (PHX)", calendar_open=True), "jun3", rank=4),
        Step(wheelhouse_home("Phoenix Sky Harbor Intl Airport (PHX)", calendar_open=True, pickup="Jun 3"), "jun7", rank=3),
        Step(wheelhouse_home("Phoenix Sky Harbor Intl Airport (PHX)", pickup="Jun 3", dropoff="Jun 7"), "browse"),
        Step(wheelhouse_results(), "suvs", rank=5),
    ]),
    Task("7b4f1e20-c3d9-4a65-8f7e-2d1c0b9a8e76", "wheelhouse", "Travel", "Car rental",
         "Find a rental location open on Sundays near ZIP code 30309.", [
        Step(wheelhouse_home(), "locations-nav"),
        Step(wheelhouse_locations(), "zip", "TYPE", "30309"),
        Step(wheelhouse_locations("30309"), "sundays", rank=2),
        Step(wheelhouse_locations("30309", sundays=True), "loc-search", rank=1),
    ]),
]  # fmt: skip

# -- tablefor: restaurant reservations ------------------------------------------------------------------
TF_NAV = ["Reservations", "Pickup", "Delivery", "Gift cards"]
TF_FOOT = {"Discover": ["Top rated", "New restaurants"], "For restaurants": ["Join Tablefor", "Partner login"]}


def tablefor_home(mode="Reservations", party="2 people", query="", place="") -> object:
    return document(
        header("Tablefor", TF_NAV, keys={"Pickup": "pickup-tab"}),
        h("main",
          h("h1", "Pickup tonight" if mode == "Pickup" else "Find your table for any occasion"),
          h("form",
            None if mode == "Pickup" else select("Party size", ["1 person", "2 people", "3 people", "4 people", "5 people"],
                                                 chosen=party, key="party"),
            None if mode == "Pickup" else h("button", h("span", "Friday, Apr 14"), type="button", aria_label="Date"),
            None if mode == "Pickup" else select("Time", ["6:00 PM", "6:30 PM", "7:00 PM", "7:30 PM"], chosen="7:00 PM"),
            text_input("Location, restaurant, or cuisine", key="query", typed=query, kind="search"),
            text_input("City", key="city", typed=place) if mode == "Pickup" else None,
            h("button", "Let's go", key="go", type="submit")),
          h("section", h("h2", "Popular near you"),
            h("a", h("h3", "Harbor & Vine"), h("span", "Seafood · $$$")),
            h("a", h("h3", "Casa Mora"), h("span", "Mexican · $$")))),
        footer("Tablefor", TF_FOOT),
    )  # fmt: skip


def tablefor_results() -> object:
    places = [("Trattoria Lucia", "Italian · Downtown · $$$", "lucia"), ("Olive & Ash", "Italian · South Congress · $$", None),
              ("Nonna's Table", "Italian · East Austin · $$", None)]  # fmt: skip
    return document(
        header("Tablefor", TF_NAV),
        h("main",
          h("h1", "Italian restaurants in Austin, TX"),
          *[h("article", h("a", h("h3", name), key=key), h("p", info),
              h("div", *[h("button", t, type="button") for t in ("6:45 PM", "7:00 PM", "7:15 PM")]))
            for name, info, key in places]),
        footer("Tablefor", TF_FOOT),
    )  # fmt: skip


def tablefor_restaurant() -> object:
    return document(
        header("Tablefor", TF_NAV),
        h("main",
          h("h1", "Trattoria Lucia"),
          h("p", "Handmade pasta and wood-fired dishes in downtown Austin."),
          h("section",
            h("h2", "Make a reservation"),
            select("Party size", ["2 people", "3 people", "4 people"], chosen="4 people"),
            h("div", *[h("button", t, key="slot7" if t == "7:00 PM" else None, type="button")
                       for t in ("6:30 PM", "6:45 PM", "7:00 PM", "7:15 PM", "7:30 PM")], role="group",
              aria_label="Available times")),
          h("section", h("h2", "Menu"), h("a", "View full menu"))),
        footer("Tablefor", TF_FOOT),
    )  # fmt: skip


TABLEFOR = [
    Task("c2e8a4f6-9b13-4d7c-a5e0-1f2b3c4d5e6f", "tablefor", "Travel", "Restaurant",
         "Book a table for 4 at Trattoria Lucia, an Italian restaurant in Austin, on Friday at 7 pm.", [
        Step(tablefor_home(), "party", "SELECT", "4 people", rank=1),
        Step(tablefor_home(party="4 people"), "query", "TYPE", "Italian Austin"),
        Step(tablefor_home(party="4 people", query="Italian Austin"), "go"),
        Step(tablefor_results(), "lucia", rank=2),
        Step(tablefor_restaurant(), "slot7", rank=1),
    ]),
    Task("e6f7a8b9-0c1d-4e2f-8a3b-4c5d6e7f8091", "tablefor", "Travel", "Restaurant",
         "Find pickup options for sushi in Seattle, WA.", [
        Step(tablefor_home(), "pickup-tab"),
        Step(tablefor_home(mode="Pickup"), "query", "TYPE", "sushi"),
        Step(tablefor_home(mode="Pickup", query="sushi"), "city", "TYPE", "Seattle, WA", rank=1),
        Step(tablefor_home(mode="Pickup", query="sushi", place="Seattle, WA"), "go"),
    ]),
]  # fmt: skip
