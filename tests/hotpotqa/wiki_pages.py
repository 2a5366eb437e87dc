"""Authored Wikipedia pages for the loopback MediaWiki fake (plain-text extracts as TextExtracts
returns them: paragraphs separated by one newline, sections by a blank line and a heading)."""

PAGES = {
    "Marlow Clockworks": "Marlow Clockworks is a clock maker founded in Eddington.\nIt makes tower clocks.\n\n\n== History ==\nThe firm was named after its founder.",
    "Eddington": "Eddington is a market town on the River Wend.",
    "Tessa Holm": "Tessa Holm is a Danish sculptor.",
    "Ivo Brandt": "Ivo Brandt is a German sculptor.",
    "Glass Harbour": "Glass Harbour is the debut album of Northlight.",
    "Northlight (band)": "Northlight is a band formed in 1994.",
    "Field Notes Monthly": "Field Notes Monthly is a magazine founded in 1990.",
    "The Quiet Reader": "The Quiet Reader is a magazine founded in 1971.",
    "Orrin Festival": "The Orrin Festival was founded by Clara Venn.",
    "Clara Venn": "Clara Venn was a cellist.\nShe played the cello in a quartet.\n\n\n== Life ==\nVenn studied in Vienna.\n\nShe taught the cello later.",
    "SS Calder": "SS Calder was a cargo ship.",
    "SS Brina": "SS Brina was a cargo ship launched in 1921.",
    "Milhouse Van Houten": "Milhouse Mussolini Van Houten is a fictional character.\n\n\n== Name ==\nMilhouse was named after Richard Nixon.",
    "Mercury (planet)": "Mercury is the smallest planet.",
    "Mercury (element)": "Mercury is a chemical element.",
}
REDIRECTS = {"Milhouse": "Milhouse Van Houten"}
DISAMBIGUATION = {"Mercury": "Mercury may refer to: Mercury (planet), Mercury (element)"}
SUGGESTIONS = {"Clara Ven": "Clara Venn"}
