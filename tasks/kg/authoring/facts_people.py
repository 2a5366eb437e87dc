"""U.S. presidents and vice presidents; company founders."""

from __future__ import annotations

from tasks.kg.authoring.graph import Graph

# president, number, vice presidents, place of birth, date of birth, height (m), professions
PRESIDENTS = [
    ("George Washington", 1, ["John Adams"], "Westmoreland County", "1732-02-22", 1.88, ["Surveyor", "Soldier", "Politician"]),
    ("John Adams", 2, ["Thomas Jefferson"], "Braintree", "1735-10-30", 1.70, ["Lawyer", "Politician"]),
    ("Thomas Jefferson", 3, ["Aaron Burr", "George Clinton"], "Shadwell", "1743-04-13", 1.89, ["Lawyer", "Politician", "Architect"]),
    ("James Madison", 4, ["George Clinton", "Elbridge Gerry"], "Port Conway", "1751-03-16", 1.63, ["Politician"]),
    ("John Quincy Adams", 6, ["John C. Calhoun"], "Braintree", "1767-07-11", 1.71, ["Lawyer", "Politician", "Diplomat"]),
    ("Andrew Jackson", 7, ["John C. Calhoun", "Martin Van Buren"], "Waxhaws", "1767-03-15", 1.85, ["Lawyer", "Soldier", "Politician"]),
    ("Martin Van Buren", 8, ["Richard Mentor Johnson"], "Kinderhook", "1782-12-05", 1.68, ["Lawyer", "Politician"]),
    ("Abraham Lincoln", 16, ["Hannibal Hamlin", "Andrew Johnson"], "Hodgenville", "1809-02-12", 1.93, ["Lawyer", "Politician"]),
    ("Andrew Johnson", 17, [], "Raleigh", "1808-12-29", 1.78, ["Tailor", "Politician"]),
    ("William McKinley", 25, ["Garret Hobart", "Theodore Roosevelt"], "Niles", "1843-01-29", 1.70, ["Lawyer", "Soldier", "Politician"]),
    ("Theodore Roosevelt", 26, ["Charles W. Fairbanks"], "New York City", "1858-10-27", 1.78, ["Writer", "Soldier", "Politician"]),
    ("Woodrow Wilson", 28, ["Thomas R. Marshall"], "Staunton", "1856-12-28", 1.80, ["Professor", "Lawyer", "Politician"]),
    ("Warren G. Harding", 29, ["Calvin Coolidge"], "Blooming Grove", "1865-11-02", 1.83, ["Journalist", "Politician"]),
    ("Calvin Coolidge", 30, ["Charles G. Dawes"], "Plymouth Notch", "1872-07-04", 1.78, ["Lawyer", "Politician"]),
    ("Herbert Hoover", 31, ["Charles Curtis"], "West Branch", "1874-08-10", 1.82, ["Engineer", "Businessperson", "Politician"]),
    ("Franklin D. Roosevelt", 32, ["John Nance Garner", "Henry A. Wallace", "Harry S. Truman"], "Hyde Park", "1882-01-30", 1.88, ["Lawyer", "Politician"]),
    ("Harry S. Truman", 33, ["Alben W. Barkley"], "Lamar", "1884-05-08", 1.75, ["Farmer", "Soldier", "Politician"]),
    ("Dwight D. Eisenhower", 34, ["Richard Nixon"], "Denison", "1890-10-14", 1.79, ["Soldier", "Politician"]),
    ("John F. Kennedy", 35, ["Lyndon B. Johnson"], "Brookline", "1917-05-29", 1.83, ["Journalist", "Politician"]),
    ("Lyndon B. Johnson", 36, ["Hubert Humphrey"], "Stonewall", "1908-08-27", 1.92, ["Teacher", "Politician"]),
    ("Richard Nixon", 37, ["Spiro Agnew", "Gerald Ford"], "Yorba Linda", "1913-01-09", 1.82, ["Lawyer", "Politician"]),
    ("Gerald Ford", 38, ["Nelson Rockefeller"], "Omaha", "1913-07-14", 1.83, ["Lawyer", "Politician"]),
    ("Jimmy Carter", 39, ["Walter Mondale"], "Plains", "1924-10-01", 1.77, ["Farmer", "Politician"]),
    ("Ronald Reagan", 40, ["George H. W. Bush"], "Tampico", "1911-02-06", 1.85, ["Actor", "Politician"]),
    ("George H. W. Bush", 41, ["Dan Quayle"], "Milton", "1924-06-12", 1.88, ["Businessperson", "Politician"]),
    ("Bill Clinton", 42, ["Al Gore"], "Hope", "1946-08-19", 1.88, ["Lawyer", "Politician"]),
    ("George W. Bush", 43, ["Dick Cheney"], "New Haven", "1946-07-06", 1.82, ["Businessperson", "Politician"]),
    ("Barack Obama", 44, ["Joe Biden"], "Honolulu", "1961-08-04", 1.85, ["Lawyer", "Writer", "Politician"]),
    ("Donald Trump", 45, ["Mike Pence"], "New York City", "1946-06-14", 1.90, ["Businessperson", "Politician"]),
    ("Joe Biden", 46, ["Kamala Harris"], "Scranton", "1942-11-20", 1.82, ["Lawyer", "Politician"]),
]  # fmt: skip

