"""Whatever the text, the parser gives drafts or a ParseError, never another exception, and
its time stays linear in the length of the text."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events_app.parsing import ParseError, draft_to_dict, parse_announcement

FRAGMENTS = [
    "Saturday",
    "28 July",
    "July 28",
    "27-29 July",
    "2026",
    "6.30pm",
    "10am-5pm",
    "noon",
    "at 7",
    "doors",
    "from",
    "until",
    "to",
    "Conway Hall",
    ", London WC1R 4RL",
    "WC1E",
    ", Springfield, IL",
    "Speakers:",
    "with",
    "Dr.",
    "MP",
    "and more",
    "“",
    '"',
    ":",
    ";",
    ".",
    ",",
    "\n",
    "\n\n",
    "every Tuesday",
    "this Saturday",
    "tomorrow",
    "10/15/2026",
    "03/10/2026",
    "2026-10-08",
    "https://example.org/x",
    "£12",
    "EST",
    "GMT /",
    "(BST)",
    "—",
    "last",
    "deadline",
    "(",
    ")",
    "Room 210",
    "in",
    "at the",
    "The",
    "Festival",
    "A Festival of",
    "10am:",
    "2pm:",
    "on Zoom",
]
PIECES = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=40).map(" ".join)


def parse_or_refuse(text: str, reference: date | None) -> None:
    try:
        result = parse_announcement(text, reference_date=reference, fallback_year=2026)
    except ParseError as exc:
        assert str(exc)
        return
    for draft in result.drafts:
        shaped = draft_to_dict(draft)
        assert shaped["title"]
        assert shaped["start"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), reference=st.none() | st.dates())
def test_any_text_gives_drafts_or_a_clear_error(text, reference):
    parse_or_refuse(text, reference)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PIECES, reference=st.none() | st.dates(date(2000, 1, 1), date(2040, 12, 31)))
def test_announcement_like_noise_gives_drafts_or_a_clear_error(text, reference):
    parse_or_refuse(text, reference)


def test_pathological_tokens_stay_quick():
    """No regular expression may backtrack without bound: these finish at all only if linear."""
    for text in [
        "?" * 100_000 + "x",
        "a" * 100_000,
        "1" * 100_000,
        "1, " * 30_000 + "July",
        "at " * 30_000,
        "Speakers: " + "Jo Bloggs, " * 9_000,
        "(" * 100_000,
        "£1 / " * 20_000,
        "Room " * 20_000 + "WC1E",
    ]:
        parse_or_refuse(text, date(2026, 1, 1))


def test_a_text_naming_thousands_of_events_is_read_only_so_far():
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(2500)]
    text = "".join(f"We will meet on {day.day} {day:%B %Y}, " for day in days)
    result = parse_announcement(text, reference_date=date(2026, 1, 1))

    assert len(result.drafts) == 500
    assert result.warnings == ["The text names more than 500 events: only the first 500 were read"]
