"""Words and facts about language and places, as data: read by parsing and domain alike."""
