"""Rocket engines and launch vehicles (the domain of the task's one-shot example)."""

from __future__ import annotations

from tasks.kg.authoring.graph import Graph

# name, designer, manufacturer, cycle, fuel, oxidizer, status, thrust at sea level (kN; None: vacuum
# engine), thrust in vacuum (kN), specific impulse in vacuum (s)
ENGINES = [
    ("Merlin 1D", "SpaceX", "SpaceX", "Gas-generator cycle", "RP-1", "Liquid oxygen", "In production", 845, 914, 311),
    ("Merlin 1C", "SpaceX", "SpaceX", "Gas-generator cycle", "RP-1", "Liquid oxygen", "Retired", 556, 617, 304),
    ("Kestrel", "SpaceX", "SpaceX", "Pressure-fed cycle", "RP-1", "Liquid oxygen", "Retired", None, 31, 317),
    ("Raptor", "SpaceX", "SpaceX", "Full-flow staged combustion cycle", "Liquid methane", "Liquid oxygen", "In production", 2256, 2530, 350),
    ("F-1", "Rocketdyne", "Rocketdyne", "Gas-generator cycle", "RP-1", "Liquid oxygen", "Retired", 6770, 7770, 304),
    ("J-2", "Rocketdyne", "Rocketdyne", "Gas-generator cycle", "Liquid hydrogen", "Liquid oxygen", "Retired", None, 1033, 421),
    ("H-1", "Rocketdyne", "Rocketdyne", "Gas-generator cycle", "RP-1", "Liquid oxygen", "Retired", 947, 1030, 289),
    ("RS-27A", "Rocketdyne", "Rocketdyne", "Gas-generator cycle", "RP-1", "Liquid oxygen", "Retired", 890, 1054, 302),
    ("RS-25", "Rocketdyne", "Aerojet Rocketdyne", "Staged combustion cycle", "Liquid hydrogen", "Liquid oxygen", "In production", 1860, 2279, 452),
    ("RS-68", "Rocketdyne", "Aerojet Rocketdyne", "Gas-generator cycle", "Liquid hydrogen", "Liquid oxygen", "Retired", 2950, 3370, 409),
    ("RL10", "Pratt & Whitney", "Aerojet Rocketdyne", "Expander cycle", "Liquid hydrogen", "Liquid oxygen", "In production", None, 110, 465),
    ("AJ10", "Aerojet", "Aerojet Rocketdyne", "Pressure-fed cycle", "Aerozine 50", "Nitrogen tetroxide", "In production", None, 43, 319),
    ("RD-180", "NPO Energomash", "NPO Energomash", "Staged combustion cycle", "RP-1", "Liquid oxygen", "Retired", 3830, 4152, 338),
    ("RD-170", "NPO Energomash", "NPO Energomash", "Staged combustion cycle", "RP-1", "Liquid oxygen", "Retired", 7257, 7904, 337),
    ("RD-107", "NPO Energomash", "NPO Energomash", "Gas-generator cycle", "RP-1", "Liquid oxygen", "In production", 839, 1020, 320),
    ("RD-0120", "KBKhA", "Voronezh Mechanical Plant", "Staged combustion cycle", "Liquid hydrogen", "Liquid oxygen", "Retired", 1526, 1961, 455),
    ("NK-33", "Kuznetsov Design Bureau", "Kuznetsov Design Bureau", "Staged combustion cycle", "RP-1", "Liquid oxygen", "Retired", 1510, 1638, 331),
    ("Vulcain 2", "Snecma", "Snecma", "Gas-generator cycle", "Liquid hydrogen", "Liquid oxygen", "Retired", 960, 1359, 434),
    ("Vinci", "Snecma", "Snecma", "Expander cycle", "Liquid hydrogen", "Liquid oxygen", "In production", None, 180, 457),
    ("LE-7A", "Mitsubishi Heavy Industries", "Mitsubishi Heavy Industries", "Staged combustion cycle", "Liquid hydrogen", "Liquid oxygen", "In production", 870, 1098, 440),
    ("LE-5B", "Mitsubishi Heavy Industries", "Mitsubishi Heavy Industries", "Expander bleed cycle", "Liquid hydrogen", "Liquid oxygen", "In production", None, 137, 447),
    ("BE-4", "Blue Origin", "Blue Origin", "Staged combustion cycle", "Liquid methane", "Liquid oxygen", "In production", 2400, None, None),
    ("BE-3", "Blue Origin", "Blue Origin", "Combustion tap-off cycle", "Liquid hydrogen", "Liquid oxygen", "In production", 490, 710, None),
    ("Rutherford", "Rocket Lab", "Rocket Lab", "Electric-pump-fed cycle", "RP-1", "Liquid oxygen", "In production", 24, 26, 343),
    ("YF-100", "Academy of Aerospace Liquid Propulsion Technology", "Academy of Aerospace Liquid Propulsion Technology", "Staged combustion cycle", "RP-1", "Liquid oxygen", "In production", 1200, 1340, 335),
]  # fmt: skip

