"""What only admins do: correct and merge the shared venues and people, and manage accounts."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from .. import accounts, maps, services
from ..domain import InvalidEntryError, InvalidVenueError, Person, Role, Venue
from ..passwords import WeakPasswordError
from ..store import accounts as account_store
from ..store import directory
from .auth import current_user, login_required
from .context import db_session, now
from .errors import status_of
from .query import form_int

bp = Blueprint("admin", __name__, url_prefix="/organiser")

ID = "<int(max=2147483647):entry_id>"


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        user = current_user()
        if user is None or not user.is_admin:
            abort(403, description="Only admins may change venues, people and accounts.")
        return view(*args, **kwargs)

    return wrapped


@dataclass(frozen=True)
class Kind:
    """Venues and people are listed, edited and merged the same way."""

    name: str
    plural: str
    endpoint: str
    fields: tuple[tuple[str, str], ...]
    listing: Callable[..., list]
    load: Callable[..., Any]
    build: Callable[..., Any]
    save: Callable[..., None]
    merge: Callable[..., None]


def _venue(entry_id: int, form) -> Venue:
    boxes = _boxes(form, "name", "address", "postcode", "city")
    return Venue(id=entry_id, **boxes, **_coordinates(form))


def _boxes(form, *names: str) -> dict[str, str]:
    return {name: form.get(name, "").strip() for name in names}


def _coordinates(form) -> dict[str, float | None]:
    """The venue's point: from a pasted OpenStreetMap link when there is one (it sets both),
    else from the latitude and longitude boxes."""
    link = form.get("osm_link", "").strip()
    if link:
        latitude, longitude = maps.coordinates_of_link(link[:2000])
        return {"latitude": latitude, "longitude": longitude}
    return {
        "latitude": _coordinate(form.get("latitude", ""), "Latitude"),
        "longitude": _coordinate(form.get("longitude", ""), "Longitude"),
    }


def _person(entry_id: int, form) -> Person:
    return Person(id=entry_id, **_boxes(form, "name", "honorific", "affiliation"))


COORDINATE = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{1,15})?")


def _coordinate(text: str, label: str) -> float | None:
    """A decimal in ASCII digits (`float()` also takes '١٢', 'nan', 'inf' and '1_0')."""
    if not text.strip():
        return None
    if not COORDINATE.fullmatch(text.strip()):
        raise InvalidVenueError(f"{label} must be a number, such as 51.5203")
    return float(text)


KINDS = {
    "venues": Kind(
        "venue",
        "venues",
        "pages.venue",
        (
            ("name", "Name"),
            ("address", "Address"),
            ("postcode", "Postcode"),
            ("city", "Town or city"),
            ("latitude", "Latitude"),
            ("longitude", "Longitude"),
        ),
        directory.venues_in_use,
        directory.get_venue_by_id,
        _venue,
        services.edit_venue,
        services.merge_venues,
    ),
    "people": Kind(
        "person",
        "people",
        "pages.speaker",
        (("name", "Name"), ("honorific", "Title or post-nominal (Dr, MP)"), ("affiliation", "Of")),
        directory.people_in_use,
        directory.get_person_by_id,
        _person,
        services.edit_person,
        services.merge_people,
    ),
}


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        abort(404)
    return KINDS[kind]


@bp.get("/<any(venues, people):kind>/")
@admin_required
def listing(kind: str):
    spec = _kind(kind)
    return render_template(
        "organiser/directory.html",
        kind=spec,
        entries=spec.listing(db_session()),
        suggestions=directory.list_suggestions(db_session(), spec.name),
    )


@bp.post("/<any(venues, people):kind>/suggestions/<int(max=2147483647):suggestion_id>")
@admin_required
def suggestion(kind: str, suggestion_id: int):
    """Accept or reject an organiser's differing detail for a shared venue or person."""
    spec = _kind(kind)
    if request.form.get("action") == "accept":
        entry = services.accept_suggestion(db_session(), spec.name, suggestion_id, now=now())
        flash(f"Accepted: {entry.name} updated. Every event at or with it shows the change.")
    else:
        services.reject_suggestion(db_session(), spec.name, suggestion_id)
        flash("Suggestion rejected; nothing changed.")
    return redirect(url_for("admin.listing", kind=spec.plural))


