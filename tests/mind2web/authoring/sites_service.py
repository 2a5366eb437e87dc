"""Authored service sites (cross-domain): a motor vehicles department and a clinic network."""

from __future__ import annotations

from tests.mind2web.authoring.common import document, footer, header, select, text_input
from tests.mind2web.authoring.dsl import Step, Task, h

# -- motorsdept --------------------------------------------------------------------------------------------
MD_NAV = ["Driver licenses", "Vehicle registration", "Appointments", "Forms", "Offices"]
MD_FOOT = {"Department": ["About", "Accessibility", "Language access"], "Help": ["FAQ", "Contact us"]}


def dmv_home() -> object:
    return document(
        header("State Motors Department", MD_NAV, keys={"Vehicle registration": "registration", "Appointments": "appts"}),
        h("main", h("h1", "How can we help you today?"),
          *[h("a", h("h3", t), h("p", d)) for t, d in
            (("Renew a driver license", "Most drivers can renew online."), ("Change of address", "Update your records."))],
          h("div", h("h2", "Alerts"), h("p", "Offices are closed on Monday, May 29."))),
        footer("State Motors Department", MD_FOOT),
    )  # fmt: skip


def dmv_registration() -> object:
    services = ["Renew registration", "Replace a sticker", "Transfer ownership", "Register a new vehicle"]
    return document(
        header("State Motors Department", MD_NAV),
        h("main", h("h1", "Vehicle registration"),
          h("ul", *[h("li", h("a", s, key="renew" if s == "Renew registration" else None)) for s in services]),
          h("p", "You will need your license plate number and the last 5 digits of your VIN.")),
        footer("State Motors Department", MD_FOOT),
    )  # fmt: skip


def dmv_renew(plate="", vin="") -> object:
    return document(
        header("State Motors Department", MD_NAV),
        h("main", h("h1", "Renew your registration"),
          h("form",
            text_input("License plate number", key="plate", typed=plate),
            text_input("Last 5 digits of VIN", key="vin", typed=vin),
            h("label", h("input", type="checkbox"), "This vehicle is leased"),
            h("button", "Continue", key="continue", type="submit"), h("a", "Cancel"))),
        footer("State Motors Department", MD_FOOT),
    )  # fmt: skip


def dmv_appointments(kind="Select a service", office="Select an office") -> object:
    return document(
        header("State Motors Department", MD_NAV),
        h("main", h("h1", "Make an appointment"),
          h("form",
            select("Service", ["Select a service", "Driver license renewal", "Driving test", "Vehicle inspection"],
                   chosen=kind, key="service"),
            select("Office", ["Select an office", "Downtown", "Northside", "Riverside", "Westfield"], chosen=office,
                   key="office"),
            h("button", "Find times", key="times", type="submit"))),
        footer("State Motors Department", MD_FOOT),
    )  # fmt: skip


MOTORSDEPT = [
    Task("c5d6e7f8-0912-4a3b-9c4d-e5f6a7b8c9d0", "statemotors", "Service", "Government",
         "Renew the registration for the vehicle with plate 7KLM204 and VIN ending in 48213.", [
        Step(dmv_home(), "registration"),
        Step(dmv_registration(), "renew", rank=1),
        Step(dmv_renew(), "plate", "TYPE", "7KLM204"),
        Step(dmv_renew("7KLM204"), "vin", "TYPE", "48213"),
        Step(dmv_renew("7KLM204", "48213"), "continue"),
    ]),
    Task("e7f80912-a3b4-4c5d-8e6f-a7b8c9d0e1f2", "statemotors", "Service", "Government",
         "Schedule a driving test appointment at the Riverside office.", [
        Step(dmv_home(), "appts", rank=1),
        Step(dmv_appointments(), "service", "SELECT", "Driving test"),
        Step(dmv_appointments("Driving test"), "office", "SELECT", "Riverside", rank=1),
        Step(dmv_appointments("Driving test", "Riverside"), "times"),
    ]),
]  # fmt: skip

