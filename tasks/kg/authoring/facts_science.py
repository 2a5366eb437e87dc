"""Chemical elements and amusement park rides."""

from __future__ import annotations

from tasks.kg.authoring.graph import Graph

# element, atomic number, series, block, discoverers, discovery year, melting point (°C), boiling
# point (°C), electronegativity (None: unknown / not defined)
ELEMENTS = [
    ("Hydrogen", 1, "Reactive nonmetal", "s-block", ["Henry Cavendish"], "1766", -259.16, -252.87, 2.20),
    ("Helium", 2, "Noble gas", "s-block", ["Pierre Janssen", "Norman Lockyer"], "1868", None, -268.93, None),
    ("Nitrogen", 7, "Reactive nonmetal", "p-block", ["Daniel Rutherford"], "1772", -210.0, -195.79, 3.04),
    ("Oxygen", 8, "Reactive nonmetal", "p-block", ["Carl Wilhelm Scheele", "Joseph Priestley"], "1771", -218.79, -182.96, 3.44),
    ("Fluorine", 9, "Halogen", "p-block", ["Henri Moissan"], "1886", -219.67, -188.11, 3.98),
    ("Neon", 10, "Noble gas", "p-block", ["William Ramsay", "Morris Travers"], "1898", -248.59, -246.05, None),
    ("Sodium", 11, "Alkali metal", "s-block", ["Humphry Davy"], "1807", 97.79, 882.94, 0.93),
    ("Magnesium", 12, "Alkaline earth metal", "s-block", ["Joseph Black"], "1755", 650.0, 1091.0, 1.31),
    ("Silicon", 14, "Metalloid", "p-block", ["Jöns Jacob Berzelius"], "1823", 1414.0, 3265.0, 1.90),
    ("Chlorine", 17, "Halogen", "p-block", ["Carl Wilhelm Scheele"], "1774", -101.5, -34.04, 3.16),
    ("Argon", 18, "Noble gas", "p-block", ["Lord Rayleigh", "William Ramsay"], "1894", -189.34, -185.85, None),
    ("Potassium", 19, "Alkali metal", "s-block", ["Humphry Davy"], "1807", 63.5, 759.0, 0.82),
    ("Calcium", 20, "Alkaline earth metal", "s-block", ["Humphry Davy"], "1808", 842.0, 1484.0, 1.00),
    ("Manganese", 25, "Transition metal", "d-block", ["Carl Wilhelm Scheele", "Johan Gottlieb Gahn"], "1774", 1246.0, 2061.0, 1.55),
    ("Iron", 26, "Transition metal", "d-block", [], None, 1538.0, 2862.0, 1.83),
    ("Cobalt", 27, "Transition metal", "d-block", ["Georg Brandt"], "1735", 1495.0, 2927.0, 1.88),
    ("Nickel", 28, "Transition metal", "d-block", ["Axel Fredrik Cronstedt"], "1751", 1455.0, 2730.0, 1.91),
    ("Copper", 29, "Transition metal", "d-block", [], None, 1084.62, 2562.0, 1.90),
    ("Selenium", 34, "Reactive nonmetal", "p-block", ["Jöns Jacob Berzelius", "Johan Gottlieb Gahn"], "1817", 221.0, 685.0, 2.55),
    ("Bromine", 35, "Halogen", "p-block", ["Antoine Jérôme Balard", "Carl Jacob Löwig"], "1825", -7.2, 58.8, 2.96),
    ("Krypton", 36, "Noble gas", "p-block", ["William Ramsay", "Morris Travers"], "1898", -157.37, -153.42, 3.00),
    ("Zirconium", 40, "Transition metal", "d-block", ["Martin Heinrich Klaproth"], "1789", 1855.0, 4377.0, 1.33),
    ("Molybdenum", 42, "Transition metal", "d-block", ["Carl Wilhelm Scheele"], "1778", 2623.0, 4639.0, 2.16),
    ("Silver", 47, "Transition metal", "d-block", [], None, 961.78, 2162.0, 1.93),
    ("Iodine", 53, "Halogen", "p-block", ["Bernard Courtois"], "1811", 113.7, 184.3, 2.66),
    ("Xenon", 54, "Noble gas", "p-block", ["William Ramsay", "Morris Travers"], "1898", -111.75, -108.1, 2.60),
    ("Barium", 56, "Alkaline earth metal", "s-block", ["Carl Wilhelm Scheele", "Humphry Davy"], "1772", 727.0, 1845.0, 0.89),
    ("Cerium", 58, "Lanthanide", "f-block", ["Martin Heinrich Klaproth", "Jöns Jacob Berzelius", "Wilhelm Hisinger"], "1803", 795.0, 3443.0, 1.12),
    ("Tungsten", 74, "Transition metal", "d-block", ["Juan José Elhuyar", "Fausto Elhuyar"], "1783", 3422.0, 5930.0, 2.36),
    ("Platinum", 78, "Transition metal", "d-block", ["Antonio de Ulloa"], "1735", 1768.3, 3825.0, 2.28),
    ("Gold", 79, "Transition metal", "d-block", [], None, 1064.18, 2970.0, 2.54),
    ("Polonium", 84, "Post-transition metal", "p-block", ["Marie Curie", "Pierre Curie"], "1898", 254.0, 962.0, 2.0),
    ("Astatine", 85, "Halogen", "p-block", ["Dale R. Corson", "Kenneth Ross MacKenzie", "Emilio Segrè"], "1940", 302.0, 337.0, 2.2),
    ("Radium", 88, "Alkaline earth metal", "s-block", ["Marie Curie", "Pierre Curie"], "1898", 700.0, 1737.0, 0.9),
    ("Thorium", 90, "Actinide", "f-block", ["Jöns Jacob Berzelius"], "1829", 1750.0, 4788.0, 1.3),
    ("Uranium", 92, "Actinide", "f-block", ["Martin Heinrich Klaproth"], "1789", 1132.2, 4131.0, 1.38),
    ("Plutonium", 94, "Actinide", "f-block", ["Glenn T. Seaborg", "Edwin McMillan"], "1940", 639.4, 3228.0, 1.28),
    ("Americium", 95, "Actinide", "f-block", ["Glenn T. Seaborg"], "1944", 1176.0, 2011.0, 1.3),
    ("Curium", 96, "Actinide", "f-block", ["Glenn T. Seaborg"], "1944", 1340.0, 3110.0, 1.3),
]  # fmt: skip

