"""Use cases. Each takes an open Session, does one job, and commits: the one layer that does."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .domain import (
    Event,
    EventEdit,
    EventFilter,
    EventStatus,
    EventSummary,
    FestivalNamed,
    InvalidEntryError,
    InvalidEventError,
    Link,
    LinkKind,
    Person,
    User,
    Venue,
    calendar_changed,
    check_calendar_date,
    check_event,
    check_paste,
    check_person,
    check_venue,
)
from .images import Upload
from .parsing import Draft, ParseResult, parse_announcement
from .parsing.dates import evidence_years
from .recurrence import normalise_rule
from .store import directory, repository
from .store.db import transaction


class NotFoundError(LookupError):
    """No such event (or it is not visible to the caller)."""


class AlreadyDoneError(RuntimeError):
    """The form's one-time key was used: its events were stored already."""


class ConflictError(RuntimeError):
    """Someone saved the event after the caller read it; `current` is the event as it is now."""

    def __init__(self, current: Event) -> None:
        super().__init__(f"Event {current.id} changed since it was read")
        self.current = current


class SessionsChoiceError(RuntimeError):
    """A festival with sessions is deleted only once the caller says what becomes of them;
    `current` is the festival as it is now, with the sessions it has under the lock."""

    def __init__(self, current: Event) -> None:
        super().__init__(f"Event {current.id} has sessions: keep them or delete them too")
        self.current = current


def new_uid(domain: str) -> str:
    return f"{uuid.uuid4()}@{domain}"


def validated(event: Event) -> Event:
    """The event as it may be stored: every domain check passed and its repeat rule in the
    canonical form; InvalidEventError names the first thing wrong. Every use case that stores
    an event (create, update, import) goes through here."""
    check_event(event)
    rule = normalise_rule(event.recurrence, event.start)
    return event if rule == event.recurrence else dataclasses.replace(event, recurrence=rule)


def read_announcement(
    text: str,
    *,
    reference_date: date | None,
    timezone: str,
    fallback_year: int,
    known_venues: Sequence[str] = (),
    assumed_reference: date | None = None,
) -> ParseResult:
    """Drafts for an announcement, with what could never be stored left out and said so.

    `assumed_reference` is a reference date nobody chose (the review form's default, today):
    it settles 'this Saturday' and missing years unless the text names only years long past,
    when the text's own years decide, with a warning: an old article pasted today is still
    read in its own time.

    The parser is pure and reads whatever dates a text names; here, at the boundary, a draft
    on a day no calendar can carry is dropped with a warning, and a repeat rule that does not
    check out is removed with a warning, so the review page only offers what can be saved."""
    check_paste(text)
    if reference_date is not None:
        check_calendar_date(reference_date, "The reference date")
    reference_date, reading_notes = _settled_reference(text, reference_date, assumed_reference)
    try:
        result = parse_announcement(
            text,
            reference_date=reference_date,
            timezone=timezone,
            fallback_year=fallback_year,
            known_venues=list(known_venues),
        )
    except OverflowError as exc:
        raise InvalidEventError("A date in the text is out of range") from exc
    drafts, warnings = [], [*reading_notes, *result.warnings]
    for draft in result.drafts:
        checked = _storable_draft(draft, warnings)
        if checked is not None:
            drafts.append(checked)
    return ParseResult(drafts=drafts, warnings=warnings)


def known_venue_names(session: Session) -> list[str]:
    """The venues the parser may recognise without an address: those published events name
    (what the site may say it knows). Every reading of a pasted or fetched text takes these,
    so the review page and `POST /api/v1/parse` read one text alike."""
    return [venue.name for venue in repository.list_venues(session)]


def _settled_reference(
    text: str, given: date | None, assumed: date | None
) -> tuple[date | None, list[str]]:
    """The reference date to read by, and what to tell the person about it. One they gave
    holds. An assumed one (today) holds too, unless every year the text names is older than
    last year: then the text was written back then, and its own years decide."""
    if given is not None or assumed is None:
        return given, []
    years = sorted({year for year, _ in evidence_years(text)})
    if not years or years[-1] >= assumed.year - 1:
        return assumed, []
    named = ", ".join(str(year) for year in years[-3:])
    return None, [
        f"The text names only years long past ({named}), so its dates are read by them, not "
        f"from today ({assumed:%-d %B %Y}): give the date it was written if that is wrong"
    ]


