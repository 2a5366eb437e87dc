"""Sports teams, their stadiums, mascots and championships."""

from __future__ import annotations

from tasks.kg.authoring.graph import Graph

# team, sport, location, founded (year), stadium, stadium opened, mascots, fight songs
TEAMS = [
    ("New York Mets", "Baseball", "New York City", "1962", "Citi Field", "2009-04-13", ["Mr. Met"], ["Meet the Mets"]),
    ("St. Louis Cardinals", "Baseball", "St. Louis", "1882", "Busch Stadium", "2006-04-10", ["Fredbird"], []),
    ("Chicago Cubs", "Baseball", "Chicago", "1876", "Wrigley Field", "1914-04-23", ["Clark the Cub"], ["Go, Cubs, Go"]),
    ("Baltimore Orioles", "Baseball", "Baltimore", "1901", "Oriole Park at Camden Yards", "1992-04-06", ["The Oriole Bird"], []),
    ("Boston Red Sox", "Baseball", "Boston", "1901", "Fenway Park", "1912-04-20", ["Wally the Green Monster"], []),
    ("San Francisco Giants", "Baseball", "San Francisco", "1883", "Oracle Park", "2000-04-11", ["Lou Seal", "Crazy Crab"], []),
    ("Philadelphia Athletics", "Baseball", "Philadelphia", "1901", "Shibe Park", "1909-04-12", [], []),
    ("Chicago Bulls", "Basketball", "Chicago", "1966", "United Center", "1994-08-18", ["Benny the Bull"], []),
    ("New York Knicks", "Basketball", "New York City", "1946", "Madison Square Garden", "1968-02-11", [], []),
    ("Los Angeles Lakers", "Basketball", "Los Angeles", "1947", "Crypto.com Arena", "1999-10-17", [], []),
    ("Utah Jazz", "Basketball", "Salt Lake City", "1974", "Delta Center", "1991-10-04", ["Jazz Bear"], []),
    ("New York Giants", "American football", "New York City", "1925", "MetLife Stadium", "2010-04-10", [], []),
    ("Indianapolis Colts", "American football", "Indianapolis", "1953", "Lucas Oil Stadium", "2008-08-16", ["Blue"], []),
    ("Baltimore Ravens", "American football", "Baltimore", "1996", "M&T Bank Stadium", "1998-09-06", ["Poe"], []),
    ("Denver Broncos", "American football", "Denver", "1960", "Sports Authority Field at Mile High", "2001-09-10", ["Miles"], []),
    ("New England Patriots", "American football", "Foxborough", "1959", "Gillette Stadium", "2002-05-11", ["Pat Patriot"], []),
    ("Chicago Bears", "American football", "Chicago", "1920", "Soldier Field", "1924-10-09", ["Staley Da Bear"], ["Bear Down, Chicago Bears"]),
    ("Buffalo Bills", "American football", "Buffalo", "1959", "Highmark Stadium", "1973-08-17", ["Billy Buffalo"], []),
    ("San Francisco 49ers", "American football", "San Francisco", "1946", "Levi's Stadium", "2014-07-17", ["Sourdough Sam"], []),
    ("Green Bay Packers", "American football", "Green Bay", "1919", "Lambeau Field", "1957-09-29", [], []),
    ("Atlanta Falcons", "American football", "Atlanta", "1965", "Mercedes-Benz Stadium", "2017-08-26", ["Freddie Falcon"], []),
    ("Carolina Panthers", "American football", "Charlotte", "1993", "Bank of America Stadium", "1996-08-03", ["Sir Purr"], []),
    ("Manchester United", "Association football", "Manchester", "1878", "Old Trafford", "1910-02-19", ["Fred the Red"], []),
    ("Liverpool F.C.", "Association football", "Liverpool", "1892", "Anfield", "1884-09-28", ["Mighty Red"], ["You'll Never Walk Alone"]),
    ("Real Madrid", "Association football", "Madrid", "1902", "Santiago Bernabéu Stadium", "1947-12-14", [], ["Hala Madrid y nada más"]),
    ("Atlético Madrid", "Association football", "Madrid", "1903", "Metropolitano Stadium", "2017-09-16", [], []),
    ("Bayern Munich", "Association football", "Munich", "1900", "Allianz Arena", "2005-05-30", ["Berni"], []),
    ("Chelsea F.C.", "Association football", "London", "1905", "Stamford Bridge", "1877-04-28", ["Stamford the Lion"], ["Blue Is the Colour"]),
]  # fmt: skip

