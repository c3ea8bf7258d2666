"""The organiser area: paste an announcement, review the drafts, publish; edit, cancel, delete."""

from __future__ import annotations

import base64
import dataclasses
import re
import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext

from .. import images, listings, services
from ..domain import Event, InvalidEventError, UnknownTimeZoneError, User
from ..fetch import FetchError
from ..ingest import MAX_FILE_BYTES, IngestError, outlines
from ..ingest import read as ingest
from ..parsing import ParseError
from ..store import repository
from ..zone_input import read_zone
from . import caching, forms, merge
from .auth import csrf_token, current_user, login_required
from .context import db_session, default_timezone, now, reading_context, uid_domain
from .errors import status_of
from .highlight import highlight
from .imports import fetcher
from .query import MAX_WHOLE_NUMBER, day, form_int, int_param, number_or_none, whole_number

bp = Blueprint("organiser", __name__, url_prefix="/organiser")

MAX_DRAFTS = 50
DASHBOARD_PREVIEW = 20
DASHBOARD_PAGE = 50


def _user() -> User:
    user = current_user()
    assert user is not None
    return user


@bp.get("/")
@login_required
def dashboard():
    user = _user()
    text = request.args.get("q", "").strip()[:200]
    everyone = user.is_admin and request.args.get("owner", "all") != "mine"
    section = request.args.get("section")
    page = int_param(request.args, "page", 1, 1, 100_000)

    def build() -> str:
        sections = listings.dashboard(
            db_session(),
            user,
            now=now(),
            text=text,
            everyone=everyone,
            section=section,
            page=page,
            per_page=DASHBOARD_PAGE if section else DASHBOARD_PREVIEW,
        )
        return render_template(
            "organiser/dashboard.html",
            batches=repository.draft_batches(db_session(), user.id)
            if section in (None, "drafts")
            else [],
            sections=sections,
            single=section in listings.DASHBOARD_SECTIONS,
            text=text,
            owner="all" if everyone else "mine",
        )

    return caching.for_this_session((user.id, user.email, user.role, csrf_token()), build)


@bp.get("/new")
@login_required
def paste():
    return _paste_again("", "", default_timezone(), None)


def _today() -> str:
    """Today in the site's zone: the reference date the paste form offers until changed."""
    return now().astimezone(ZoneInfo(default_timezone())).date().isoformat()


@bp.post("/new")
@login_required
def review():
    text = request.form.get("text", "")
    reference_text = request.form.get("reference_date", "").strip()
    zone = request.form.get("timezone", "").strip() or default_timezone()
    reference = day(reference_text, "Reference date")
    assumed = None
    if reference_text and reference_text == request.form.get("reference_default"):
        reference, assumed = None, reference  # left as offered: the text's own years come first
    try:
        zone = read_zone(zone)
    except UnknownTimeZoneError as exc:
        return _paste_again(text, reference_text, zone, str(exc)), 400
    try:
        result = services.read_announcement(
            text,
            reference_date=reference,
            timezone=zone,
            **reading_context(),
            assumed_reference=assumed,
        )
    except ParseError as exc:
        return _paste_again(text, reference_text, zone, str(exc)), 422
    except InvalidEventError as exc:
        return _paste_again(text, reference_text, zone, str(exc)), status_of(exc)
    if not result.drafts:
        message = (
            gettext("No event found in the text.")
            + " "
            + " ".join(w for w in result.warnings if not w.startswith("No event found"))
        )
        return _paste_again(text, reference_text, zone, message.strip()), 422
    return _review_page(result.drafts, text, warnings=result.warnings)