def _storable_draft(draft: Draft, warnings: list[str]) -> Draft | None:
    try:
        for day in (draft.start, draft.end):
            if day is not None:
                check_calendar_date(day, "The date")
    except InvalidEventError as exc:
        warnings.append(f"“{draft.title[:80]}” left out: {exc}")
        return None
    try:
        rule = normalise_rule(draft.recurrence)
    except InvalidEventError as exc:
        return dataclasses.replace(
            draft, recurrence=None, warnings=[*draft.warnings, f"Repeat left out: {exc}"]
        )
    return dataclasses.replace(draft, recurrence=rule) if rule != draft.recurrence else draft


def create_event(session: Session, event: Event, *, now: datetime, uid_domain: str) -> Event:
    """Store a new event with a fresh, permanent UID."""
    return create_events(session, [event], now=now, uid_domain=uid_domain)[0]


def create_events(
    session: Session,
    events: Sequence[Event],
    *,
    now: datetime,
    uid_domain: str,
    once_key: str | None = None,
    owner_id: int | None = None,
    images: Sequence[Upload] = (),
) -> list[Event]:
    """Store a batch in one transaction: all of it or none of it, with the cover `images`
    its events refer to.

    A session of a festival names its parent by title (`parent.title`), and the parent comes
    earlier in the batch; a parent with a real id is linked as it is. With `once_key` (a review
    form's one-time key) the batch is stored at most once: AlreadyDoneError when it was.
    """
    events = [validated(event) for event in events]
    try:
        with transaction(session):
            if once_key is not None and not repository.claim_publish_key(
                session, once_key, owner_id, now
            ):
                raise AlreadyDoneError("These events were stored already")
            _store_images(session, images)
            return _store_new(session, events, now=now, uid_domain=uid_domain)
    except IntegrityError as exc:
        if once_key is not None and _key_taken(session, once_key):
            raise AlreadyDoneError("These events were stored already") from exc
        raise


def _store_images(session: Session, images: Sequence[Upload]) -> None:
    for upload in images:
        repository.store_image(session, upload.picture, upload.body)


def _store_new(
    session: Session, events: Sequence[Event], *, now: datetime, uid_domain: str
) -> list[Event]:
    """Save validated new events in the caller's transaction, festivals before sessions.

    A session with no venue of its own takes its festival's, so its page, its calendar entry
    and the venue's listing all say where it is; the copy is the session's from then on."""
    saved: list[Event] = []
    by_title: dict[str, Event] = {}
    for event in events:
        festival = _festival_of(session, event, by_title)
        fresh = dataclasses.replace(
            event,
            id=None,
            uid=event.uid or new_uid(uid_domain),
            sequence=0,
            parent=repository.get_summary(session, festival.id) if festival else None,
            venues=event.venues or (festival.venues if festival is not None else []),
            created_at=now,
        )
        stored = repository.save_event(session, fresh, now=now)
        saved.append(stored)
        by_title.setdefault(stored.title, stored)
    return saved


def already_listed(
    session: Session, drafts: Sequence[Draft], *, source_text: str, owner_id: int | None
) -> list[Event | None]:
    """For each draft, the stored event it likely repeats (the same text pasted twice, say):
    one with the same start and either the same title or the same announcement. Only events
    `owner_id` may edit are looked at (None: everyone's, for an admin)."""
    found: list[Event | None] = []
    for draft in drafts:
        new = _event_from_draft(draft, source_text, False, [])
        around = EventFilter(
            ends_after=new.start,
            starts_before=new.start + timedelta(minutes=1),
            include_drafts=True,
            owner_id=owner_id,
        )
        same = [
            e
            for e in repository.list_events(session, around)
            if e.start == new.start
            and (e.title.casefold() == new.title.casefold() or e.source_text == source_text)
        ]
        found.append(same[0] if same else None)
    return found