# vice president, number, date of birth, place of birth (presidents who were vice presidents too)
VICE_PRESIDENTS = [
    ("John Adams", 1, None, None), ("Thomas Jefferson", 2, None, None), ("Aaron Burr", 3, "1756-02-06", "Newark"),
    ("George Clinton", 4, "1739-07-26", "Little Britain"), ("Elbridge Gerry", 5, "1744-07-17", "Marblehead"),
    ("John C. Calhoun", 7, "1782-03-18", "Abbeville"), ("Martin Van Buren", 8, None, None),
    ("Richard Mentor Johnson", 9, "1780-10-17", "Beargrass"), ("Hannibal Hamlin", 15, "1809-08-27", "Paris, Maine"),
    ("Andrew Johnson", 16, None, None), ("Garret Hobart", 24, "1844-06-03", "Long Branch"),
    ("Theodore Roosevelt", 25, None, None), ("Charles W. Fairbanks", 26, "1852-05-11", "Unionville Center"),
    ("Thomas R. Marshall", 28, "1854-03-14", "North Manchester"), ("Calvin Coolidge", 29, None, None),
    ("Charles G. Dawes", 30, "1865-08-27", "Marietta"), ("Charles Curtis", 31, "1860-01-25", "Topeka"),
    ("John Nance Garner", 32, "1868-11-22", "Detroit"), ("Henry A. Wallace", 33, "1888-10-07", "Orient"),
    ("Harry S. Truman", 34, None, None), ("Alben W. Barkley", 35, "1877-11-24", "Lowes"),
    ("Richard Nixon", 36, None, None), ("Lyndon B. Johnson", 37, None, None),
    ("Hubert Humphrey", 38, "1911-05-27", "Wallace"), ("Spiro Agnew", 39, "1918-11-09", "Baltimore"),
    ("Gerald Ford", 40, None, None), ("Nelson Rockefeller", 41, "1908-07-08", "Bar Harbor"),
    ("Walter Mondale", 42, "1928-01-05", "Ceylon"), ("George H. W. Bush", 43, None, None),
    ("Dan Quayle", 44, "1947-02-04", "Indianapolis"), ("Al Gore", 45, "1948-03-31", "Washington, D.C."),
    ("Dick Cheney", 46, "1941-01-30", "Lincoln"), ("Joe Biden", 47, None, None),
    ("Mike Pence", 48, "1959-06-07", "Columbus"), ("Kamala Harris", 49, "1964-10-20", "Oakland"),
]  # fmt: skip

# place of birth -> the U.S. state containing it
BIRTHPLACE_STATE = {
    "Westmoreland County": "Virginia", "Braintree": "Massachusetts", "Shadwell": "Virginia", "Port Conway": "Virginia",
    "Waxhaws": "South Carolina", "Kinderhook": "New York", "Hodgenville": "Kentucky", "Raleigh": "North Carolina",
    "Niles": "Ohio", "New York City": "New York", "Staunton": "Virginia", "Blooming Grove": "Ohio",
    "Plymouth Notch": "Vermont", "West Branch": "Iowa", "Hyde Park": "New York", "Lamar": "Missouri",
    "Denison": "Texas", "Brookline": "Massachusetts", "Stonewall": "Texas", "Yorba Linda": "California",
    "Omaha": "Nebraska", "Plains": "Georgia", "Tampico": "Illinois", "Milton": "Massachusetts", "Hope": "Arkansas",
    "New Haven": "Connecticut", "Honolulu": "Hawaii", "Scranton": "Pennsylvania", "Newark": "New Jersey",
    "Little Britain": "New York", "Marblehead": "Massachusetts", "Abbeville": "South Carolina", "Beargrass": "Kentucky",
    "Paris, Maine": "Maine", "Long Branch": "New Jersey", "Unionville Center": "Ohio", "North Manchester": "Indiana",
    "Marietta": "Ohio", "Topeka": "Kansas", "Detroit": "Michigan", "Orient": "Iowa", "Lowes": "Kentucky",
    "Wallace": "South Dakota", "Baltimore": "Maryland", "Bar Harbor": "Maine", "Ceylon": "Minnesota",
    "Indianapolis": "Indiana", "Lincoln": "Nebraska", "Columbus": "Indiana", "Oakland": "California",
}  # fmt: skip

