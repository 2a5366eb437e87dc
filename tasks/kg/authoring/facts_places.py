"""Countries: continents, capitals, languages, currencies, areas."""

from __future__ import annotations

from tasks.kg.authoring.graph import Graph

# country, continents, capital, official languages, other languages spoken, currencies, area (km²)
COUNTRIES = [
    ("United States of America", ["North America"], "Washington, D.C.", ["English"], ["Spanish"], ["United States dollar"], 9833520),
    ("Canada", ["North America"], "Ottawa", ["English", "French"], [], ["Canadian dollar"], 9984670),
    ("Mexico", ["North America"], "Mexico City", ["Spanish"], [], ["Mexican peso"], 1964375),
    ("Cuba", ["North America"], "Havana", ["Spanish"], [], ["Cuban peso"], 109884),
    ("Bahamas", ["North America"], "Nassau", ["English"], [], ["Bahamian dollar", "United States dollar"], 13943),
    ("Brazil", ["South America"], "Brasília", ["Portuguese"], [], ["Brazilian real"], 8515767),
    ("Argentina", ["South America"], "Buenos Aires", ["Spanish"], [], ["Argentine peso"], 2780400),
    ("United Kingdom", ["Europe"], "London", ["English"], ["Welsh"], ["Pound sterling"], 242495),
    ("Ireland", ["Europe"], "Dublin", ["Irish", "English"], [], ["Euro"], 70273),
    ("France", ["Europe"], "Paris", ["French"], [], ["Euro"], 551695),
    ("Germany", ["Europe"], "Berlin", ["German"], [], ["Euro"], 357022),
    ("Italy", ["Europe"], "Rome", ["Italian"], [], ["Euro"], 301340),
    ("Spain", ["Europe"], "Madrid", ["Spanish"], ["Catalan"], ["Euro"], 505990),
    ("Portugal", ["Europe"], "Lisbon", ["Portuguese"], [], ["Euro"], 92212),
    ("Belgium", ["Europe"], "Brussels", ["Dutch", "French", "German"], [], ["Euro"], 30689),
    ("Netherlands", ["Europe"], "Amsterdam", ["Dutch"], [], ["Euro"], 41850),
    ("Switzerland", ["Europe"], "Bern", ["German", "French", "Italian", "Romansh"], [], ["Swiss franc"], 41285),
    ("Austria", ["Europe"], "Vienna", ["German"], [], ["Euro"], 83879),
    ("Hungary", ["Europe"], "Budapest", ["Hungarian"], [], ["Hungarian forint"], 93030),
    ("Croatia", ["Europe"], "Zagreb", ["Croatian"], [], ["Euro"], 56594),
    ("Malta", ["Europe"], "Valletta", ["Maltese", "English"], [], ["Euro"], 316),
    ("Ukraine", ["Europe"], "Kyiv", ["Ukrainian"], ["Russian"], ["Ukrainian hryvnia"], 603550),
    ("Russia", ["Europe", "Asia"], "Moscow", ["Russian"], [], ["Russian ruble"], 17098246),
    ("China", ["Asia"], "Beijing", ["Mandarin Chinese"], ["Cantonese"], ["Renminbi"], 9596961),
    ("Japan", ["Asia"], "Tokyo", ["Japanese"], [], ["Japanese yen"], 377975),
    ("South Korea", ["Asia"], "Seoul", ["Korean"], [], ["South Korean won"], 100210),
    ("India", ["Asia"], "New Delhi", ["Hindi", "English"], ["Bengali", "Tamil"], ["Indian rupee"], 3287263),
    ("Egypt", ["Africa"], "Cairo", ["Arabic"], [], ["Egyptian pound"], 1010408),
    ("Democratic Republic of the Congo", ["Africa"], "Kinshasa", ["French"], ["Lingala", "Swahili"], ["Congolese franc"], 2345409),
    ("Australia", ["Oceania"], "Canberra", ["English"], [], ["Australian dollar"], 7692024),
    ("New Zealand", ["Oceania"], "Wellington", ["English", "Māori"], [], ["New Zealand dollar"], 268021),
]  # fmt: skip

LANGUAGE_FAMILIES = {
    "Indo-European languages": ["English", "Spanish", "French", "Portuguese", "Welsh", "Irish", "German", "Italian",
                                "Catalan", "Dutch", "Romansh", "Croatian", "Ukrainian", "Russian", "Hindi", "Bengali"],
    "Uralic languages": ["Hungarian"],
    "Afroasiatic languages": ["Maltese", "Arabic"],
    "Sino-Tibetan languages": ["Mandarin Chinese", "Cantonese"],
    "Japonic languages": ["Japanese"],
    "Koreanic languages": ["Korean"],
    "Dravidian languages": ["Tamil"],
    "Niger–Congo languages": ["Lingala", "Swahili"],
    "Austronesian languages": ["Māori"],
}  # fmt: skip

# cities named elsewhere (team locations, founding places) -> the country or state containing them
CITIES = {
    "Washington, D.C.": "United States of America", "Chicago": "Illinois", "St. Louis": "Missouri",
    "Boston": "Massachusetts", "San Francisco": "California", "Los Angeles": "California",
    "Salt Lake City": "Utah", "Denver": "Colorado", "Foxborough": "Massachusetts", "Buffalo": "New York",
    "Green Bay": "Wisconsin", "Atlanta": "Georgia", "Charlotte": "North Carolina", "Philadelphia": "Pennsylvania",
    "Manchester": "United Kingdom", "Liverpool": "United Kingdom", "Madrid": "Spain", "Munich": "Germany",
    "Los Altos": "California", "Redwood City": "California", "Richmond": "California", "Menlo Park": "California",
    "Cambridge": "Massachusetts", "Bellevue": "Washington", "Kent": "Washington", "Albuquerque": "New Mexico",
    "El Segundo": "California", "San Carlos": "California", "Palo Alto": "California", "Santa Clara": "California",
    "Mountain View": "California", "Kyoto": "Japan", "Sunnyvale": "California", "San Mateo": "California",
    "Auckland": "New Zealand", "Prague": "Czech Republic",
}  # fmt: skip
STATES_ADDED = ["Utah", "Colorado", "Wisconsin", "Washington", "New Mexico"]


def add(g: Graph) -> None:
    for country, continents, capital, official, other, currencies, area in COUNTRIES:
        g.link(country, "location.location.containedby", *continents)
        g.link(country, "location.country.capital", capital)
        g.link(capital, "location.location.containedby", country)
        g.link(country, "location.country.official_language", *official)
        g.link(country, "location.country.languages_spoken", *official, *other)
        g.link(country, "location.country.currency_used", *currencies)
        g.value(country, "location.location.area", area)
    for family, languages in LANGUAGE_FAMILIES.items():
        for language in languages:
            g.link(language, "language.human_language.language_family", family)
    for city, container in CITIES.items():
        g.link(city, "location.location.containedby", container)
    for state in STATES_ADDED:
        g.link(state, "location.location.containedby", "United States of America")
    g.link("Czech Republic", "location.location.containedby", "Europe")