@bp.get(f"/<any(venues, people):kind>/{ID}")
@admin_required
def edit(kind: str, entry_id: int):
    return _edit_page(*_entry(kind, entry_id))


def _entry(kind: str, entry_id: int) -> tuple[Kind, Any]:
    """The kind of shared entry the address names, and the entry (404 when there is none)."""
    spec = _kind(kind)
    return spec, spec.load(db_session(), entry_id) or abort(404)


def _edit_page(spec: Kind, entry: Any, error: str = ""):
    others = [e for e, _count in spec.listing(db_session()) if e.id != entry.id]
    return render_template(
        "organiser/directory_edit.html", kind=spec, entry=entry, others=others, error=error
    )


@bp.post(f"/<any(venues, people):kind>/{ID}")
@admin_required
def save(kind: str, entry_id: int):
    spec, entry = _entry(kind, entry_id)
    try:
        changed = spec.build(entry_id, request.form)
        spec.save(db_session(), changed, now=now())
    except InvalidEntryError as exc:
        return _edit_page(spec, entry, str(exc)), status_of(exc)
    flash(f"Saved {changed.name}. Every event at or with it shows the change.")
    return redirect(url_for("admin.listing", kind=spec.plural))


@bp.post(f"/<any(venues, people):kind>/{ID}/merge")
@admin_required
def merge(kind: str, entry_id: int):
    spec, entry = _entry(kind, entry_id)
    into_id = form_int(request.form, "into", -1)
    into = spec.load(db_session(), into_id) if into_id >= 0 else None
    if into is None:
        return _edit_page(spec, entry, f"Choose the {spec.name} to merge into"), 422
    try:
        spec.merge(db_session(), entry.id, into.id, now=now())
    except InvalidEntryError as exc:
        return _edit_page(spec, entry, str(exc)), status_of(exc)
    flash(f"Merged {entry.name} into {into.name}.")
    return redirect(url_for("admin.listing", kind=spec.plural))


@bp.get("/users/")
@admin_required
def users():
    return _users_page()


def _users_page(error: str | None = None) -> str:
    """The accounts page, with the reason the last change was refused when it was."""
    listing = account_store.list_users(db_session())
    return render_template("organiser/users.html", users=listing, error=error)


@bp.post("/users/")
@admin_required
def add_user():
    email = request.form.get("email", "")[:320]
    role = _role(request.form.get("role", "organiser"))
    password = request.form.get("password", "")[:2048]
    return _account_change(
        lambda: accounts.create_user(db_session(), email, password, role, now()),
        (
            gettext("Created the admin account %(email)s.", email=accounts.normalise_email(email))
            if role is Role.ADMIN
            else gettext(
                "Created the organiser account %(email)s.", email=accounts.normalise_email(email)
            )
        ),
    )


@bp.post("/users/<int(max=2147483647):user_id>/role")
@admin_required
def change_role(user_id: int):
    role = _role(request.form.get("role", ""))
    return _account_change(
        lambda: accounts.change_role(db_session(), user_id, role), gettext("Role changed.")
    )


@bp.post("/users/<int(max=2147483647):user_id>/access")
@admin_required
def change_access(user_id: int):
    """Disable an account (it is signed out at once and cannot sign in) or enable it again."""
    action = request.form.get("action", "")
    if action not in ("disable", "enable"):
        abort(400, description="Action must be disable or enable")
    acting = current_user()
    assert acting is not None
    return _account_change(
        lambda: accounts.set_disabled(db_session(), acting, user_id, action == "disable"),
        gettext("Account disabled: it is signed out and cannot sign in.")
        if action == "disable"
        else gettext("Account enabled."),
    )


def _role(value: str) -> Role:
    if value not in ("admin", "organiser"):
        abort(400, description="Role must be admin or organiser")
    return Role(value)


def _account_change(change: Callable[[], object], done: str):
    """Make one change to the accounts: the page again with the reason when it is refused
    (422), else back to the accounts with `done` said."""
    try:
        change()
    except (accounts.AccountError, WeakPasswordError) as exc:
        return _users_page(str(exc)), 422
    flash(done)
    return redirect(url_for("admin.users"))
