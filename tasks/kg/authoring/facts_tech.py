"""Programming languages and digital cameras."""

from __future__ import annotations

from tasks.kg.authoring.graph import Graph

# language, introduced (year), designers, developers, paradigms, influenced by
LANGUAGES = [
    ("Fortran", "1957", ["John Backus"], ["IBM"], ["Imperative programming", "Procedural programming"], []),
    ("Lisp", "1958", ["John McCarthy"], [], ["Functional programming", "Procedural programming", "Reflective programming"], []),
    ("COBOL", "1959", ["Grace Hopper"], [], ["Imperative programming", "Procedural programming"], []),
    ("Simula", "1967", ["Ole-Johan Dahl", "Kristen Nygaard"], [], ["Object-oriented programming", "Imperative programming"], []),
    ("Pascal", "1970", ["Niklaus Wirth"], [], ["Imperative programming", "Structured programming"], []),
    ("C", "1972", ["Dennis Ritchie"], ["Bell Labs"], ["Imperative programming", "Procedural programming", "Structured programming"], []),
    ("Prolog", "1972", ["Alain Colmerauer"], [], ["Logic programming", "Declarative programming"], []),
    ("Smalltalk", "1972", ["Alan Kay", "Dan Ingalls", "Adele Goldberg"], ["Xerox PARC"], ["Object-oriented programming", "Reflective programming"], ["Lisp", "Simula"]),
    ("Scheme", "1975", ["Guy L. Steele", "Gerald Jay Sussman"], [], ["Functional programming", "Imperative programming"], ["Lisp"]),
    ("Objective-C", "1984", ["Brad Cox", "Tom Love"], ["Apple Inc."], ["Object-oriented programming", "Imperative programming"], ["C", "Smalltalk"]),
    ("C++", "1985", ["Bjarne Stroustrup"], ["Bell Labs"], ["Object-oriented programming", "Imperative programming", "Procedural programming", "Generic programming"], ["C", "Simula"]),
    ("Miranda", "1985", ["David Turner"], [], ["Functional programming", "Declarative programming"], []),
    ("Erlang", "1986", ["Joe Armstrong"], ["Ericsson"], ["Functional programming", "Concurrent computing"], ["Prolog", "Lisp"]),
    ("Perl", "1987", ["Larry Wall"], [], ["Imperative programming", "Procedural programming", "Object-oriented programming", "Functional programming"], ["C", "Lisp"]),
    ("Haskell", "1990", ["Simon Peyton Jones", "Paul Hudak", "Philip Wadler"], [], ["Functional programming", "Declarative programming"], ["Miranda", "Lisp", "Scheme"]),
    ("Python", "1991", ["Guido van Rossum"], ["Python Software Foundation"], ["Object-oriented programming", "Imperative programming", "Functional programming", "Reflective programming"], ["C", "Lisp", "Haskell"]),
    ("Java", "1995", ["James Gosling"], ["Sun Microsystems", "Oracle Corporation"], ["Object-oriented programming", "Imperative programming", "Generic programming"], ["C++", "Objective-C", "Smalltalk"]),
    ("JavaScript", "1995", ["Brendan Eich"], ["Netscape Communications", "Mozilla Foundation"], ["Functional programming", "Imperative programming", "Object-oriented programming", "Event-driven programming"], ["Java", "Scheme"]),
    ("PHP", "1995", ["Rasmus Lerdorf"], ["The PHP Group"], ["Imperative programming", "Object-oriented programming", "Procedural programming"], ["C", "Perl"]),
    ("Ruby", "1995", ["Yukihiro Matsumoto"], [], ["Object-oriented programming", "Functional programming", "Imperative programming", "Reflective programming"], ["Perl", "Smalltalk", "Lisp"]),
    ("OCaml", "1996", ["Xavier Leroy"], ["INRIA"], ["Functional programming", "Imperative programming", "Object-oriented programming"], []),
    ("C#", "2000", ["Anders Hejlsberg"], ["Microsoft"], ["Object-oriented programming", "Imperative programming", "Functional programming", "Generic programming"], ["Java", "C++"]),
    ("Scala", "2004", ["Martin Odersky"], [], ["Functional programming", "Object-oriented programming"], ["Java", "Haskell", "OCaml"]),
    ("Go", "2009", ["Robert Griesemer", "Rob Pike", "Ken Thompson"], ["Google"], ["Concurrent computing", "Imperative programming", "Procedural programming"], ["C", "Pascal"]),
    ("Rust", "2010", ["Graydon Hoare"], ["Mozilla Foundation"], ["Functional programming", "Imperative programming", "Concurrent computing", "Generic programming"], ["C++", "Haskell", "OCaml", "Erlang"]),
    ("Kotlin", "2011", [], ["JetBrains"], ["Object-oriented programming", "Functional programming"], ["Java", "Scala", "C#"]),
    ("Dart", "2011", ["Lars Bak", "Kasper Lund"], ["Google"], ["Object-oriented programming", "Imperative programming"], ["Java", "JavaScript", "C#"]),
    ("TypeScript", "2012", ["Anders Hejlsberg"], ["Microsoft"], ["Object-oriented programming", "Functional programming", "Imperative programming", "Generic programming"], ["JavaScript", "C#", "Java"]),
    ("Swift", "2014", ["Chris Lattner"], ["Apple Inc."], ["Object-oriented programming", "Functional programming", "Imperative programming"], ["Objective-C", "Rust", "Haskell", "C#"]),
]  # fmt: skip