# ride, park, designer, manufacturer, type, max speed (km/h), height (m), drop (m), inversions, opened
RIDES = [
    ("California Screamin'", "Disney California Adventure", "Werner Stengel", "Intamin", "Launched roller coaster", 88.5, 36.6, 33.5, 1, "2001-02-08"),
    ("Millennium Force", "Cedar Point", "Werner Stengel", "Intamin", "Steel roller coaster", 150.0, 94.5, 91.4, 0, "2000-05-13"),
    ("Top Thrill Dragster", "Cedar Point", "Werner Stengel", "Intamin", "Launched roller coaster", 193.0, 128.0, 122.0, 0, "2003-05-04"),
    ("Magnum XL-200", "Cedar Point", "Ron Toomer", "Arrow Dynamics", "Steel roller coaster", 116.0, 62.0, 59.0, 0, "1989-05-06"),
    ("Raptor (roller coaster)", "Cedar Point", "Bolliger & Mabillard", "Bolliger & Mabillard", "Inverted roller coaster", 92.0, 41.0, 36.0, 6, "1994-05-07"),
    ("Maverick", "Cedar Point", "Werner Stengel", "Intamin", "Launched roller coaster", 113.0, 32.0, 30.0, 2, "2007-05-26"),
    ("Kingda Ka", "Six Flags Great Adventure", "Werner Stengel", "Intamin", "Launched roller coaster", 206.0, 139.0, 127.0, 0, "2005-05-21"),
    ("El Toro", "Six Flags Great Adventure", "Werner Stengel", "Intamin", "Wooden roller coaster", 112.0, 55.0, 54.0, 0, "2006-06-11"),
    ("Nitro", "Six Flags Great Adventure", "Bolliger & Mabillard", "Bolliger & Mabillard", "Steel roller coaster", 129.0, 70.0, 66.0, 0, "2001-04-07"),
    ("Superman: Escape from Krypton", "Six Flags Magic Mountain", "Werner Stengel", "Intamin", "Launched roller coaster", 161.0, 126.0, 100.0, 0, "1997-03-15"),
    ("X2", "Six Flags Magic Mountain", "Alan Schilke", "Arrow Dynamics", "Steel roller coaster", 122.0, 53.0, 66.0, 2, "2002-01-12"),
    ("Tatsu", "Six Flags Magic Mountain", "Bolliger & Mabillard", "Bolliger & Mabillard", "Steel roller coaster", 100.0, 52.0, 34.0, 4, "2006-05-13"),
    ("Twisted Colossus", "Six Flags Magic Mountain", "Alan Schilke", "Rocky Mountain Construction", "Hybrid roller coaster", 92.0, 37.0, 39.0, 2, "2015-05-23"),
    ("Space Mountain", "Disneyland", "Walt Disney Imagineering", "Arrow Development", "Steel roller coaster", 56.0, 23.0, 12.0, 0, "1977-05-27"),
    ("Big Thunder Mountain Railroad", "Disneyland", "Walt Disney Imagineering", "Arrow Development", "Mine train roller coaster", 56.0, 21.0, 10.0, 0, "1979-09-02"),
    ("Matterhorn Bobsleds", "Disneyland", "Walt Disney Imagineering", "Arrow Development", "Bobsled roller coaster", 43.0, 24.0, 9.0, 0, "1959-06-14"),
    ("Expedition Everest", "Disney's Animal Kingdom", "Walt Disney Imagineering", "Vekoma", "Steel roller coaster", 80.0, 61.0, 25.0, 0, "2006-04-07"),
    ("Nemesis", "Alton Towers", "John Wardley", "Bolliger & Mabillard", "Inverted roller coaster", 80.0, 13.0, 32.0, 4, "1994-03-19"),
    ("Oblivion", "Alton Towers", "John Wardley", "Bolliger & Mabillard", "Dive coaster", 110.0, 20.0, 55.0, 0, "1998-03-14"),
    ("The Smiler", "Alton Towers", "John Wardley", "Gerstlauer", "Steel roller coaster", 85.0, 30.0, 30.0, 14, "2013-05-31"),
    ("Colossus", "Thorpe Park", "Werner Stengel", "Intamin", "Steel roller coaster", 72.0, 30.0, 28.0, 10, "2002-03-22"),
    ("Stealth", "Thorpe Park", "Werner Stengel", "Intamin", "Launched roller coaster", 130.0, 62.5, 62.5, 0, "2006-03-15"),
    ("Fury 325", "Carowinds", "Bolliger & Mabillard", "Bolliger & Mabillard", "Steel roller coaster", 153.0, 99.0, 98.0, 0, "2015-03-28"),
    ("Leviathan", "Canada's Wonderland", "Bolliger & Mabillard", "Bolliger & Mabillard", "Steel roller coaster", 148.0, 93.0, 93.3, 0, "2012-05-06"),
    ("Intimidator 305", "Kings Dominion", "Werner Stengel", "Intamin", "Steel roller coaster", 145.0, 93.0, 91.0, 0, "2010-04-02"),
    ("The Beast", "Kings Island", "Jeff Gramke", "Kings Island", "Wooden roller coaster", 105.0, 34.0, 43.0, 0, "1979-04-14"),
    ("Formula Rossa", "Ferrari World", "Werner Stengel", "Intamin", "Launched roller coaster", 240.0, 52.0, 52.0, 0, "2010-11-04"),
    ("Steel Dragon 2000", "Nagashima Spa Land", "Steve Okamoto", "Morgan Manufacturing", "Steel roller coaster", 153.0, 97.0, 93.5, 0, "2000-08-01"),
]  # fmt: skip