PARENTS = [("John Quincy Adams", "John Adams"), ("George W. Bush", "George H. W. Bush")]

# organization, founders, date founded, place founded
ORGANIZATIONS = [
    ("Apple Inc.", ["Steve Jobs", "Steve Wozniak", "Ronald Wayne"], "1976-04-01", "Los Altos"),
    ("NeXT", ["Steve Jobs"], "1985-09-16", "Redwood City"),
    ("Pixar", ["Edwin Catmull", "Alvy Ray Smith", "Steve Jobs"], "1986-02-03", "Richmond"),
    ("Google", ["Larry Page", "Sergey Brin"], "1998-09-04", "Menlo Park"),
    ("Facebook", ["Mark Zuckerberg", "Eduardo Saverin", "Dustin Moskovitz", "Chris Hughes", "Andrew McCollum"], "2004-02-04", "Cambridge"),
    ("Amazon", ["Jeff Bezos"], "1994-07-05", "Bellevue"),
    ("Blue Origin", ["Jeff Bezos"], "2000-09-08", "Kent"),
    ("Microsoft", ["Bill Gates", "Paul Allen"], "1975-04-04", "Albuquerque"),
    ("SpaceX", ["Elon Musk"], "2002-03-14", "El Segundo"),
    ("Tesla, Inc.", ["Martin Eberhard", "Marc Tarpenning", "Elon Musk"], "2003-07-01", "San Carlos"),
    ("PayPal", ["Peter Thiel", "Max Levchin", "Elon Musk"], "1998-12-01", "Palo Alto"),
    ("Oracle Corporation", ["Larry Ellison", "Bob Miner", "Ed Oates"], "1977-06-16", "Santa Clara"),
    ("Sun Microsystems", ["Andy Bechtolsheim", "Vinod Khosla", "Scott McNealy", "Bill Joy"], "1982-02-24", "Santa Clara"),
    ("Netscape Communications", ["Marc Andreessen", "Jim Clark"], "1994-04-04", "Mountain View"),
    ("Nintendo", ["Fusajiro Yamauchi"], "1889-09-23", "Kyoto"),
    ("Atari", ["Nolan Bushnell", "Ted Dabney"], "1972-06-27", "Sunnyvale"),
    ("Electronic Arts", ["Trip Hawkins"], "1982-05-27", "San Mateo"),
    ("Rocket Lab", ["Peter Beck"], "2006-06-01", "Auckland"),
    ("JetBrains", ["Sergey Dmitriev", "Valentin Kipyatkov", "Eugene Belyaev"], "2000-02-01", "Prague"),
]  # fmt: skip


def add(g: Graph) -> None:
    for name, number, vps, birthplace, born, height, professions in PRESIDENTS:
        g.value(name, "government.us_president.presidency_number", number)
        if vps:
            g.link(name, "government.us_president.vice_president", *vps)
        g.link(name, "people.person.place_of_birth", birthplace)
        g.value(name, "people.person.date_of_birth", born)
        g.value(name, "people.person.height_meters", height)
        g.link(name, "people.person.profession", *professions)
        g.link(name, "people.person.nationality", "United States of America")
    for name, number, born, birthplace in VICE_PRESIDENTS:
        g.value(name, "government.us_vice_president.vice_president_number", number)
        if born is not None:
            g.value(name, "people.person.date_of_birth", born)
            g.link(name, "people.person.place_of_birth", birthplace)
            g.link(name, "people.person.profession", "Politician")
            g.link(name, "people.person.nationality", "United States of America")
    for place, state in BIRTHPLACE_STATE.items():
        g.link(place, "location.location.containedby", state)
    for state in sorted(set(BIRTHPLACE_STATE.values())):
        g.link(state, "location.location.containedby", "United States of America")
    for child, parent in PARENTS:
        g.link(child, "people.person.parents", parent)
    for name, founders, founded, place in ORGANIZATIONS:
        g.link(name, "organization.organization.founders", *founders)
        g.value(name, "organization.organization.date_founded", founded)
        g.link(name, "organization.organization.place_founded", place)
