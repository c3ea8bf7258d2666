"""Cue words that say whether a dated stretch of text announces something to go to.

English for now; one tuple per fact so that a locale can add its own. Read by the parser's
frame scoring (parsing/frames.py): each cue is evidence with a weight, not a veto.
"""

from __future__ import annotations

# Nouns that name a thing one attends. Their presence near a date speaks for an event.
EVENT_NOUNS: tuple[str, ...] = tuple(
    "talk|talks|lecture|lectures|seminar|seminars|colloquium|meeting|meetings|concert|"
    "concerts|gig|gigs|festival|rally|march|protest|vigil|screening|film|workshop|"
    "workshops|class|classes|course|session|sessions|tour|tours|walk|fair|market|show|"
    "shows|exhibition|performance|party|celebration|conference|forum|debate|reading|"
    "launch|storytime|service|mass|quiz|dinner|supper|fundraiser|hustings|picket|demo|"
    "demonstration|parade|social|ceilidh|webinar|symposium|summit|agm|assembly|open day|"
    "fireworks|gala|event|events|discussion|panel|presentation|q&a|livestream|premiere|"
    "play|recital|comedy|club|group|circle|training|clinic|drop-in|breakfast|brunch|lunch|"
    "luncheon|picnic|barbecue|potluck|auction|bingo|dance|bake sale|book sale|jumble sale|"
    "car boot sale|fun run".split("|")
)

# Verbs of the past, spoken of a person or a thing: 'Jane gave a talk', 'the vigil drew 300'.
PAST_VERBS: tuple[str, ...] = tuple(
    "was|were|gave|made|ran|spoke|told|took|went|came|saw|met|won|lost|drew|began|ended|"
    "held|led|brought|kept|left|got|sold|paid|wrote|read|heard|felt|thought|became|died|"
    "did|had|attended|enjoyed|discussed|explained|shared|delivered|provided|reviewed|"
    "presented|described|showed|talked|hosted|welcomed|raised|scored|finished|survived|"
    "celebrated|marked|passed|happened|lasted".split("|")
)

# Words of the future or of an invitation: they outweigh the past in the same sentence.
FUTURE_CUES: tuple[str, ...] = tuple(
    "will|shall|join us|come along|takes place|take place|are invited|is invited|"
    "all welcome|everyone welcome|going ahead|book now|tickets|register|rsvp|coming up|"
    "upcoming|don't miss|save the date|next".split("|")
)

# A date beside these names a closure or opening hours, not an event.
CLOSURE_CUES: tuple[str, ...] = tuple(
    "closed|closure|closures|closings|close at|closes at|closed for|opening hours|open hours|"
    "library hours|office hours|polls open|hours:|bank holiday".split("|")
)

# A date beside these is a step of an election or a register (voting, enrolling, counting), a
# day of civic business rather than something one goes to: 'Polls open Nov. 3', 'rolls close'.
CIVIC_CUES: tuple[str, ...] = tuple(
    "election|elections|general election|primary|polls|polling|voting|vote|votes|ballot|"
    "ballots|absentee|early voting|register to vote|enrol|enrolment|enroll|enrollment|"
    "electoral roll|electoral rolls|rolls close|rolls to close|close of rolls|referendum|"
    "census".split("|")
)

# A line with one of these and a date is the page's own date line (when it was written).
DATELINE_CUES: tuple[str, ...] = tuple(
    "posted|published|updated|last updated|last modified|filed|written by|by ".split("|")
)

# Documents that record a past meeting rather than announce one.
RECORD_CUES: tuple[str, ...] = tuple(
    "minutes of the meeting|minutes of the|notes of last meeting|notes of the last meeting|"
    "were present|present:-".split("|")
)

# --- Speakers and performers (read by parsing/people.py) -----------------------------------

# Before a list of names: 'Speakers include: A, B and C', 'The line-up: ...'.
SPEAKER_LIST_CUES: tuple[str, ...] = tuple(
    "speaker|speakers|other speakers|speakers will|participants|panellists|panelists|guests|"
    "guest speakers|contributors|line-up|lineup|line up|featuring|features|starring|"
    "headlined by|supports|support from|music from|music by|performances from|"
    "performances by|performers|acts|artists|with guests|joined on stage by".split("|")
)

# Right before one name (a list may follow): 'chaired by X', 'in conversation with X'.
SPEAKER_INLINE_CUES: tuple[str, ...] = tuple(
    "with|featuring|feat.|ft.|hosted by|chaired by|led by|talk by|a talk by|lecture by|"
    "presented by|introduced by|in conversation with|conversation with|q&a with|q & a with|"
    "joined by|along with|together with|alongside|moderated by|interviewed by|"
    "a chance to hear|come and hear|come hear|hear from|address by|keynote by|"
    "keynote from|talk from|reading by|readings by|performance by|performed by|"
    "conducted by|directed by|accompanied by|supported by|followed by|"
    "between|by".split("|")
)

# Right after a name: 'X will speak', 'X and Y will address the rally'.
SPEAKER_AFTER_CUES: tuple[str, ...] = tuple(
    "will be speaking|will be talking|will be in conversation|will be presenting|"
    "will be reading|will be performing|will speak|will talk|will present|will read|"
    "will perform|will lead|will chair|will introduce|will give|will take questions|"
    "will answer questions|will discuss|will deliver|will host|will address|will be present|"
    "will attend|will appear|will headline|will play|will shed light|will recreate|"
    "will explore|will examine|will share|will reflect|will outline|will describe|"
    "will explain|will join|will be joined|will be there|will be appearing|will be playing|"
    "would speak|would deliver|is speaking|are speaking|will both speak|speaks|talks about|"
    "presents|introduces|discusses|explores|examines|reads from|launches|headlines|"
    "in conversation with|is giving|gives|delivers|leads|hosts|joins|plays|perform|"
    "performs|are playing|is playing|teaches|will teach|"
    "spricht|liest|hablará|actuará|actuarán".split("|")
)

# In the same sentence as a name: who is on is performing, not speaking.
PERFORMER_CUES: tuple[str, ...] = tuple(
    "featuring|line-up|lineup|headlined by|headline|headlines|supports|support from|"
    "music from|music by|performances from|performances by|performing|perform|performs|"
    "playing live|play live|live music|dj set|dj|band|gig|concert|tour|album|concierto|"
    "actuarán|actuará|konzert".split("|")
)