def _review_page(drafts, text: str, source=None, warnings=()):
    """The review form for drafts read from `text` (and from `source`, a page, poster or
    e-mail, when there is one): every path into review gets the same form, with its own
    one-time publish key, and shows what the reading warned of, for the text as a whole and
    for each draft."""
    warnings = list(warnings)
    if len(drafts) > MAX_DRAFTS:
        warnings.append(
            gettext(
                "Only the first %(shown)s of %(found)s events are shown",
                shown=MAX_DRAFTS,
                found=len(drafts),
            )
        )
        drafts = drafts[:MAX_DRAFTS]
    titles = [d.title for d in drafts]
    event_forms = [
        forms.form_from_draft(d, str(titles.index(d.parent)) if d.parent in titles else "")
        for d in drafts
    ]
    return render_template(
        "organiser/review.html",
        forms=event_forms,
        text=text,
        source=highlight(text, [d.spans for d in drafts]),
        origin=source,
        poster=_poster_view(source, drafts) if source is not None else None,
        error=None,
        publish_key=secrets.token_urlsafe(24),
        reading_warnings=warnings,
        duplicates=services.already_listed(
            db_session(),
            drafts,
            source_text=text,
            owner_id=None if _user().is_admin else _user().id,
        ),
    )


@bp.post("/new/link")
@login_required
def review_link():
    """An announcement on a web page: fetched under the calendar import's rules."""
    url = request.form.get("url", "").strip()[:2000]
    if not url:
        return _paste_again(
            "", "", default_timezone(), gettext("Give the address of the page")
        ), 422
    return _review_source(lambda zone: ingest.read_link(url, fetcher(), default_timezone=zone))


