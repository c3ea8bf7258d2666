"""Dates, times and zones as announcements write them, read through parse_announcement."""

from datetime import date

import pytest

from events_app.parsing import ParseError, draft_to_dict, parse_announcement


def read(text: str, reference: date | None = date(2026, 3, 10)) -> list[dict]:
    return [
        draft_to_dict(d)
        for d in parse_announcement(text, reference_date=reference, fallback_year=2026).drafts
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Meeting on 27th July 2026 at 6:30 p.m.", "2026-07-27T18:30", None),
        ("Meeting, Sat 3 Oct 2026, 18:30", "2026-10-03T18:30", None),
        ("Rally 2026-10-08 at noon", "2026-10-08T12:00", None),
        ("Talk July 28, 2026, 6.30-8.30pm", "2026-07-28T18:30", "2026-07-28T20:30"),
        ("Fair on 4 July 2026 from 2 until 4pm", "2026-07-04T14:00", "2026-07-04T16:00"),
        ("Gig on 5 June 2026, doors 7pm, music from 8 till late", "2026-06-05T19:00", None),
        ("Film night on Friday 23 October 2026 at 7", "2026-10-23T19:00", None),
        ("Vigil from noon to 2pm on Sunday 5 April 2026", "2026-04-05T12:00", "2026-04-05T14:00"),
        ("Social on 9 May 2026, 10pm-2am", "2026-05-09T22:00", "2026-05-10T02:00"),
        (
            "Fundraiser night on 4 May 2026 from 10pm till 5 May 2026 4am",
            "2026-05-04T22:00",
            "2026-05-05T04:00",
        ),
        ("Seminar on 9 May 2026, 11-1pm", "2026-05-09T11:00", "2026-05-09T13:00"),
        ("Meeting on 3 May 2026 at 25:00", "2026-05-03", None),
        ("Rally tomorrow at 2pm", "2026-03-11T14:00", None),
        ("Meeting next Tuesday at 7pm", "2026-03-17T19:00", None),
        ("Meeting this Saturday at 11am", "2026-03-14T11:00", None),
        ("Festival 27-29 July 2026 in Tolpuddle", "2026-07-27", "2026-07-29"),
        ("Festival from Friday 17 to Sunday 19 July 2026", "2026-07-17", "2026-07-19"),
        ("Summer school from 30 June to 2 July 2026", "2026-06-30", "2026-07-02"),
        ("Talk 03/10/2026 at 7pm, Conway Hall, London WC1R 4RL", "2026-10-03T19:00", None),
        ("Comedy night, 21 September 2026 20-22.30", "2026-09-21T20:00", "2026-09-21T22:30"),
        ("Santa dash round the park on Christmas Eve 2026 at 10am", "2026-12-24T10:00", None),
        (
            "Canal walk, Sunday 14 June 2026, 6.30pm (2 hours)",
            "2026-06-14T18:30",
            "2026-06-14T20:30",
        ),
        ("A 90-minute tour of the mill on 3 May 2026 at 11pm", "2026-05-03T23:00", None),
        (
            "Tour of the mill, 3 May 2026, 10am, meet at the gate (90 minutes, booking required "
            "from 20 April)",
            "2026-05-03T10:00",
            "2026-05-03T11:30",
        ),
        (
            "Night walk on 3 May 2026 at 11pm, lasting an hour and a half",
            "2026-05-03T23:00",
            "2026-05-04T00:30",
        ),
        ("Fireworks on the green on Bonfire Night 2026, from 6.30pm", "2026-11-05T18:30", None),
        ("Open rehearsal 4 June 2026, 14–15:30", "2026-06-04T14:00", "2026-06-04T15:30"),
        (
            "Talk 10/03/2026 at 7pm, Grange Hall, 12 Oak St, Springfield, IL",
            "2026-10-03T19:00",
            None,
        ),
    ],
)
def test_start_and_end(text, start, end):
    [draft] = read(text)

    assert (draft["start"], draft["end"]) == (start, end)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Webinar 25 March 2026, 4pm EST", "America/New_York"),
        ("Webinar 25 March 2026, 4pm PST", "America/Los_Angeles"),
        ("Webinar 25 March 2026, 4pm CET", "Europe/Paris"),
        ("Webinar 25 March 2026, 7.30pm (BST)", "Europe/London"),
        ("Meeting 25 March 2026, 7pm, 1200 Main St, Austin, TX 78701", "America/Chicago"),
        ("Meeting 25 March 2026, 7pm, Friends House, London NW1 2BJ", "Europe/London"),
    ],
)
def test_zone_from_the_text(text, zone):
    [draft] = read(text)

    assert draft["timezone"] == zone


