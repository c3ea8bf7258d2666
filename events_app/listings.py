"""Which events a listing shows: the read side (cosmicpython's `views.py`).

Every page, calendar view, API answer and feed asks here, so that a listing and the feeds it
links to show the same events. A visitor's question is an EventFilter (facets and the days of
`from` and `to`); each function here narrows it and never widens it: "upcoming" is what of the
question has not yet ended, "past" what of it has, "between" what of it falls in a calendar's
days. Nothing here writes or commits.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from .domain import Event, EventFilter, User
from .store import repository
from .store.repository import FacetOptions

UPCOMING, PAST, ALL = "upcoming", "past", "all"
SCOPES = (UPCOMING, PAST, ALL)
FEW_UPCOMING = 5
UPCOMING_LIMIT = 200
PAST_LIMIT = 50


class UnknownFacetError(LookupError):
    """A filter names a venue, speaker, tag or festival that no published event names: the
    answer is "no such thing", not an empty calendar. The message is safe to show; `param`
    (venue, speaker, tag or series) and `value` let a page say it in the visitor's language."""

    def __init__(self, message: str, *, param: str = "", value: str = "") -> None:
        super().__init__(message)
        self.param = param
        self.value = value


def check_facets(session: Session, criteria: EventFilter) -> None:
    """UnknownFacetError for the first facet of the question that names nothing public."""
    facet_names(session, criteria)


def facet_names(session: Session, criteria: EventFilter) -> dict[str, str]:
    """What each facet of the question names, by its parameter: the venue's and the speaker's
    names, the festival's title, the tag as written; UnknownFacetError for the first that
    names nothing public."""
    checks = (
        ("venue", "venue", criteria.venue, _venue_name),
        ("speaker", "speaker", criteria.speaker, _person_name),
        ("tag", "tag", criteria.tag, _tag_name),
        ("series", "festival or series", criteria.series, _event_title),
    )
    names = {}
    for param, kind, value, find in checks:
        if not value:
            continue
        name = find(session, value)
        if name is None:
            raise UnknownFacetError(
                f"No {kind} “{value[:80]}” is listed here.", param=param, value=value[:80]
            )
        names[param] = name
    return names


def _venue_name(session: Session, slug: str) -> str | None:
    venue = repository.get_venue(session, slug)
    return venue.name if venue else None


def _person_name(session: Session, slug: str) -> str | None:
    person = repository.get_person(session, slug)
    return person.name if person else None


def _tag_name(session: Session, tag: str) -> str | None:
    return tag.lower() if repository.tag_in_use(session, tag) else None


def _event_title(session: Session, slug: str) -> str | None:
    event = repository.get_event(session, slug)
    return event.title if event else None


def _later(bound: datetime | None, other: datetime) -> datetime:
    return other if bound is None else max(bound, other)


def _earlier(bound: datetime | None, other: datetime) -> datetime:
    return other if bound is None else min(bound, other)


def narrowed(criteria: EventFilter, scope: str, now: datetime) -> EventFilter:
    """The question limited to events not yet over (`upcoming`), over (`past`) or as it is
    (`all`): the visitor's own `from` and `to` still hold, whichever is narrower."""
    if scope == UPCOMING:
        return dataclasses.replace(criteria, ends_after=_later(criteria.ends_after, now))
    if scope == PAST:
        return dataclasses.replace(criteria, ends_before=_earlier(criteria.ends_before, now))
    if scope == ALL:
        return criteria
    raise ValueError(f"Unknown scope {scope!r}")


def between(criteria: EventFilter, first: datetime, after_last: datetime) -> EventFilter:
    """The question limited to what is on between two instants (a month's or a week's days)."""
    return dataclasses.replace(
        criteria,
        ends_after=_later(criteria.ends_after, first),
        starts_before=_earlier(criteria.starts_before, after_last),
    )


