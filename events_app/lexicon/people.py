"""Words about people: titles before a name, letters after it, roles and organisations.

One list per fact, read by the parser (to take 'Dr', 'MP' and 'PhD' off a name and keep them
as the person's honorific) and by the domain (to display them back on the right side of the
name: 'Dr Maria Chen', 'Jane Doe PhD'). Stdlib only: no imports from the rest of the app.
"""

from __future__ import annotations

# Written form (lower case, with or without its full stop) -> the form shown before the name.
PREFIX_TITLES: dict[str, str] = {
    "dr": "Dr",
    "dr.": "Dr",
    "doctor": "Dr",
    "prof": "Professor",
    "prof.": "Professor",
    "professor": "Professor",
    "professors": "Professor",
    "assoc. prof.": "Professor",
    "mayor": "Mayor",
    "cllr": "Cllr",
    "cllr.": "Cllr",
    "councillor": "Cllr",
    "rev": "Rev",
    "rev.": "Rev",
    "revd": "Rev",
    "reverend": "Rev",
    "rep": "Rep",
    "rep.": "Rep",
    "gov.": "Governor",
    "governor": "Governor",
    "hon.": "Hon",
    "rt": "Rt Hon",
    "sir": "Sir",
    "dame": "Dame",
    "lord": "Lord",
    "lady": "Lady",
    "baroness": "Baroness",
    "baron": "Baron",
    "senator": "Senator",
    "sen.": "Senator",
    "judge": "Judge",
    "rabbi": "Rabbi",
    "imam": "Imam",
    "father": "Father",
    "fr.": "Father",
    "sister": "Sister",
    "mr": "Mr",
    "mr.": "Mr",
    "mrs": "Mrs",
    "mrs.": "Mrs",
    "ms": "Ms",
    "ms.": "Ms",
    "mx": "Mx",
    "mx.": "Mx",
}

# Letters after a name, in the form shown after it. Compared without full stops and case:
# 'Ph.D.', 'PHD' and 'PhD' are one post-nominal.
POST_NOMINALS: frozenset[str] = frozenset(
    {
        "MP",
        "MEP",
        "MSP",
        "MS",
        "AM",
        "MLA",
        "MPP",
        "MHK",
        "TD",
        "OBE",
        "MBE",
        "CBE",
        "KBE",
        "DBE",
        "QC",
        "KC",
        "PhD",
        "DPhil",
        "MD",
        "FRS",
        "FRSE",
        "FBA",
        "FLS",
        "FRAS",
        "FRGS",
        "FRSA",
        "FSA",
        "FRCP",
        "FRCS",
        "FRHistS",
        "FREng",
        "FMedSci",
        "DSc",
        "LLD",
        "EdD",
        "MBA",
        "OAM",
        "AO",
        "ONZM",
        "MNZM",
        "CNZM",
        "KCB",
        "BEM",
    }
)
_POST_NOMINAL_KEYS = {p.replace(".", "").casefold(): p for p in POST_NOMINALS}
# 'MS' and 'AM' (Senedd members) are also everyday words and a US state: they count as
# post-nominals only when written in capitals right after a name.
CAPITALS_ONLY = frozenset({"MS", "AM", "MD", "TD", "AO"})


def post_nominal(word: str) -> str | None:
    """The post-nominal `word` is ('Ph.D.' -> 'PhD'), or None."""
    key = word.strip(",;").replace(".", "").casefold()
    found = _POST_NOMINAL_KEYS.get(key)
    if found is None:
        return None
    if found in CAPITALS_ONLY and word.strip(",;.") != found:
        return None
    return found


def is_post_nominal(honorific: str) -> bool:
    """Whether a stored honorific is shown after the name rather than before it."""
    return post_nominal(honorific) is not None


# Words that describe a person before their name ('author Jane Doe', 'our guest Tom Lee').
ROLE_WORDS: frozenset[str] = frozenset(
    "author authors writer poet director the filmmaker film-maker artist journalist activist"
    " comedian host chair speaker speakers special guest guests musician singer historian"
    " economist campaigner organiser secretary general president leader novelist broadcaster"
    " producer our their his her local award-winning acclaimed renowned former".split()
)

# Words that say what someone does: after a name they are an affiliation, never a name.
ROLE_NOUNS: frozenset[str] = frozenset(
    "secretary president chair chairman chairwoman chairperson officer director organiser"
    " organizer leader convenor convener treasurer spokesperson spokesman spokeswoman"
    " coordinator co-ordinator editor founder ceo steward representative rep executive".split()
)