# championship -> events: (event, champion, runner-up, start date, end date)
CHAMPIONSHIPS = {
    "World Series": [
        ("1931 World Series", "St. Louis Cardinals", "Philadelphia Athletics", "1931-10-01", "1931-10-10"),
        ("1966 World Series", "Baltimore Orioles", "Los Angeles Dodgers", "1966-10-05", "1966-10-09"),
        ("1969 World Series", "New York Mets", "Baltimore Orioles", "1969-10-11", "1969-10-16"),
        ("1970 World Series", "Baltimore Orioles", "Cincinnati Reds", "1970-10-10", "1970-10-15"),
        ("1983 World Series", "Baltimore Orioles", "Philadelphia Phillies", "1983-10-11", "1983-10-16"),
        ("1986 World Series", "New York Mets", "Boston Red Sox", "1986-10-18", "1986-10-27"),
        ("2004 World Series", "Boston Red Sox", "St. Louis Cardinals", "2004-10-23", "2004-10-27"),
        ("2006 World Series", "St. Louis Cardinals", "Detroit Tigers", "2006-10-21", "2006-10-27"),
        ("2007 World Series", "Boston Red Sox", "Colorado Rockies", "2007-10-24", "2007-10-28"),
        ("2010 World Series", "San Francisco Giants", "Texas Rangers", "2010-10-27", "2010-11-01"),
        ("2011 World Series", "St. Louis Cardinals", "Texas Rangers", "2011-10-19", "2011-10-28"),
        ("2012 World Series", "San Francisco Giants", "Detroit Tigers", "2012-10-24", "2012-10-28"),
        ("2013 World Series", "Boston Red Sox", "St. Louis Cardinals", "2013-10-23", "2013-10-30"),
        ("2014 World Series", "San Francisco Giants", "Kansas City Royals", "2014-10-21", "2014-10-29"),
        ("2016 World Series", "Chicago Cubs", "Cleveland Indians", "2016-10-25", "2016-11-02"),
        ("2018 World Series", "Boston Red Sox", "Los Angeles Dodgers", "2018-10-23", "2018-10-28"),
    ],
    "NBA Finals": [
        ("1970 NBA Finals", "New York Knicks", "Los Angeles Lakers", "1970-04-24", "1970-05-08"),
        ("1973 NBA Finals", "New York Knicks", "Los Angeles Lakers", "1973-05-01", "1973-05-10"),
        ("1991 NBA Finals", "Chicago Bulls", "Los Angeles Lakers", "1991-06-02", "1991-06-12"),
        ("1992 NBA Finals", "Chicago Bulls", "Portland Trail Blazers", "1992-06-03", "1992-06-14"),
        ("1993 NBA Finals", "Chicago Bulls", "Phoenix Suns", "1993-06-09", "1993-06-20"),
        ("1996 NBA Finals", "Chicago Bulls", "Seattle SuperSonics", "1996-06-05", "1996-06-16"),
        ("1997 NBA Finals", "Chicago Bulls", "Utah Jazz", "1997-06-01", "1997-06-13"),
        ("1998 NBA Finals", "Chicago Bulls", "Utah Jazz", "1998-06-03", "1998-06-14"),
        ("2000 NBA Finals", "Los Angeles Lakers", "Indiana Pacers", "2000-06-07", "2000-06-19"),
        ("2001 NBA Finals", "Los Angeles Lakers", "Philadelphia 76ers", "2001-06-06", "2001-06-15"),
        ("2002 NBA Finals", "Los Angeles Lakers", "New Jersey Nets", "2002-06-05", "2002-06-12"),
        ("2009 NBA Finals", "Los Angeles Lakers", "Orlando Magic", "2009-06-04", "2009-06-14"),
        ("2010 NBA Finals", "Los Angeles Lakers", "Boston Celtics", "2010-06-03", "2010-06-17"),
        ("2020 NBA Finals", "Los Angeles Lakers", "Miami Heat", "2020-09-30", "2020-10-11"),
    ],
    "Super Bowl": [
        ("Super Bowl XXI", "New York Giants", "Denver Broncos", "1987-01-25", "1987-01-25"),
        ("Super Bowl XXV", "New York Giants", "Buffalo Bills", "1991-01-27", "1991-01-27"),
        ("Super Bowl XXXII", "Denver Broncos", "Green Bay Packers", "1998-01-25", "1998-01-25"),
        ("Super Bowl XXXIII", "Denver Broncos", "Atlanta Falcons", "1999-01-31", "1999-01-31"),
        ("Super Bowl XLI", "Indianapolis Colts", "Chicago Bears", "2007-02-04", "2007-02-04"),
        ("Super Bowl XLII", "New York Giants", "New England Patriots", "2008-02-03", "2008-02-03"),
        ("Super Bowl XLVI", "New York Giants", "New England Patriots", "2012-02-05", "2012-02-05"),
        ("Super Bowl XLVII", "Baltimore Ravens", "San Francisco 49ers", "2013-02-03", "2013-02-03"),
        ("Super Bowl 50", "Denver Broncos", "Carolina Panthers", "2016-02-07", "2016-02-07"),
    ],
    "UEFA Champions League Final": [
        ("1999 UEFA Champions League Final", "Manchester United", "Bayern Munich", "1999-05-26", "1999-05-26"),
        ("2005 UEFA Champions League Final", "Liverpool F.C.", "A.C. Milan", "2005-05-25", "2005-05-25"),
        ("2008 UEFA Champions League Final", "Manchester United", "Chelsea F.C.", "2008-05-21", "2008-05-21"),
        ("2012 UEFA Champions League Final", "Chelsea F.C.", "Bayern Munich", "2012-05-19", "2012-05-19"),
        ("2013 UEFA Champions League Final", "Bayern Munich", "Borussia Dortmund", "2013-05-25", "2013-05-25"),
        ("2014 UEFA Champions League Final", "Real Madrid", "Atlético Madrid", "2014-05-24", "2014-05-24"),
        ("2016 UEFA Champions League Final", "Real Madrid", "Atlético Madrid", "2016-05-28", "2016-05-28"),
        ("2019 UEFA Champions League Final", "Liverpool F.C.", "Tottenham Hotspur", "2019-06-01", "2019-06-01"),
        ("2021 UEFA Champions League Final", "Chelsea F.C.", "Manchester City", "2021-05-29", "2021-05-29"),
    ],
    "FA Cup": [
        ("1976–77 FA Cup", "Manchester United", "Liverpool F.C.", "1976-08-14", "1977-05-21"),
        ("2011–12 FA Cup", "Chelsea F.C.", "Liverpool F.C.", "2011-08-13", "2012-05-05"),
    ],
}


def add(g: Graph) -> None:
    for team, sport, location, founded, stadium, opened, mascots, songs in TEAMS:
        g.link(team, "sports.sports_team.sport", sport)
        g.link(team, "sports.sports_team.location", location)
        g.value(team, "sports.sports_team.founded", founded)
        g.link(team, "sports.sports_team.arena_stadium", stadium)
        g.value(stadium, "architecture.structure.opened", opened)
        if mascots:
            g.link(team, "sports.sports_team.team_mascot", *mascots)
        if songs:
            g.link(team, "sports.sports_team.fight_song", *songs)
    for championship, events in CHAMPIONSHIPS.items():
        for event, champion, runner_up, start, end in events:
            g.link(event, "sports.sports_championship_event.championship", championship)
            g.link(champion, "sports.sports_team.championships", event)
            g.link(event, "sports.sports_championship_event.runner_up", runner_up)
            g.value(event, "time.event.start_date", start)
            g.value(event, "time.event.end_date", end)