def add(g: Graph) -> None:
    for name, number, series, block, discoverers, year, melting, boiling, electronegativity in ELEMENTS:
        g.value(name, "chemistry.chemical_element.atomic_number", number)
        g.link(name, "chemistry.chemical_element.chemical_series", series)
        g.link(name, "chemistry.chemical_element.periodic_table_block", block)
        if discoverers:
            g.link(name, "chemistry.chemical_element.discoverer", *discoverers)
        for attribute, value in (("discovery_date", year), ("melting_point", melting), ("boiling_point", boiling),
                                 ("electronegativity", electronegativity)):  # fmt: skip
            if value is not None:
                g.value(name, f"chemistry.chemical_element.{attribute}", value)
    for name, park, designer, maker, kind, speed, height, drop, inversions, opened in RIDES:
        g.link(name, "amusement_parks.ride.park", park)
        g.link(name, "amusement_parks.ride.designer", designer)
        g.link(name, "amusement_parks.ride.manufacturer", maker)
        g.link(name, "amusement_parks.ride.ride_type", kind)
        g.value(name, "amusement_parks.ride.max_speed", speed)
        g.value(name, "amusement_parks.ride.height", height)
        g.value(name, "amusement_parks.ride.drop", drop)
        g.value(name, "amusement_parks.ride.inversions", inversions)
        g.value(name, "amusement_parks.ride.opened", opened)