def events(
    session: Session,
    criteria: EventFilter,
    scope: str,
    now: datetime,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[Event]:
    """The events of the question in `scope`: past events most recent first, others soonest
    first."""
    return repository.list_events(
        session,
        narrowed(criteria, scope, now),
        newest_first=scope == PAST,
        limit=limit,
        offset=offset,
    )


def count(session: Session, criteria: EventFilter, scope: str, now: datetime) -> int:
    return repository.count_events(session, narrowed(criteria, scope, now))


def upcoming(
    session: Session, criteria: EventFilter, now: datetime, *, limit: int = UPCOMING_LIMIT
) -> list[Event]:
    """Events not yet over, soonest first."""
    return events(session, criteria, UPCOMING, now, limit=limit)


def past(
    session: Session,
    criteria: EventFilter,
    now: datetime,
    *,
    limit: int = PAST_LIMIT,
    offset: int = 0,
) -> list[Event]:
    """Events that are over, most recent first."""
    return events(session, criteria, PAST, now, limit=limit, offset=offset)


def in_days(
    session: Session, criteria: EventFilter, first: datetime, after_last: datetime, *, limit: int
) -> list[Event]:
    """What is on between two instants, soonest first: a month's or a week's calendar."""
    return repository.list_events(session, between(criteria, first, after_last), limit=limit)


def search(session: Session, criteria: EventFilter, *, limit: int) -> list[Event]:
    """Everything the question's words match, past or to come, the most recent first."""
    return repository.list_events(session, criteria, newest_first=True, limit=limit)


def front_page(session: Session, now: datetime) -> tuple[list[Event], list[Event]]:
    """Upcoming events, and the most recent past ones when there are few upcoming, so that a
    quiet site still shows what it has done."""
    soon = upcoming(session, EventFilter(), now)
    recent = past(session, EventFilter(), now, limit=10) if len(soon) < FEW_UPCOMING else []
    return soon, recent


def feed_criteria(criteria: EventFilter, now: datetime, *, past_days: int | None) -> EventFilter:
    """The question a calendar or JSON feed answers. With `past_days` (the site's
    FEED_PAST_DAYS), events that ended longer ago than that are left out, as a further
    narrowing of the visitor's `from`."""
    if past_days is None:
        return criteria
    cutoff = now - timedelta(days=past_days)
    return dataclasses.replace(criteria, ends_after=_later(criteria.ends_after, cutoff))


def facet_options(session: Session, now: datetime) -> FacetOptions:
    """The facet menus offer what upcoming events name: a visitor narrowing the upcoming
    listing is never offered a venue, speaker or tag with nothing ahead (and the count runs
    over the events not yet over, not over every published event there has been)."""
    return repository.facet_options(session, narrowed(EventFilter(), UPCOMING, now))


DASHBOARD_SECTIONS = ("drafts", "upcoming", "past")


@dataclasses.dataclass
class DashboardSection:
    """One part of an organiser's list: a page of it and how many there are in all."""

    name: str
    events: list[Event]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def dashboard(
    session: Session,
    user: User,
    *,
    now: datetime,
    text: str = "",
    everyone: bool = False,
    section: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> list[DashboardSection]:
    """The events an organiser may act on, filtered by owner in the query (an admin may ask for
    everyone's), optionally searched, in drafts, upcoming and past; one section with `section`,
    paged, or the first page of each. Drafts and upcoming events come soonest first, past
    ones most recent first: what needs doing next is at the top."""
    base = EventFilter(
        include_drafts=True,
        text=text or None,
        owner_id=None if (everyone and user.is_admin) else user.id,
    )
    shown = [section] if section in DASHBOARD_SECTIONS else list(DASHBOARD_SECTIONS)
    page = page if section in DASHBOARD_SECTIONS else 1
    found = []
    for name in shown:
        criteria = _dashboard_question(base, name, now)
        listed = repository.list_events(
            session,
            criteria,
            newest_first=name == PAST,
            limit=per_page,
            offset=(page - 1) * per_page,
        )
        total = repository.count_events(session, criteria)
        found.append(DashboardSection(name, listed, total, page, per_page))
    return found


def _dashboard_question(base: EventFilter, name: str, now: datetime) -> EventFilter:
    """Drafts whatever their days; published events upcoming or past."""
    if name == "drafts":
        return dataclasses.replace(base, only_drafts=True)
    return narrowed(dataclasses.replace(base, include_drafts=False), name, now)
