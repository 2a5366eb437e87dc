"""Dog breeds: temperaments, places of origin, colorings."""

from __future__ import annotations

from tasks.kg.authoring.graph import Graph

# breed, places of origin, temperaments, colorings
BREEDS = [
    ("German Shepherd Dog", ["Germany"], ["Obedient", "Intelligent", "Loyal", "Courageous", "Alert"], ["Black", "Tan", "Sable"]),
    ("Alaskan Malamute", ["United States of America"], ["Loyal", "Friendly", "Playful", "Affectionate"], ["Gray", "White"]),
    ("Australian Shepherd", ["United States of America"], ["Intelligent", "Energetic", "Protective", "Affectionate"], ["Blue merle", "Red", "Black"]),
    ("Basenji", ["Democratic Republic of the Congo"], ["Intelligent", "Independent", "Alert"], ["Red", "Black", "Brindle"]),
    ("Basset Hound", ["France"], ["Gentle", "Friendly", "Stubborn", "Affectionate"], ["Tan", "White", "Black"]),
    ("Bearded Collie", ["United Kingdom"], ["Energetic", "Intelligent", "Playful"], ["Gray", "Black", "Brown"]),
    ("Bernese Mountain Dog", ["Switzerland"], ["Gentle", "Calm", "Affectionate", "Loyal", "Intelligent"], ["Black", "Tan", "White"]),
    ("Bichon Frise", ["France", "Spain"], ["Playful", "Gentle", "Affectionate"], ["White"]),
    ("Bloodhound", ["Belgium", "France"], ["Gentle", "Independent", "Stubborn", "Friendly"], ["Red", "Tan", "Black"]),
    ("Border Terrier", ["United Kingdom"], ["Alert", "Obedient", "Affectionate", "Intelligent"], ["Tan", "Red"]),
    ("Bull Terrier", ["United Kingdom"], ["Playful", "Courageous", "Stubborn"], ["White", "Brindle"]),
    ("Cairn Terrier", ["United Kingdom"], ["Alert", "Playful", "Independent"], ["Cream", "Gray", "Brindle"]),
    ("Cane Corso", ["Italy"], ["Guard", "Loyal", "Intelligent", "Protective"], ["Black", "Gray", "Fawn"]),
    ("Cavalier King Charles Spaniel", ["United Kingdom"], ["Affectionate", "Gentle", "Playful", "Friendly"], ["Red", "White", "Black"]),
    ("Chesapeake Bay Retriever", ["United States of America"], ["Intelligent", "Protective", "Courageous"], ["Brown"]),
    ("Dalmatian", ["Croatia"], ["Energetic", "Friendly", "Playful", "Protective"], ["White", "Black"]),
    ("Dogo Argentino", ["Argentina"], ["Loyal", "Courageous", "Protective", "Guard"], ["White"]),
    ("French Bulldog", ["France"], ["Playful", "Alert", "Affectionate"], ["Fawn", "Brindle", "Cream"]),
    ("Great Pyrenees", ["France", "Spain"], ["Calm", "Protective", "Guard", "Gentle"], ["White"]),
    ("Greyhound", ["United Kingdom"], ["Gentle", "Independent", "Calm", "Affectionate"], ["Black", "Fawn", "Brindle", "Gray"]),
    ("Havanese", ["Cuba"], ["Playful", "Intelligent", "Affectionate"], ["White", "Cream", "Black"]),
    ("Ibizan Hound", ["Spain"], ["Independent", "Playful", "Alert", "Energetic"], ["Red", "White"]),
    ("Irish Setter", ["Ireland"], ["Energetic", "Playful", "Affectionate"], ["Red"]),
    ("Irish Terrier", ["Ireland"], ["Courageous", "Loyal", "Protective"], ["Red"]),
    ("Italian Greyhound", ["Italy"], ["Playful", "Alert", "Affectionate"], ["Gray", "Fawn", "Black"]),
    ("Japanese Spitz", ["Japan"], ["Intelligent", "Playful", "Obedient", "Loyal"], ["White"]),
    ("Komondor", ["Hungary"], ["Guard", "Protective", "Independent", "Calm"], ["White"]),
    ("Korean Jindo", ["South Korea"], ["Loyal", "Alert", "Independent", "Guard"], ["White", "Red", "Gray"]),
    ("Maltese", ["Malta"], ["Gentle", "Playful", "Affectionate"], ["White"]),
    ("Newfoundland", ["Canada"], ["Gentle", "Calm", "Intelligent", "Loyal"], ["Black", "Brown"]),
    ("Pekingese", ["China"], ["Independent", "Stubborn", "Affectionate", "Loyal"], ["Fawn", "Red", "Black"]),
    ("Pharaoh Hound", ["Malta"], ["Intelligent", "Playful", "Affectionate", "Energetic"], ["Red", "Tan"]),
    ("Poodle", ["Germany", "France"], ["Intelligent", "Energetic", "Alert", "Obedient"], ["White", "Black", "Brown", "Cream"]),
    ("Rough Collie", ["United Kingdom"], ["Intelligent", "Loyal", "Gentle", "Protective"], ["Sable", "White", "Blue merle"]),
    ("Shar Pei", ["China"], ["Independent", "Protective", "Calm", "Loyal", "Guard"], ["Fawn", "Black", "Cream", "Red"]),
    ("Shetland Sheepdog", ["United Kingdom"], ["Intelligent", "Obedient", "Playful", "Alert"], ["Sable", "Black", "Blue merle"]),
    ("Shih Tzu", ["China"], ["Playful", "Affectionate", "Alert"], ["White", "Black", "Brindle"]),
    ("Tibetan Terrier", ["China"], ["Gentle", "Affectionate", "Loyal"], ["White", "Cream", "Gray"]),
    ("Vizsla", ["Hungary"], ["Gentle", "Energetic", "Affectionate", "Loyal"], ["Red"]),
    ("West Highland White Terrier", ["United Kingdom"], ["Alert", "Independent", "Playful"], ["White"]),
    ("Whippet", ["United Kingdom"], ["Calm", "Gentle", "Playful", "Affectionate"], ["Brindle", "Fawn", "White", "Black"]),
]  # fmt: skip


def add(g: Graph) -> None:
    for breed, origins, temperaments, colorings in BREEDS:
        g.link(breed, "biology.animal_breed.breed_of", "Dog")
        g.link(breed, "biology.animal_breed.place_of_origin", *origins)
        g.link(breed, "biology.animal_breed.temperament", *temperaments)
        g.link(breed, "biology.animal_breed.coloring", *colorings)