# Words that make a capitalised phrase an organisation, which is never a speaker.
ORGANISATION_WORDS: frozenset[str] = frozenset(
    "Council Society Union Unions Group Branch Party Trust Committee Association Network"
    " Campaign Club Collective Foundation Institute University College Library Museum Gallery"
    " Centre Center Theatre Theater Coalition Alliance Federation Press Books Ltd Inc"
    " Department School Team Forum Movement Cooperative Co-op Partnership Festival"
    " Laboratory Laboratories Lab Labs Corporation Company Hospital Agency Ministry Board Unit"
    " Office Division Programme Program Service Services Authority Church Parish Trust"
    " Clinic Council Commission Bureau Ltd. Inc. LLC PLC".split()
)

# A list of speakers that names nobody in particular ends here.
NOBODY_PHRASES: tuple[str, ...] = (
    "more",
    "many more",
    "others",
    "many others",
    "lots more",
    "friends",
    "guests",
    "special guests",
    "tbc",
    "tba",
    "others tbc",
    "more tbc",
    "to be announced",
    "more to be announced",
)

# Lower-case words inside a name ('Davey du Plessis', 'Ludwig van Beethoven', 'Ian St George').
PARTICLES: frozenset[str] = frozenset(
    "de du da di del della des van von der den ter la le bin ibn al el ap st st. mac".split()
)

# Words before a name that say the person performs rather than speaks ('DJ Flight').
PERFORMER_ROLE_WORDS: frozenset[str] = frozenset(
    "dj djs band bands singer singers songwriter singer-songwriter pianist guitarist violinist"
    " cellist drummer saxophonist trumpeter organist soprano tenor baritone mezzo-soprano"
    " rapper rappers comedian comedians actor actors actress dancer dancers choir duo trio"
    " quartet orchestra ensemble headliner headliners mc".split()
)

# Capitalised words that start sentences, headings and titles but are not part of a name: a
# run of capitals that holds one of them is not read as a person.
NON_NAME_WORDS: frozenset[str] = frozenset(
    "The A An This That These Those Our Your Their His Her Its My We You They He She It I"
    " Join Come Please Free All Every Each New Next Last Welcome Meet Hear See Book Buy Get"
    " Tickets Admission Entry Doors Tea Coffee Lunch Dinner Refreshments Registration Register"
    " Talk Talks Lecture Lectures Seminar Seminars Colloquium Meeting Meetings Workshop"
    " Conference Festival Concert Series Session Sessions Panel Discussion Debate Rally March"
    " Event Events Programme Program Topic Title Abstract Speaker Speakers Time Date Place"
    " Location Venue Room Where When Who What Why How Host Hosts Sponsor Contact Email Phone"
    " Note Notes Update Updates News Home About Menu Search Share Online Zoom Teams YouTube"
    " Facebook Twitter Instagram Live Special Guest Guests And Or But If In On At To For From"
    " With By Of As Not No Yes Also More Many Some Other Others Details Info Information"
    " Introduction Keynote Opening Closing Morning Afternoon Evening Night Week Weekend Day"
    " Public Annual General Spring Summer Autumn Fall Winter Christmas Easter Question Questions"
    " Answers Part Chapter Volume Issue Edition Workshop Class Classes Course Training".split()
)

# What a person is, as written beside their name ('journalist Jane Doe', 'Jane Doe, a nurse',
# 'campaigners A and B'); singular forms, a plural 's' is read too.
PROFESSIONS: frozenset[str] = frozenset(
    "author writer poet novelist playwright journalist reporter correspondent columnist editor"
    " broadcaster presenter activist campaigner organiser organizer nurse teacher doctor"
    " surgeon lawyer barrister solicitor judge historian economist scientist researcher"
    " professor lecturer academic scholar student artist painter sculptor photographer"
    " filmmaker film-maker director producer musician composer conductor architect engineer"
    " librarian curator archivist chef farmer priest minister vicar pastor rabbi imam"
    " councillor mayor senator representative politician diplomat ambassador expert analyst"
    " commentator consultant founder co-founder chair chairman chairwoman chairperson"
    " president vice-president secretary treasurer spokesperson spokesman spokeswoman"
    " coordinator co-ordinator convenor convener leader officer steward member trustee"
    " volunteer resident survivor veteran mother father parent worker comedian storyteller"
    " illustrator designer psychologist psychiatrist therapist economist philosopher"
    " theologian sociologist anthropologist archaeologist geologist biologist physicist"
    " chemist mathematician astronomer naturalist ecologist environmentalist explorer"
    " adventurer mountaineer athlete coach guide host moderator interviewer speaker"
    " panellist panelist guest fellow candidate vice-chancellor chancellor dean principal"
    " headteacher governor superintendent commissioner ceo manager chief midwife driver"
    " porter cleaner carer firefighter paramedic pharmacist dentist vet postman postwoman"
    " electrician plumber builder miner docker translator interpreter critic publisher"
    " essayist biographer memoirist blogger podcaster entrepreneur businessman businesswoman"
    " bishop archbishop chaplain canon monk nun ranger gardener pilot astronaut".split()
)