@bp.post("/new/file")
@login_required
def review_file():
    """A poster (PNG, JPEG, WebP, PDF), an e-mail (.eml) or a saved page, told by its content."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _paste_again("", "", default_timezone(), gettext("Choose a file to read")), 422
    data = upload.stream.read(MAX_FILE_BYTES + 1)
    return _review_source(lambda zone: ingest.read_bytes(data, default_timezone=zone, now=now()))


def allow_file_uploads() -> None:
    """A poster may be larger than the site-wide request limit; like the calendar upload's,
    this runs before any other hook reads the form (the CSRF check does)."""
    if request.endpoint == "organiser.review_file":
        request.max_content_length = MAX_FILE_BYTES + 64 * 1024
    elif request.endpoint in ("organiser.save", "organiser.publish"):
        # A cover image (at most images.MAX_BYTES) beside the form's own fields.
        request.max_content_length = images.MAX_BYTES + 2 * 1024 * 1024


def _cover_upload(prefix: str) -> images.Upload | None:
    """The cover chosen in the form's file box, checked and made web-sized (ImageRefusedError
    when it cannot be); None when no file was chosen."""
    upload = request.files.get(f"{prefix}cover")
    if upload is None or not upload.filename:
        return None
    return images.read_cover(upload.stream.read(images.MAX_BYTES + 1))


@bp.record_once
def _first_of_the_hooks(state) -> None:
    state.app.before_request_funcs.setdefault(None, []).insert(0, allow_file_uploads)


def _review_source(read):
    zone = default_timezone()
    try:
        source = read(zone)
        result = ingest.parse_source(
            source,
            timezone=zone,
            **reading_context(),
            parse=services.read_announcement,
        )
    except (FetchError, IngestError) as exc:
        return _paste_again("", "", zone, str(exc)), status_of(exc)
    except (ParseError, InvalidEventError) as exc:
        return _paste_again("", "", zone, str(exc)), 422
    if not result.drafts:
        return _paste_again(source.text, "", zone, gettext("No event found in the text.")), 422
    return _review_page(result.drafts, source.text, source, result.warnings)


def _poster_view(source, drafts) -> list[dict] | None:
    """The poster, or each page of the PDF, or each poster attached to the e-mail, with the
    words each field came from outlined."""
    if not source.pictures:
        return None
    found = outlines(source, [d.spans for d in drafts])
    return [
        {
            "image": "data:image/jpeg;base64," + base64.b64encode(picture.jpeg).decode("ascii"),
            "width": picture.width,
            "height": picture.height,
            "number": number,
            "page": picture.page,
            "pages": picture.pages,
            "attachment": picture.attachment,
            "outlines": [box for box in found if box.page == number],
        }
        for number, picture in enumerate(source.pictures, start=1)
    ]


def _paste_again(text: str, reference: str, zone: str, error: str | None):
    """The paste form; its reference date is today until the person changes it (the hidden
    default tells the two apart when the form comes back)."""
    offered = request.form.get("reference_default") or _today()
    return render_template(
        "organiser/paste.html",
        text=text,
        reference=reference if "reference_date" in request.form else offered,
        reference_default=offered,
        timezone=zone,
        error=error,
    )


@bp.get("/events/new")
@login_required
def new_event():
    """A blank event form, for an event no announcement describes: the review form with one
    empty draft, so it is checked, published or kept as a draft as a pasted one is."""
    return render_template(
        "organiser/review.html",
        forms=[_blank()],
        text="",
        source=[],
        error=None,
        publish_key=secrets.token_urlsafe(24),
        reading_warnings=[],
    )


def _blank() -> forms.EventForm:
    return forms.EventForm(timezone=default_timezone())


@bp.post("/publish")
@login_required
def publish():
    text = request.form.get("text", "")
    count = form_int(request.form, "count", 0, 0, MAX_DRAFTS)
    values = [forms.read_form(request.form, f"e{i}-", default_timezone()) for i in range(count)]
    if request.form.get("action") == "add":
        if count >= MAX_DRAFTS:
            return _review_again(
                text, values, gettext("At most %(most)s events at a time.", most=MAX_DRAFTS)
            ), 422
        return _review_again(text, [*values, _blank()], None)
    chosen = [i for i in range(count) if request.form.get(f"e{i}-include")]
    if not chosen:
        return _review_again(text, values, gettext("Tick at least one event to publish.")), 422
    try:
        covers = {i: _cover_upload(f"e{i}-") for i in chosen}
        events = _events_from_forms(values, chosen, text, covers)
        stored = services.create_events(
            db_session(),
            events,
            now=now(),
            uid_domain=uid_domain(),
            once_key=_publish_key(),
            owner_id=_user().id,
            images=[upload for upload in covers.values() if upload is not None],
        )
    except services.AlreadyDoneError:
        flash(gettext("These events were saved already; nothing was stored twice."))
        return redirect(url_for("organiser.dashboard"))
    except InvalidEventError as exc:
        return _review_again(text, values, str(exc)), status_of(exc)
    published = request.form.get("action") == "publish"
    if published:
        flash(ngettext("%(num)d event published.", "%(num)d events published.", len(stored)))
    else:
        flash(
            ngettext(
                "%(num)d event saved as drafts.", "%(num)d events saved as drafts.", len(stored)
            )
        )
    return redirect(url_for("organiser.dashboard"))


def _events_from_forms(
    values: list[forms.EventForm],
    chosen: list[int],
    text: str,
    covers: dict[int, images.Upload | None],
) -> list[Event]:
    published = request.form.get("action") == "publish"
    events = []
    for i in chosen:
        parent = whole_number(values[i].parent, "parent", 0, MAX_DRAFTS - 1)
        parent_title = values[parent].title if parent in chosen and parent != i else None
        event = forms.event_from_form(values[i], parent_title=parent_title)
        cover = covers.get(i)
        events.append(
            dataclasses.replace(
                event,
                published=published,
                source_text=text,
                owner_id=_user().id,
                cover=cover.picture if cover is not None else None,
            )
        )
    return sorted(events, key=lambda e: e.parent is not None)


def _publish_key() -> str | None:
    """The review form's one-time key (None from a form without one), scoped to its user."""
    key = request.form.get("publish_key", "")
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,43}", key):
        return None
    return f"{_user().id}:{key}"


def _review_again(text: str, values: list[forms.EventForm], error: str | None):
    return render_template(
        "organiser/review.html",
        forms=values,
        text=text,
        source=highlight(text, []),
        error=error,
        publish_key=request.form.get("publish_key", ""),
        reading_warnings=forms.warnings_of(request.form, ""),
    )