def test_zone_defaults_to_the_callers():
    [draft] = [
        draft_to_dict(d)
        for d in parse_announcement("Meeting on 25 March 2026 at 7pm", timezone="Asia/Tokyo").drafts
    ]

    assert draft["timezone"] == "Asia/Tokyo"


def test_a_list_of_days_gives_one_event_each():
    drafts = read("The series continues on 1, 8 and 15 October 2026 at 6pm at Conway Hall.")

    assert [d["start"] for d in drafts] == [
        "2026-10-01T18:00",
        "2026-10-08T18:00",
        "2026-10-15T18:00",
    ]


@pytest.mark.parametrize(
    ("text", "rule", "start"),
    [
        (
            "Our café meets every Tuesday from 10.30am, starting on 6 January 2026.",
            "FREQ=WEEKLY;BYDAY=TU",
            "2026-01-06T10:30",
        ),
        (
            "The group meets every Thursday at 6pm at Friends House.",
            "FREQ=WEEKLY;BYDAY=TH",
            "2026-03-12T18:00",
        ),
        (
            "Book club on the last Friday of every month at 7pm, from 27 March 2026.",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "2026-03-27T19:00",
        ),
    ],
)
def test_recurring_events_carry_a_rule(text, rule, start):
    [draft] = read(text)

    assert (draft["recurrence"], draft["start"]) == (rule, start)


def test_year_comes_from_the_weekday_near_the_reference():
    [draft] = read("Rally on Saturday 4 July at 2pm", reference=date(2026, 5, 1))

    assert draft["start"] == "2026-07-04T14:00"


def test_year_comes_from_the_texts_own_years_without_a_reference():
    text = (
        "Cuts will bite in January 2020. Meeting on Friday July 27 at 7pm at Conway Hall, "
        "London WC1R 4RL."
    )

    [draft] = read(text, reference=None)

    assert draft["start"] == "2018-07-27T19:00"
    assert any("2018 is the year nearest 2020" in w for w in draft["warnings"])


def test_weekday_that_fits_no_nearby_year_is_warned_about():
    [draft] = read("Picnic on Saturday 3 August at 1pm", reference=date(2026, 7, 1))

    assert draft["start"] == "2026-08-03T13:00"
    assert any("no year near 2026 has 3 August on a Saturday" in w for w in draft["warnings"])


def test_clock_time_skipped_by_the_spring_change_is_named():
    [draft] = read("Night walk, Sunday 29 March 2026 at 1:30am, Hyde Park.")

    assert any(
        "01:30 on 29 March 2026 does not exist in Europe/London" in w for w in draft["warnings"]
    )


def test_end_before_start_is_left_out_with_a_warning():
    [draft] = read("Meeting, Friday 3 July 2026, 19:00-18:00, Conway Hall.")

    assert draft["end"] is None
    assert "The end (18:00) is before the start: left out" in draft["warnings"]