# -- careplus: clinics -------------------------------------------------------------------------------------------
CP_NAV = ["Find a doctor", "Locations", "Pay my bill", "Patient portal"]
CP_FOOT = {"Patients": ["Insurance accepted", "Medical records"], "CarePlus": ["About", "Careers", "News"]}


def careplus_home() -> object:
    return document(
        header("CarePlus Health", CP_NAV, keys={"Find a doctor": "find-doc", "Pay my bill": "pay"}),
        h("main", h("h1", "Care that fits your life"),
          h("a", h("h3", "Same-day appointments"), h("p", "Book a visit at one of 40 clinics.")),
          h("a", h("h3", "Virtual visits"), h("p", "See a provider from home."))),
        footer("CarePlus Health", CP_FOOT),
    )  # fmt: skip


def careplus_search(specialty="", place="") -> object:
    return document(
        header("CarePlus Health", CP_NAV),
        h("main", h("h1", "Find a doctor"),
          h("form",
            text_input("Specialty, condition or name", key="specialty", typed=specialty),
            text_input("City or ZIP", key="place", typed=place),
            h("button", h("svg", cls="icon-search"), "Search", key="doc-search", type="submit"))),
        footer("CarePlus Health", CP_FOOT),
    )  # fmt: skip


def careplus_results() -> object:
    doctors = [("Dr. Priya Raman, MD", "Dermatology · South Tampa"), ("Dr. Alan Cho, MD", "Dermatology · Westshore"),
               ("Dr. Maria Ortiz, DO", "Dermatology · Carrollwood")]  # fmt: skip
    return document(
        header("CarePlus Health", CP_NAV),
        h("main",
          h("aside", h("h2", "Filters"),
            h("div", h("h3", "Gender"), *[h("label", h("input", type="radio", name="gender"), g, key="female" if g == "Female" else None)
                                          for g in ("Any", "Female", "Male")]),
            h("div", h("h3", "Availability"), h("label", h("input", type="checkbox"), "Accepting new patients"))),
          h("section", h("h1", "Dermatology doctors near Tampa, FL"),
            *[h("article", h("a", h("h3", n)), h("p", s), h("button", "Book appointment", type="button")) for n, s in doctors])),
        footer("CarePlus Health", CP_FOOT),
    )  # fmt: skip


def careplus_pay(invoice="", amount="") -> object:
    return document(
        header("CarePlus Health", CP_NAV),
        h("main", h("h1", "Pay your bill"), h("p", "No account needed."),
          h("form",
            text_input("Invoice number", key="invoice", typed=invoice),
            text_input("Payment amount", key="amount", typed=amount, placeholder="$0.00"),
            select("Payment method", ["Credit or debit card", "Bank account"], chosen="Credit or debit card"),
            h("button", "Review payment", key="review", type="submit"))),
        footer("CarePlus Health", CP_FOOT),
    )  # fmt: skip


CAREPLUS = [
    Task("f8091a2b-3c4d-4e5f-a607-b8c9d0e1f2a3", "careplus", "Service", "Health",
         "Find a female dermatologist in Tampa, FL.", [
        Step(careplus_home(), "find-doc"),
        Step(careplus_search(), "specialty", "TYPE", "Dermatology"),
        Step(careplus_search("Dermatology"), "place", "TYPE", "Tampa, FL"),
        Step(careplus_search("Dermatology", "Tampa, FL"), "doc-search"),
        Step(careplus_results(), "female", rank=4),
    ]),
    Task("0912a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7", "careplus", "Service", "Health",
         "Pay a bill of $45 for invoice number 33091.", [
        Step(careplus_home(), "pay"),
        Step(careplus_pay(), "invoice", "TYPE", "33091"),
        Step(careplus_pay("33091"), "amount", "TYPE", "45", rank=1),
        Step(careplus_pay("33091", "45"), "review"),
    ]),
]  # fmt: skip