def _editable(event_id: int) -> Event:
    """The event if the signed-in user may change it. Another organiser's event answers as an
    absent one does (404), so ids cannot be probed for what exists."""
    event = repository.get_event_by_id(db_session(), event_id)
    if event is None or not _user().may_edit(event):
        abort(404)
    return event


@bp.get("/events/<int(max=2147483647):event_id>/edit")
@login_required
def edit(event_id: int):
    event = _editable(event_id)
    form = forms.form_from_event(event)
    return _edit_page(event, form, version=_version(event), base=merge.base_of(form))


def _edit_page(event: Event, form: forms.EventForm, *, version: str, base: str, error=None):
    """The edit form; `version` and `base` are the revision and the field digests the editor
    opened, carried along unchanged when the form is shown again."""
    return render_template(
        "organiser/edit.html", event=event, form=form, version=version, base=base, error=error
    )


def _version(event: Event) -> str:
    return str(event.revision)


@bp.post("/events/<int(max=2147483647):event_id>/edit")
@login_required
def save(event_id: int):
    """Save the edit form, or the 409 page's choices (read into the same form first); a save
    after someone else's is shown both versions to choose from, never stored over them."""
    event = _editable(event_id)
    submitted, unchosen = merge.resolved(request.form)
    values = forms.read_form(submitted, "", default_timezone())
    # What the editor opened, and (from the 409 page) the version its choices were made against.
    base = request.form.get("base", "")[: merge.BASE_MAX]
    seen = request.form.get("seen", "")[: merge.BASE_MAX] or base
    if unchosen:
        message = gettext(
            "Choose which version to keep for: %(fields)s.", fields=", ".join(unchosen)
        )
        return _conflict(event, values, base, error=message), 422
    try:
        cover = _cover_upload("")
        edit = dataclasses.replace(
            forms.edit_from_form(values),
            cover=cover.picture if cover is not None else None,
            remove_cover=cover is None and bool(request.form.get("remove_cover")),
        )
        services.edit_event(
            db_session(),
            event.id,
            edit,
            now=now(),
            editor=_user(),
            expected_revision=_revision_read(),
            expected_uid=request.form.get("uid"),
            images=[cover] if cover is not None else [],
        )
    except services.NotFoundError:
        abort(404, description=gettext("The event this form was opened for no longer exists."))
    except services.ConflictError as conflict:
        return _conflict(conflict.current, values, seen), 409
    except InvalidEventError as exc:
        version = str(_revision_read())
        page = _edit_page(event, values, version=version, base=seen, error=str(exc))
        return page, status_of(exc)
    flash(gettext("Saved."))
    return redirect(url_for("organiser.dashboard"))


def _revision_read() -> int:
    """The revision the editor opened; one that cannot be read is stale (a 409)."""
    found = number_or_none(request.form.get("version"), 0, MAX_WHOLE_NUMBER)
    return -1 if found is None else found


def _conflict(current_event: Event, values: forms.EventForm, base: str, error=None):
    """The 409 page: each field where the editor's value and the saved one differ, side by
    side to choose from (the defaults weighed against `base`, what the editor had before), the
    rest kept; it saves against the revision it shows, so a third save in between is caught in
    turn, with what this page showed as the next page's `base`."""
    saved = forms.form_from_event(current_event)
    offered = merge.differences(values, saved, base)
    return render_template(
        "organiser/conflict.html",
        event=current_event,
        offered=offered,
        kept=merge.kept(offered, values),
        version=_version(current_event),
        base=base,
        seen=merge.base_of(saved),
        error=error,
    )


