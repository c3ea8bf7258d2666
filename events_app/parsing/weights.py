"""The hand priors of the evidence's weights, per field (see evidence.py).

These are the weights as reasoned by hand: the first ones kept the order of the old first-match
rules (a higher weight for the rule that used to fire first), and each new piece of evidence
came in with a weight chosen by what it means. The parser reads them through the fitted
weights.json (`make train`, training.py), which rescales them to probabilities and, where the
data support it, refits them; a feature the file does not carry keeps its weight here
(rescaled), so add new evidence as a named feature with a hand weight in the dict of its field.
A field's threshold is also the score of choosing nothing.
"""

# Titles: where the words came from, then what speaks against them.
TITLE = {
    "field": 12.0,  # 'Title:' / 'Topic:' labelled line
    "table_cell": 12.0,  # the row's cell under a table's 'Title' column
    "quoted": 11.0,  # a quoted name in the event's clause
    "named_session_lead": 10.0,  # 'a panel on housing' before the date
    "announced": 9.0,  # 'X is proud to present the Summer Gala'
    "held": 8.0,  # 'will hold a rally'
    "entry_heading": 8.5,  # 'Lantern making, Holt Community Barn, Mill Lane ...' over its entry
    "event_phrase": 7.5,  # 'there will be a baked bean supper', 'will hold its monthly supper'
    "next_event": 7.2,  # 'the next Cafe Science meeting will', 'to attend the Harbour talk'
    "named_event": 3.0,  # 'enter a Santa Fun Run': a capitalised name ending in an event's noun
    "lead": 7.0,  # the words before the date
    "after_named": 6.0,  # 'Sat 3 Aug – Summer picnic'
    "named_session": 5.0,
    "preamble": 4.0,  # 'Public meeting: ... Tuesday'
    "context": 3.0,  # a label line, quotation or heading in the sentences before
    "context_phrase": 3.5,  # 'join us for a book discussion' in the sentence before the date's
    "festival": 2.0,
    "after": 1.0,  # the words after the date
    "next_line": 2.5,  # the heading right under a line that holds only the date
    "heading": 0.5,  # a heading line above the event
    "heading_far": -1.0,  # a heading above one that could be the name
    "named_below": 7.0,  # the event's own sentence names what the heading over it does
    "heading_shared": -0.3,  # another event's date stands between it and this one: a list's
    "speaker_talk": 0.3,  # 'Lecture by Ann Lee', from 'to present a lecture' and its speaker
    "kind_named": 2.0,  # 'Entangled Worlds (Lecture)' opening the entry above its date
    "lead_line": 7.5,  # the words before the date on the date's own line
    "line_after": 6.5,  # 'Mon 15 Jan: The Art of Surgery - Dr Jo Bloggs' on a line the date leads
    "line_above": 2.0,  # the name set out on the line over a line the date leads
    # against
    "is_label": -50.0,  # 'When', 'Date', 'Time': a label is not a name
    "calendar_only": -50.0,  # 'Tuesday', 'March'
    "page_line": -50.0,  # 'Posted by ...', 'Published ...'
    "is_venue": -8.0,  # the words are the event's venue: where, not what
    "affiliation": -8.0,  # 'Department of Physics' under a speaker's name
    "list_heading": -8.0,  # 'Spring dates', 'Programme': what a list is, not what an event is
    "has_link": -8.0,  # a web address
    "has_date": -8.0,  # 'Tuesday March 12th': a date, the next item of a list
    "has_time": -5.0,  # 'Doors open at 5.30pm'
    "follow_on": -6.0,  # 'followed by a Q&A with ...': a later part of the event
    "byline": -6.0,  # 'By Professor Jo Bloggs', 'Convened by ...'
    "addressing": -2.0,  # 'See you in 2020', '@ Your Library': the writer talking to readers
    "vague": -8.0,  # 'Next', 'Following week', 'Will end'
    "furniture": -6.0,  # 'Admission by donation', 'Book now', 'All welcome'
    "address": -6.0,  # '99 High St, Red Bank, NJ 07701'
    "over_address": -4.0,  # the line under it is an address: it names the venue
    "venue_shaped": -3.0,  # 'Lange Hall': a short name that ends in a building's word
}
TITLE_THRESHOLD = 0.0

# Venues: the source, where it was read (the event's clause, a label before it, the sentences
# around it), and what the name itself says.
VENUE = {
    "field": 20.0,
    "there": 10.0,  # 'there' points back at the previous event's venue
    "known": 9.0,  # a venue the caller already has, named in the clause
    "address": 8.0,  # a run read back from a postcode or US state
    "room": 7.0,  # 'Wean Hall 5409', 'Room B12, Physics Building'
    "preposition": 4.0,  # 'at Unite House'
    "named_segment": 3.0,  # ', Marx House.' between commas
    "town_then_venue": 8.0,  # 'Friday 7 March - Leeds, The Cellar' on a line the date leads
    "venue_line": 3.0,  # 'LANGE HALL' on a line of its own beside the date's line
    "city": 1.0,
    "clause": 0.0,
    "preamble": -1.0,
    "context": -2.0,
    "elsewhere": -4.0,  # the numbered room nearest the date, outside the event's sentences
    "standing": -2.5,  # 'All talks are held in ...': said once for the text, no date of its own
    "entry": -5.0,  # an address on a line of the event's entry, outside its sentences
    "venue_noun": 2.0,
    "number": 1.0,
    "plain": -2.0,  # no building word, number or address: as often a topic as a place
    "after_in": -1.5,  # 'in Twin Screw Extruders': 'in' leads to topics as often as places
}
VENUE_THRESHOLD = 1.0
VENUE_SECOND = 6.0  # a second venue in a clause that moves on ('then march to ...')