# camera, manufacturer, released, effective megapixels, optical zoom (None: interchangeable lens),
# weight (g), sensor type, storage types, ISO settings
CAMERAS = [
    ("Canon EOS 450D", "Canon Inc.", "2008-04-24", 12.2, None, 475, "CMOS sensor", ["Secure Digital", "SDHC Card"], ["Auto", "100", "200", "400", "800", "1600"]),
    ("Canon EOS 5D Mark II", "Canon Inc.", "2008-11-30", 21.1, None, 810, "CMOS sensor", ["CompactFlash"], ["Auto", "100", "200", "400", "800", "1600", "3200", "6400", "12800"]),
    ("Canon PowerShot G10", "Canon Inc.", "2008-10-15", 14.7, 5.0, 350, "Charge-coupled device", ["Secure Digital", "SDHC Card", "MultiMediaCard"], ["Auto", "80", "100", "200", "400", "800", "1600"]),
    ("Nikon D40x", "Nikon", "2007-03-06", 10.2, None, 495, "Charge-coupled device", ["Secure Digital", "SDHC Card"], ["Auto", "100", "200", "400", "800", "1600"]),
    ("Nikon D90", "Nikon", "2008-09-15", 12.3, None, 620, "CMOS sensor", ["Secure Digital", "SDHC Card"], ["Auto", "200", "400", "800", "1600", "3200"]),
    ("Nikon Coolpix P6000", "Nikon", "2008-08-07", 13.5, 4.0, 240, "Charge-coupled device", ["Secure Digital", "SDHC Card"], ["Auto", "64", "100", "200", "400", "800", "1600", "3200", "6400"]),
    ("Samsung S1050", "Samsung Electronics", "2007-08-01", 10.1, 5.0, 170, "Charge-coupled device", ["Secure Digital", "SDHC Card", "MultiMediaCard"], ["Auto", "80", "100", "200", "400", "800", "1600"]),
    ("Samsung GX-20", "Samsung Electronics", "2008-01-24", 14.6, None, 800, "CMOS sensor", ["Secure Digital", "SDHC Card"], ["100", "200", "400", "800", "1600", "3200"]),
    ("Kodak Z712 IS", "Eastman Kodak", "2007-06-01", 7.1, 12.0, 310, "Charge-coupled device", ["Secure Digital", "SDHC Card"], ["Auto", "64", "100", "200", "400", "800", "1600"]),
    ("Kodak EasyShare M753", "Eastman Kodak", "2007-02-01", 7.0, 3.0, 125, "Charge-coupled device", ["Secure Digital", "SDHC Card"], ["Auto", "100", "200", "400"]),
    ("Casio Exilim EX-V8", "Casio", "2007-03-01", 8.1, 7.0, 162, "Charge-coupled device", ["Secure Digital", "SDHC Card", "MultiMediaCard"], ["Auto", "50", "100", "200", "400", "800", "1600"]),
    ("Olympus E-3", "Olympus Corporation", "2007-11-01", 10.1, None, 810, "Live MOS", ["CompactFlash", "xD-Picture Card"], ["Auto", "100", "200", "400", "800", "1600", "3200"]),
    ("Olympus Stylus 1030 SW", "Olympus Corporation", "2008-03-01", 10.1, 3.6, 180, "Charge-coupled device", ["xD-Picture Card"], ["Auto", "64", "100", "200", "400", "800", "1600"]),
    ("Panasonic Lumix DMC-FZ18", "Panasonic", "2007-08-01", 8.1, 18.0, 360, "Charge-coupled device", ["Secure Digital", "SDHC Card", "MultiMediaCard"], ["Auto", "100", "200", "400", "800", "1600"]),
    ("Panasonic Lumix DMC-G1", "Panasonic", "2008-10-31", 12.1, None, 385, "Live MOS", ["Secure Digital", "SDHC Card"], ["Auto", "100", "200", "400", "800", "1600", "3200"]),
    ("Sony Cyber-shot DSC-W120", "Sony", "2008-02-01", 7.2, 4.0, 124, "Charge-coupled device", ["Memory Stick Duo"], ["Auto", "100", "200", "400", "800", "1600", "3200"]),
    ("Fujifilm FinePix S100FS", "Fujifilm", "2008-02-01", 11.1, 14.3, 918, "Charge-coupled device", ["Secure Digital", "SDHC Card", "xD-Picture Card"], ["Auto", "100", "200", "400", "800", "1600", "3200", "6400"]),
    ("Pentax K20D", "Pentax", "2008-03-01", 14.6, None, 715, "CMOS sensor", ["Secure Digital", "SDHC Card"], ["100", "200", "400", "800", "1600", "3200", "6400"]),
]  # fmt: skip


def add(g: Graph) -> None:
    for name, introduced, designers, developers, paradigms, influences in LANGUAGES:
        g.value(name, "computer.programming_language.introduced", introduced)
        if designers:
            g.link(name, "computer.programming_language.language_designers", *designers)
        if developers:
            g.link(name, "computer.programming_language.developers", *developers)
        g.link(name, "computer.programming_language.language_paradigms", *paradigms)
        if influences:
            g.link(name, "computer.programming_language.influenced_by", *influences)
    for name, maker, released, megapixels, zoom, weight, sensor, storage, isos in CAMERAS:
        g.link(name, "digicams.digital_camera.manufacturer", maker)
        g.value(name, "digicams.digital_camera.released", released)
        g.value(name, "digicams.digital_camera.effective_resolution", megapixels)
        if zoom is not None:
            g.value(name, "digicams.digital_camera.optical_zoom", zoom)
        g.value(name, "digicams.digital_camera.weight", weight)
        g.link(name, "digicams.digital_camera.sensor_type", sensor)
        g.link(name, "digicams.digital_camera.supported_storage_types", *storage)
        g.link(name, "digicams.digital_camera.iso_setting", *isos)