@pytest.mark.parametrize(
    "text",
    [
        "The strike began on 3 March 2025 and lasted six weeks.",
        "Applications close on 14 February 2026 at 5pm.",
        "Candidates will be notified by 1 April 2026.",
        "Interviews are expected in the week of 16 March 2026.",
        "Last Saturday's protest drew 2,000 people from 1pm until 4pm.",
        "You can book tickets for the festival on 27-28 July 2026.",
        "The deadline of 30 April 2026 passed without agreement.",
        "14 Days remaining. We need £9,896.",
        "The organisers, meeting reporters on Tuesday, said the fair will return.",
        "Published: 11 March 2026 at 09:00\nThe allotment society's news.",
        "Group: uk.local.events-today\nThe allotment society's news.",
        "Photos of our Christmas Day Lunch 2025 are in the gallery.",
        "Polls open on Thursday 7 May 2026 from 7am to 10pm.",
        "Early voting runs from Monday 27 April 2026, 9am to 5pm, at the Town Hall.",
        "The draft plan will be available online from 12 March 2026 for comment.",
        "Please note we do not meet on Friday 13 March 2026 because of the half-term.",
        "There will be no meeting on Tuesday 17 March 2026 at 7pm.",
        "Term 2    14 April 2026 to 26 June 2026",
        "Friday 15 May 2026 - Pupil Free Day",
    ],
    ids=[
        "past",
        "deadline",
        "by-date",
        "week-of",
        "last-weekday",
        "booking",
        "passed",
        "countdown",
        "day-of-the-report",
        "page-date",
        "today-inside-a-name",
        "holiday-as-a-theme",
        "polling-day",
        "early-voting",
        "available-from",
        "we-do-not-meet",
        "no-meeting",
        "school-term",
        "pupil-free-day",
    ],
)
def test_dates_that_are_not_events(text):
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No event found in the text: it is empty"),
        ("   \n  ", "No event found in the text: it is empty"),
        ("nul\x00byte", "Text must not contain NUL characters"),
        ("x\n" * 10_000, "Text has too many lines: at most 10,000"),
        ("x" * 1_000_001, "Text is too long: at most 1,000,000 characters"),
    ],
    ids=["empty", "blank", "nul", "lines", "size"],
)
def test_unreadable_text_is_refused_with_a_reason(text, message):
    with pytest.raises(ParseError, match=message):
        parse_announcement(text)


def test_unknown_zone_is_refused():
    with pytest.raises(ParseError, match="Unknown time zone: Mars/Olympus"):
        parse_announcement("Meeting on 25 March 2026", timezone="Mars/Olympus")


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        (
            "El coro del barrio cantará el sábado 14 de marzo a las 20.00 en la iglesia de "
            "San Lorenzo. La entrada será libre y los vecinos están invitados.",
            ["2026-03-14T20:00"],
        ),
        (
            "Hoy actuará la banda municipal en la plaza mayor a las 21.00, y pasado mañana "
            "volverá al mismo lugar a la misma hora con un programa distinto para los vecinos.",
            ["2026-03-10T21:00", "2026-03-12"],
        ),
        (
            "Die Lesung findet am kommenden Donnerstag, dem 19. März, um 19.30 Uhr in der "
            "Stadtbibliothek statt. Der Eintritt ist frei und alle sind herzlich eingeladen.",
            ["2026-03-19T19:30"],
        ),
        (
            "La conférence aura lieu le mercredi 1er avril à 18h30 à la salle des fêtes de "
            "la mairie. L'entrée est libre et la soirée est ouverte à tous les habitants.",
            ["2026-04-01T18:30"],
        ),
    ],
    ids=["es-day-de-month", "es-hoy-pasado-manana", "de-dem-day-month", "fr-1er-month"],
)
def test_dates_in_other_languages(text, starts):
    """Spanish, German and French dates read with the lexicon's words for each language; the
    reference date is a Tuesday (10 March 2026)."""
    assert [draft["start"] for draft in read(text)] == starts


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Webinar on 25 March 2026 at 1 p.m. Central. Register online.", "America/Chicago"),
        ("Webinar on 25 March 2026 at 2pm Eastern Time, online.", "America/New_York"),
        ("Webinar on 25 March 2026 at 11am PT on the usual link.", "America/Los_Angeles"),
        (
            "Talk on 25 March 2026 at 7pm Central Library, 10 High St, York YO1 7HU.",
            "Europe/London",
        ),
    ],
    ids=["central", "eastern-time", "pt", "central-library-is-a-place"],
)
def test_a_zone_named_after_the_time(text, zone):
    [draft] = read(text)

    assert draft["timezone"] == zone


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        (
            "Day 2 - Tuesday 9 June 2026: poetry readings in the garden from 11am to 1pm.",
            [("2026-06-09T11:00", "2026-06-09T13:00")],
        ),
        (
            "Week 3 – 12 May 2026, a walk round the allotments at 10am.",
            [("2026-05-12T10:00", None)],
        ),
        (
            "Open mornings: Friday 3 April 2026 9 to 12am, and Saturday 4 April 2026.",
            [("2026-04-03T09:00", "2026-04-03T12:00"), ("2026-04-04", None)],
        ),
        (
            "Talks are held at Quarry Hall.\nTime - 2.00pm\n\n"
            "Wednesday 13 January 2027: Mapping the old canals\n"
            "Wednesday 20 January 2027: Bees in the city",
            [("2027-01-13T14:00", None), ("2027-01-20T14:00", None)],
        ),
        (
            "Craft club 02/10/2027 (Wednesday) from 4pm to 5pm in the library.",
            [("2027-02-10T16:00", "2027-02-10T17:00")],
        ),
        (
            "Craft club 02/10/2027 from 4pm to 5pm in the library. Sign up by 2/13.",
            [("2027-02-10T16:00", "2027-02-10T17:00")],
        ),
        (
            "Webinar on Monday 15 November 2027 (AEDT, UTC+11:00).",
            [("2027-11-15", None)],
        ),
        (
            "Pottery for children: Saturday, 7 November and 12 December 2026, 10.30am-11.30am.",
            [("2026-11-07T10:30", "2026-11-07T11:30"), ("2026-12-12T10:30", "2026-12-12T11:30")],
        ),
        (
            "Drop-in at the Village Hall, Wednesday 22 April 2026, 2pm to 4pm and 7pm to 9pm.",
            [("2026-04-22T14:00", "2026-04-22T16:00"), ("2026-04-22T19:00", "2026-04-22T21:00")],
        ),
    ],
    ids=[
        "numbered-day-is-not-a-range",
        "numbered-week",
        "morning-to-12am",
        "time-after-a-dash",
        "weekday-settles-day-order",
        "a-day-over-12-settles-day-order",
        "utc-offset-is-not-a-time",
        "days-of-two-months-share-the-time",
        "two-sittings-on-one-day",
    ],
)
def test_days_and_times_of_listed_events(text, starts):
    assert [(d["start"], d["end"]) for d in read(text)] == starts