def _festival_of(session: Session, event: Event, by_title: dict[str, Event]) -> Event | None:
    """The stored festival a new session belongs to: named by title within the batch, or by
    id when it exists already; InvalidEventError when it is neither."""
    match event.parent:
        case None:
            return None
        case FestivalNamed(title=title):
            festival = by_title.get(title)
        case EventSummary(id=festival_id, title=title):
            festival = repository.get_event_by_id(session, festival_id)
    if festival is None:
        raise InvalidEventError(f"“{event.title}” is part of “{title}”, which is not there")
    return festival


def _key_taken(session: Session, key: str) -> bool:
    taken = repository.publish_key_used(session, key)
    session.rollback()
    return taken


def events_from_drafts(
    drafts: Sequence[Draft],
    *,
    source_text: str = "",
    published: bool = False,
    tags: Sequence[str] = (),
) -> list[Event]:
    """Domain events for parsed drafts, parents before their sessions, ready for create_events.

    Local wall times become instants in the draft's zone; a day without a time becomes a
    date-only event whose end is the morning after its last day, its time to be announced
    (the text gave none: that is not the same as saying it runs all day).
    """
    events = [_event_from_draft(d, source_text, published, list(tags)) for d in drafts]
    return sorted(events, key=lambda e: e.parent is not None)


def _event_from_draft(draft: Draft, source_text: str, published: bool, tags: list[str]) -> Event:
    start, end = draft.when.instants(strict=False)
    return Event(
        title=draft.title,
        start=start,
        end=end,
        all_day=draft.all_day,
        time_tba=draft.all_day,
        timezone=draft.timezone,
        venues=[Venue(v.name, v.address, v.postcode, v.city) for v in draft.venues],
        speakers=[
            Person(p.name, p.honorific, p.affiliation) for p in [*draft.speakers, *draft.performers]
        ],
        online=draft.online,
        links=[Link(link.url, LinkKind(link.kind), price=link.price) for link in draft.links],
        recurrence=draft.recurrence,
        source_text=source_text,
        parent=FestivalNamed(draft.parent) if draft.parent else None,
        published=published,
        tags=tags,
    )


def seed_demo(
    session: Session, events: Sequence[Event], *, now: datetime, uid_domain: str, tag: str
) -> list[Event]:
    """Load the demo events unless events with their tag are already there: looked for and
    stored in one write transaction, so two loaders at once store them once."""
    events = [validated(event) for event in events]
    with transaction(session):
        if repository.count_events(session, EventFilter(tag=tag, include_drafts=True)):
            return []
        return _store_new(session, events, now=now, uid_domain=uid_domain)


def edit_event(
    session: Session,
    event_id: int,
    edit: EventEdit,
    *,
    now: datetime,
    editor: User | None = None,
    expected_revision: int | None = None,
    expected_uid: str | None = None,
    images: Sequence[Upload] = (),
) -> Event:
    """Apply `edit` to the event as it is now (its new cover, if any, among `images`);
    SEQUENCE goes up only when a calendar would show the difference. What the edit does not
    name (owner, publication, status, festival, import snapshot) stays as stored. The edit is
    checked before the row is locked, so a slow repeat rule never holds the lock;
    `expected_uid` (the identity of the event the editor opened) makes a save meant for an
    event that has gone NotFoundError, whatever now has its id. `editor` and
    `expected_revision` as for `_locked`."""
    edit = _checked(edit)
    return _change(
        session, event_id, edit.applied_to, now, editor, expected_revision, expected_uid, images
    )


def _checked(edit: EventEdit) -> EventEdit:
    """The edit as it may be stored: every domain check passed, its repeat rule canonical."""
    event = validated(edit.applied_to(Event(title="", start=edit.start, timezone="UTC")))
    return dataclasses.replace(edit, recurrence=event.recurrence)


