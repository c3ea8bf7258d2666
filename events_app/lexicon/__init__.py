"""Words and facts about language and places, as data: read by parsing and domain alike.

Standard library only, and nothing loaded until first asked for, so importing costs nothing.
`calendar_words`: month and weekday names, relative days, ordinals, connectors and clock words
in seven languages. `zones`: zone abbreviations, written zones and places (cities from GeoNames
in `places.json`), found in a text with their strength, and the text's zone picked from them.
`people`: honorifics, post-nominals, role and organisation words.
"""