@bp.post("/drafts/publish")
@login_required
def publish_drafts():
    """'Publish all': the drafts of one paste or one import, named by when they were saved."""
    saved_at = _instant(request.form.get("saved_at", ""))
    count = services.publish_drafts(db_session(), owner=_user(), saved_at=saved_at, now=now())
    flash(ngettext("Published %(num)d event.", "Published %(num)d events.", count))
    return redirect(url_for("organiser.dashboard"))


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text[:40])
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        abort(400, description="saved_at must be an ISO 8601 instant with its offset")
    return moment


@bp.post("/events/<int(max=2147483647):event_id>/publish")
@login_required
def publish_one(event_id: int):
    return _act(
        services.publish,
        event_id,
        lambda event: gettext("Published “%(title)s”.", title=event.title),
    )


@bp.get("/events/<int(max=2147483647):event_id>/cancel")
@login_required
def confirm_cancel(event_id: int):
    return _confirm(_editable(event_id), "cancel")


@bp.post("/events/<int(max=2147483647):event_id>/cancel")
@login_required
def cancel(event_id: int):
    return _act(
        services.cancel,
        event_id,
        lambda event: gettext(
            "Cancelled “%(title)s”. It stays listed as cancelled so calendars "
            "learn of it; “Restore” puts it back on.",
            title=event.title,
        ),
        confirmed="cancel",
    )


@bp.post("/events/<int(max=2147483647):event_id>/restore")
@login_required
def restore(event_id: int):
    return _act(
        services.restore,
        event_id,
        lambda event: gettext(
            "Restored “%(title)s”: it is on again, and calendars will show it so.",
            title=event.title,
        ),
    )


def _act(use_case, event_id: int, message, confirmed: str | None = None, **options):
    """A button's use case, run on the version the page showed (its `version` field): one
    that someone changed since is refused (409), on the confirmation page again when the
    button was on one, so the person sees what it is now before they confirm."""
    try:
        done = use_case(
            db_session(),
            event_id,
            now=now(),
            editor=_user(),
            expected_revision=_revision_read(),
            **options,
        )
    except services.NotFoundError:
        abort(404)
    except services.ConflictError as conflict:
        if confirmed is None:
            abort(
                409,
                description=gettext(
                    "%(changed)s Reload your events and try again.", changed=CHANGED_SINCE
                ),
            )
        return _confirm(
            conflict.current,
            confirmed,
            gettext("%(changed)s Here it is as it is now.", changed=CHANGED_SINCE),
        ), 409
    except services.SessionsChoiceError as unchosen:
        return _confirm(
            unchosen.current, "delete", gettext("Choose what happens to its sessions.")
        ), 422
    flash(message(done))
    return redirect(url_for("organiser.dashboard"))


CHANGED_SINCE = lazy_gettext("This event was changed since you opened this page.")


def _confirm(event: Event, action: str, error: str | None = None):
    return render_template(
        "organiser/confirm.html",
        event=event,
        action=action,
        version=_version(event),
        error=error,
    )


@bp.get("/events/<int(max=2147483647):event_id>/delete")
@login_required
def confirm_delete(event_id: int):
    return _confirm(_editable(event_id), "delete")


@bp.post("/events/<int(max=2147483647):event_id>/delete")
@login_required
def delete(event_id: int):
    """Delete; a festival with sessions is deleted only once the form says what becomes of
    them (kept as events of their own, or deleted too)."""
    event = _editable(event_id)
    with_sessions = {"keep": False, "delete": True}.get(request.form.get("sessions", ""))
    return _act(
        services.delete,
        event.id,
        lambda deleted: _deleted_message(deleted, with_sessions),
        confirmed="delete",
        with_sessions=with_sessions,
    )


def _deleted_message(deleted: Event, with_sessions: bool | None) -> str:
    count = len(deleted.sessions) if with_sessions else 0
    if not count:
        return gettext("Deleted “%(title)s”.", title=deleted.title)
    return ngettext(
        "Deleted “%(title)s” and its %(num)d session.",
        "Deleted “%(title)s” and its %(num)d sessions.",
        count,
        title=deleted.title,
    )