def _on_the_version_read(change: Callable[[Event], Event], doc: str):
    """A use case that makes one change to the event as it is now, refused (ConflictError)
    when `expected_revision` is not the version the person was looking at; `editor`, when
    given, must be someone who may change the event (see `_locked`)."""

    def use_case(
        session: Session,
        event_id: int,
        *,
        now: datetime,
        editor: User | None = None,
        expected_revision: int | None = None,
    ) -> Event:
        return _change(session, event_id, change, now, editor, expected_revision)

    use_case.__doc__ = doc
    return use_case


def _with(**changes: object) -> Callable[[Event], Event]:
    return lambda event: dataclasses.replace(event, **changes)


_PUBLISHED = _with(published=True)
publish = _on_the_version_read(_PUBLISHED, "A draft on the listings and feeds.")
cancel = _on_the_version_read(
    _with(status=EventStatus.CANCELLED),
    "A cancelled event stays listed, marked, so subscribed calendars learn of it.",
)
restore = _on_the_version_read(
    _with(status=EventStatus.CONFIRMED),
    "A cancelled event on again; SEQUENCE goes up, so calendars take it back.",
)


def delete(
    session: Session,
    event_id: int,
    *,
    now: datetime,
    editor: User | None = None,
    expected_revision: int | None = None,
    with_sessions: bool | None = False,
) -> Event:
    """Delete the event (returned as it was); a festival's sessions go with it when
    `with_sessions`, and else stay as events of their own. `with_sessions=None` (no choice
    made) deletes only an event with no sessions, and else raises SessionsChoiceError: the
    sessions are read under the row lock, so one added since the caller looked is not
    deleted or let go unasked."""
    with transaction(session):
        event = _locked(session, event_id, editor, expected_revision)
        if event.sessions and with_sessions is None:
            raise SessionsChoiceError(event)
        for child in event.sessions if with_sessions else []:
            repository.delete_event(session, child.id, now=now)
        repository.delete_event(session, event_id, now=now)
    return event


def _change(
    session: Session,
    event_id: int,
    change: Callable[[Event], Event],
    now: datetime,
    editor: User | None,
    expected_revision: int | None,
    expected_uid: str | None = None,
    images: Sequence[Upload] = (),
) -> Event:
    """`change` made to the event as it is now: read under the row lock and written in the
    same transaction (with any image it refers to), so two changes can never both pass the
    revision check, and one saved a moment before is never undone by this one."""
    with transaction(session):
        before = _locked(session, event_id, editor, expected_revision, expected_uid)
        _store_images(session, images)
        return _save_over(session, before, change(before), now)


def _locked(
    session: Session,
    event_id: int,
    editor: User | None = None,
    expected_revision: int | None = None,
    expected_uid: str | None = None,
    read: Event | None = None,
) -> Event:
    """The event as it is now, its row locked until the transaction ends (`read`, a copy read
    earlier in the transaction, when the lock shows it is still current).

    NotFoundError when it has gone, when `expected_uid` names another event, or when `editor`
    may not change it (another organiser's event answers as an absent one). ConflictError
    when `expected_revision` (the revision the person was looking at) is not the current one:
    someone saved in between."""
    revision = repository.lock_event(session, event_id)
    if read is None or revision != read.revision:
        read = repository.get_event_by_id(session, event_id) if revision is not None else None
    if (
        read is None
        or (expected_uid is not None and read.uid != expected_uid)
        or (editor is not None and not editor.may_edit(read))
    ):
        raise NotFoundError(f"No event with id {event_id}")
    if expected_revision is not None and read.revision != expected_revision:
        raise ConflictError(read)
    return read


def _save_over(session: Session, before: Event, after: Event, now: datetime) -> Event:
    """Store `after` as the new version of `before`, keeping its identity; SEQUENCE goes up
    only when a calendar would show the difference."""
    sequence = before.sequence + 1 if calendar_changed(before, after) else before.sequence
    kept = dataclasses.replace(
        after,
        id=before.id,
        uid=before.uid,
        slug=before.slug,
        sequence=sequence,
        created_at=before.created_at,
    )
    return repository.save_event(session, kept, now=now)