def test_numbered_list_under_a_month_is_not_a_calendar():
    text = (
        "March\n\n1. Apologies for absence\n2. Minutes of the last meeting\n3. Any other business"
    )

    assert read(text) == []


def test_calendar_month_ends_at_an_unindented_line_that_is_no_day():
    text = (
        "May\n\n6     Plant sale\n\nThe hall is closed for repairs.\n"
        "12 volunteers helped last year."
    )

    assert [(d["title"], d["start"]) for d in read(text)] == [("Plant sale", "2026-05-06")]


def test_bare_weekday_without_a_reference_date_is_no_date():
    assert read("The craft fair opens at 10 a.m. Saturday at the hall.", reference=None) == []


def test_bare_weekday_of_a_rule_is_no_date():
    text = "Every other Thursday at noon the reading group meets in the library."

    assert [d["start"] for d in read(text)] == []


def test_weekdays_after_open_are_opening_hours():
    assert read("The gallery is open Saturday and Sunday, 10am-5pm, all year round.") == []


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # a weekday that ends its sentence is its own date, not the next sentence's
        ("Doors open on Monday.\n\nFriday 20 March 2026 - Quiz night, The Anchor", ["2026-03-20"]),
        ("Booking opens on Monday. Friday 20 March 2026: quiz night", ["2026-03-20"]),
        # a weekday before its date, on the same line or the next, is one date
        ("Quiz night this Friday,\n20 March 2026, at The Anchor", ["2026-03-20"]),
        ("Quiz night on Fri. 20 March 2026 at The Anchor", ["2026-03-20"]),
    ],
)
def test_a_weekday_joins_the_date_after_it_only_within_its_sentence(text, starts):
    assert [d["start"] for d in read(text)] == starts


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "A lecture series runs daily at the Guild Hall between May 7 and 13.",
            "2026-05-07",
            "2026-05-13",
        ),
        ("Open studios between 7 May and 13 May 2027, 10am each day.", "2027-05-07T10:00", None),
        ("The library holds a jumble sale between 7 and 9 May.", "2026-05-07", "2026-05-09"),
    ],
)
def test_between_two_days_is_one_span(text, start, end):
    [draft] = read(text)

    assert (draft["start"], draft["end"]) == (start, end)