# Frames: is this dated reading an event to go to? Below the threshold it is left out.
FRAME = {
    "bias": 0.5,
    "time": 1.0,
    "venue": 0.8,
    "speakers": 0.4,
    "event_noun": 0.8,
    "future": 0.7,
    "untitled": -1.0,  # nothing in the text names it
    "past": -2.0,  # 'Ken gave a talk on ...' in the anchor's sentence, no future in it
    "text_past": -1.0,  # the whole text reports, nothing in it looks ahead
    "record": -2.0,  # minutes of a meeting
    "dateline": -4.0,  # 'Posted by ... at Oct 22, 2010 04:22 PM'
    "bare_date_line": -0.5,  # a line with the date alone: a page's date line or a poster's
    "published_date_line": -2.5,  # and that date is the day the text was published: its own
    "closure": -3.0,  # 'Closed', 'Holiday closure dates', 'opening hours'
    "negated": -4.0,  # 'We do NOT meet this Friday', 'there will be no meeting on ...'
    "school_term": -3.0,  # 'Term 1', 'Pupil Free Day': a school's own calendar
    "civic": -2.5,  # 'Polls open', 'General Election', 'rolls close': a step of a vote
    "before_reference": -2.0,  # a day before the text was written: history, not a date to go
}
FRAME_THRESHOLD = 0.0

# People: a capitalised run is a name of someone who speaks or performs by this evidence.
SPEAKER = {
    "bias": -3.0,  # a capitalised run alone is as often a place, a title or an organisation
    "list_cue": 5.0,  # 'Speakers include: ...', 'line-up: ...'
    "inline_cue": 4.0,  # 'chaired by', 'in conversation with', 'with'
    "speaks_after": 5.5,  # 'X will speak', 'X and Y will address the rally'
    "field": 6.0,  # in a 'Speaker:' / 'Who:' labelled value
    "honorific": 3.5,  # 'Dr', 'Professor', 'Cllr'
    "post_nominal": 3.5,  # 'MP', 'TD', 'PhD'
    "role_before": 3.0,  # 'journalist X', 'FNB Chief Economist X'
    "performer_cue": 0.0,  # 'featuring', 'live music': says a performer, not whether a person
    "affiliation_after": 2.0,  # 'X (Unison)', 'X, University of Y', 'X, a nurse'
    "own_line": 1.0,  # a line that holds the name alone
    "affiliation_line": 2.5,  # ... over a line of affiliation, or with one after a comma
    "programme_tail": 3.0,  # '27 March: Oceans - Dr Ann Lee'
    "listed": 1.0,  # one of two or more names in one list that each have evidence
    "enumerated": 1.0,  # an item of a line-up written out as a list ('the lineup includes ...')
    "in_list": 0.0,
    "starts_sentence": -0.5,  # a capital at a sentence start says nothing about a name
    "possessive": -1.5,  # 'celebrating Karl Marx's bicentenary': someone spoken of
    "given_name": 3.0,  # its first word is a listed first name (lexicon/given_names.py)
    # against
    "one_word": -2.5,  # 'Winsome': only with a cue
    "initials_only": -3.0,  # 'UK', 'J.K.'
    "organisation": -8.0,  # 'Unite the Union', 'Department of Physics'
    "place_word": -4.0,  # 'Conway Hall', 'Bridge Street'
    "place_name": -6.0,  # 'Ann Arbor': the whole name of a town the zone tables know
    "byline": -6.0,  # 'By Elaine Murphy' alone on its line: the writer, not a speaker
    "organiser_cue": -5.0,  # 'Organised by ...', 'Presented by ...': who puts it on
    "calendar": -8.0,  # 'Saturday', 'March'
    "common_word": -6.0,  # 'Public Meeting', 'The Talk'
    "capitals": -1.0,  # 'JOHN SMITH' (seminar e-mails write names so), 'NHS', 'AGM'
    "role_in_name": -4.0,  # 'Branch Secretary'
    "after_preposition": -2.5,  # 'at Marx House', 'in Bristol'
    "after_article": -3.0,  # 'the Pepsi Center'
    "in_brackets": -4.0,  # 'Jane Roe (Unison)': an affiliation
    "in_appositive": -6.0,  # 'A, Morning Star editor, and B'
    "roles_before": 0.0,  # 'campaigners A and B': role_before for each name of the list
}
SPEAKER_THRESHOLD = 0.0