# name, manufacturers, country of origin, status, height (m), mass (t), stages, maiden flight
ROCKETS = [
    ("Saturn V", ["Boeing", "North American Aviation", "Douglas Aircraft Company"], "United States of America", "Retired", 110.6, 2970.0, 3, "1967-11-09"),
    ("Saturn IB", ["Chrysler", "Douglas Aircraft Company"], "United States of America", "Retired", 68.0, 589.8, 2, "1966-02-26"),
    ("Falcon 9", ["SpaceX"], "United States of America", "Operational", 70.0, 549.0, 2, "2010-06-04"),
    ("Falcon Heavy", ["SpaceX"], "United States of America", "Operational", 70.0, 1420.0, 2, "2018-02-06"),
    ("Falcon 1", ["SpaceX"], "United States of America", "Retired", 21.3, 27.2, 2, "2006-03-24"),
    ("Delta II", ["Boeing", "United Launch Alliance"], "United States of America", "Retired", 39.0, 231.9, 2, "1989-02-14"),
    ("Delta III", ["Boeing"], "United States of America", "Retired", 35.0, 301.5, 2, "1998-08-27"),
    ("Delta IV", ["Boeing", "United Launch Alliance"], "United States of America", "Retired", 63.0, 249.5, 2, "2002-11-20"),
    ("Atlas V", ["Lockheed Martin", "United Launch Alliance"], "United States of America", "Operational", 58.3, 590.0, 2, "2002-08-21"),
    ("Ares I", ["Alliant Techsystems", "Boeing"], "United States of America", "Cancelled", 94.0, 927.0, 2, "2009-10-28"),
    ("Space Launch System", ["Boeing", "Northrop Grumman"], "United States of America", "Operational", 98.0, 2610.0, 2, "2022-11-16"),
    ("New Glenn", ["Blue Origin"], "United States of America", "Operational", 98.0, 1400.0, 2, "2025-01-16"),
    ("Electron", ["Rocket Lab"], "New Zealand", "Operational", 18.0, 13.0, 2, "2017-05-25"),
    ("Soyuz-2", ["Progress Rocket Space Centre"], "Russia", "Operational", 46.3, 312.0, 3, "2004-11-08"),
    ("Energia", ["NPO Energia"], "Russia", "Retired", 58.8, 2400.0, 2, "1987-05-15"),
    ("Zenit", ["Yuzhmash"], "Ukraine", "Retired", 57.0, 462.0, 2, "1985-04-13"),
    ("Ariane 5", ["ArianeGroup"], "France", "Retired", 52.0, 777.0, 2, "1996-06-04"),
    ("Ariane 6", ["ArianeGroup"], "France", "Operational", 63.0, 860.0, 2, "2024-07-09"),
    ("H-IIA", ["Mitsubishi Heavy Industries"], "Japan", "Operational", 53.0, 445.0, 2, "2001-08-29"),
    ("Long March 5", ["China Academy of Launch Vehicle Technology"], "China", "Operational", 57.0, 869.0, 2, "2016-11-03"),
]  # fmt: skip


def add(g: Graph) -> None:
    for name, designer, maker, cycle, fuel, oxidizer, status, sea, vac, isp in ENGINES:
        g.link(name, "spaceflight.rocket_engine.designed_by", designer)
        g.link(name, "spaceflight.rocket_engine.manufactured_by", maker)
        g.link(name, "spaceflight.bipropellant_rocket_engine.engine_cycle", cycle)
        g.link(name, "spaceflight.bipropellant_rocket_engine.fuel", fuel)
        g.link(name, "spaceflight.bipropellant_rocket_engine.oxidizer", oxidizer)
        g.link(name, "spaceflight.rocket_engine.status", status)
        for attribute, value in (("thrust_sea_level", sea), ("thrust_vacuum", vac), ("isp_vacuum", isp)):
            if value is not None:
                g.value(name, f"spaceflight.rocket_engine.{attribute}", value)
    for name, makers, country, status, height, mass, stages, maiden in ROCKETS:
        g.link(name, "spaceflight.rocket.manufacturer", *makers)
        g.link(name, "spaceflight.rocket.country_of_origin", country)
        g.link(name, "spaceflight.rocket.status", status)
        g.value(name, "spaceflight.rocket.height_meters", height)
        g.value(name, "spaceflight.rocket.mass", mass)
        g.value(name, "spaceflight.rocket.number_of_stages", stages)
        g.value(name, "spaceflight.rocket.maiden_flight", maiden)