@dataclasses.dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)

    def describe(self) -> str:
        parts = [
            f"{self.created} new draft{'s' if self.created != 1 else ''}",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
        ]
        if self.refused:
            parts.append(f"{len(self.refused)} left alone")
        return ", ".join(parts)


def import_events(
    session: Session,
    events: Sequence[Event],
    *,
    owner: User,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Store imported events in one transaction, matched to earlier imports by UID.

    New events arrive as drafts owned by `owner`; an event imported before is updated in place
    (keeping whether it is published, its page address and its owner), so re-importing a
    calendar never duplicates. UIDs are the importer's own: an event another organiser imported
    under the same UID is never touched, counted or named, and this importer's copy is kept
    under `scoped_uid`. Each event updated is locked and read again inside the write
    transaction, as an editor's save is, so an import racing an edit builds on the edit.
    """
    events = [validated(event) for event in events]
    summary = ImportSummary()
    with transaction(session):
        uids = [e.uid for e in events]
        known = repository.events_by_uid(session, uids + [scoped_uid(u, owner) for u in uids])
        for event in events:
            before = _own_copy(event.uid, known, owner)
            if before is None and event.uid in known:
                event = dataclasses.replace(event, uid=scoped_uid(event.uid, owner))
            _import_one(session, event, before, owner, now, summary)
            if progress is not None:
                progress(1)
    return summary


def scoped_uid(uid: str, owner: User) -> str:
    """The UID an importer's copy of an event gets when someone else imported that UID first."""
    scoped = f"{uid}/organiser-{owner.id}"
    return scoped if len(scoped) <= 255 else "import-" + hashlib.sha256(scoped.encode()).hexdigest()


def _own_copy(uid: str, known: dict[str, Event], owner: User) -> Event | None:
    mine = known.get(scoped_uid(uid, owner))
    if mine is not None:
        return mine
    first = known.get(uid)
    return first if first is not None and owner.may_edit(first) else None


# What an organiser may change on an imported event that a re-import then keeps, by the words
# a note uses for it. Each reads its value from an event, for comparison and for the snapshot.
_EDITABLE: dict[str, Callable[[Event], object]] = {
    "title": lambda e: e.title,
    "time": lambda e: [e.start.isoformat(), e.end.isoformat() if e.end else None, e.all_day],
    "zone": lambda e: e.timezone,
    "description": lambda e: e.description,
    "place": lambda e: [v.one_line() for v in e.venues],
}
_FIELDS_OF = {
    "title": ("title",),
    "time": ("start", "end", "all_day"),
    "zone": ("timezone",),
    "description": ("description",),
    "place": ("venues",),
}


def _snapshot(event: Event) -> str:
    return json.dumps({name: read(event) for name, read in _EDITABLE.items()}, sort_keys=True)


def _import_one(
    session: Session,
    event: Event,
    before: Event | None,
    owner: User,
    now: datetime,
    summary: ImportSummary,
) -> None:
    if before is not None:
        try:
            before = _locked(session, before.id, read=before)
        except NotFoundError:  # deleted since it was read: the calendar brings it back
            before = None
    if before is None:
        fresh = dataclasses.replace(
            event, id=None, owner_id=owner.id, published=False, imported_as=_snapshot(event)
        )
        repository.save_event(session, fresh, now=now)
        summary.created += 1
        return
    incoming = _reimported(event, before).applied_to(before)
    after = _keep_local_edits(before, incoming, summary)
    after = dataclasses.replace(after, imported_as=_snapshot(event))
    if calendar_changed(before, after):
        _save_over(session, before, after, now)
        summary.updated += 1
        return
    if after.imported_as != before.imported_as:
        repository.save_event(session, after, now=now)
    summary.unchanged += 1


def _reimported(event: Event, before: Event) -> EventEdit:
    """What a re-import changes: everything the calendar says, except that a calendar naming
    no speakers leaves those added here, and tags differing only in case stay as they are."""
    same_tags = {t.casefold() for t in event.tags} == {t.casefold() for t in before.tags}
    return dataclasses.replace(
        EventEdit.of(event, organiser=event.organiser, status=event.status),
        speakers=event.speakers or before.speakers,
        tags=before.tags if same_tags else event.tags,
    )


def _keep_local_edits(before: Event, incoming: Event, summary: ImportSummary) -> Event:
    """The incoming event, except for what the organiser changed here since the last import
    (their value differs from what the calendar said then): that is kept, and where the
    calendar now says something else, a note says so."""
    try:
        last = json.loads(before.imported_as) if before.imported_as else None
    except ValueError:
        last = None
    if not isinstance(last, dict):
        return incoming
    kept = []
    after = incoming
    for name, read in _EDITABLE.items():
        mine = json.loads(json.dumps(read(before)))
        if name not in last or mine == last[name]:
            continue
        after = dataclasses.replace(
            after, **{field: getattr(before, field) for field in _FIELDS_OF[name]}
        )
        if mine != json.loads(json.dumps(read(incoming))):
            kept.append(name)
    if kept:
        summary.notes.append(
            f"“{before.title}”: kept your changes to its {_words(kept)}; the calendar gives "
            "something else now"
        )
    return after


def _words(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def edit_venue(session: Session, venue: Venue, *, now: datetime) -> None:
    """Correct a venue everywhere it is used."""
    check_venue(venue)
    _edit(
        session,
        lambda: directory.update_venue(session, venue, now=now),
        f"No venue with id {venue.id}",
    )


def edit_person(session: Session, person: Person, *, now: datetime) -> None:
    check_person(person)
    _edit(
        session,
        lambda: directory.update_person(session, person, now=now),
        f"No person with id {person.id}",
    )


def _edit(session: Session, update: Callable[[], bool], missing: str) -> None:
    with transaction(session):
        if not update():
            raise NotFoundError(missing)


def merge_venues(session: Session, duplicate_id: int, keep_id: int, *, now: datetime) -> None:
    """Fold a duplicate venue into the one kept: its events move across, it goes."""
    _merge(session, directory.merge_venues, duplicate_id, keep_id, now)


def merge_people(session: Session, duplicate_id: int, keep_id: int, *, now: datetime) -> None:
    _merge(session, directory.merge_people, duplicate_id, keep_id, now)


def _merge(session: Session, merge: Callable[..., bool], a: int, b: int, now: datetime) -> None:
    if a == b:
        raise InvalidEntryError("Choose a different entry to merge into")
    with transaction(session):
        if not merge(session, a, b, now=now):
            raise NotFoundError("No such entry to merge")


def accept_suggestion(
    session: Session, kind: str, suggestion_id: int, *, now: datetime
) -> Venue | Person:
    """An admin takes an organiser's detail for a shared venue or person: it is applied as the
    admin's own correction would be (every event naming it re-renders, SEQUENCE goes up)."""
    with transaction(session):
        suggestion = directory.take_suggestion(session, kind, suggestion_id)
        load = directory.get_venue_by_id if kind == "venue" else directory.get_person_by_id
        entry = load(session, suggestion.target_id) if suggestion else None
        if suggestion is None or entry is None:
            raise NotFoundError("No such suggestion")
        changed = dataclasses.replace(entry, **suggestion.changes)
        if kind == "venue":
            check_venue(changed)
            directory.update_venue(session, changed, now=now)
        else:
            check_person(changed)
            directory.update_person(session, changed, now=now)
    return changed


def reject_suggestion(session: Session, kind: str, suggestion_id: int) -> None:
    with transaction(session):
        if directory.take_suggestion(session, kind, suggestion_id) is None:
            raise NotFoundError("No such suggestion")


def publish_drafts(session: Session, *, owner: User, saved_at: datetime, now: datetime) -> int:
    """Publish, in one transaction, every draft of `owner` stored at `saved_at` (one paste
    saved as drafts, one calendar import: see repository.DraftBatch); the number published.
    Each is locked and read again first, as a single publish is."""
    with transaction(session):
        ids = repository.draft_ids(session, owner.id, saved_at)
        for event_id in ids:
            before = _locked(session, event_id, owner)
            _save_over(session, before, _PUBLISHED(before), now)
    return len(ids)
