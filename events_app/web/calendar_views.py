"""The month calendar and the week view, narrowed by the same facets as the listings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, redirect, render_template, request, url_for

from .. import listings
from ..calendar_grid import month_after, month_before, month_weeks, week_days, week_start
from .caching import cached_page
from .context import db_session, default_timezone
from .listing import asked_filter, current_filters, facet_context, today
from .query import FIRST_YEAR, LAST_YEAR, date_param

bp = Blueprint("calendar", __name__)

MAX_EVENTS = 2000


def _events_between(first: date, after_last: date):
    zone = ZoneInfo(default_timezone())
    return listings.in_days(
        db_session(),
        asked_filter(),
        datetime.combine(first, time(), tzinfo=zone),
        datetime.combine(after_last, time(), tzinfo=zone),
        limit=MAX_EVENTS,
    )


def _feed_days(first: date, last: date) -> dict[str, str]:
    """The days the view's feed links name: the view's, narrowed by the visitor's own `from`
    and `to` as its events are. Where those leave no day of the view, the visitor's days."""
    asked_from, asked_to = date_param(request.args, "from"), date_param(request.args, "to")
    start = max(first, asked_from) if asked_from else first
    end = min(last, asked_to) if asked_to else last
    if end < start:
        start, end = asked_from or start, asked_to or end
    return {"from": start.isoformat(), "to": end.isoformat()}


def _keep(filters: dict[str, str]) -> str:
    return f"?{urlencode(filters)}" if filters else ""


@bp.get("/calendar/")
def this_month():
    day = today()
    target = url_for("calendar.month", year=day.year, month=day.month)
    return redirect(target + _keep(current_filters(dates=False)))


@bp.get(f"/calendar/<int(min={FIRST_YEAR}, max={LAST_YEAR}):year>/<int(min=1, max=12):month>")
@cached_page
def month(year: int, month: int):
    filters = current_filters(dates=False)
    first = date(year, month, 1)
    following = date(*month_after(year, month), 1)
    events = _events_between(first - timedelta(days=7), following + timedelta(days=7))
    previous, upcoming = month_before(year, month), month_after(year, month)
    return render_template(
        "month.html",
        first=first,
        weeks=month_weeks(year, month, events),
        today=today(),
        previous=url_for("calendar.month", year=previous[0], month=previous[1]) + _keep(filters),
        following=url_for("calendar.month", year=upcoming[0], month=upcoming[1]) + _keep(filters),
        **facet_context(filters, extra=_feed_days(first, following - timedelta(days=1))),
    )


@bp.get("/week/")
def this_week():
    target = url_for("calendar.week", day=week_start(today()).isoformat())
    return redirect(target + _keep(current_filters(dates=False)))


@bp.get("/week/<day>")
@cached_page
def week(day: str):
    try:
        monday = week_start(date.fromisoformat(day)) if len(day) == 10 else None
    except ValueError:
        monday = None
    if monday is None or not FIRST_YEAR <= monday.year <= LAST_YEAR:
        abort(404)
    filters = current_filters(dates=False)
    sunday = monday + timedelta(days=6)
    events = _events_between(monday, sunday + timedelta(days=1))
    return render_template(
        "week.html",
        monday=monday,
        sunday=sunday,
        days=week_days(monday, events),
        today=today(),
        previous=url_for("calendar.week", day=(monday - timedelta(days=7)).isoformat())
        + _keep(filters),
        following=url_for("calendar.week", day=(monday + timedelta(days=7)).isoformat())
        + _keep(filters),
        **facet_context(filters, extra=_feed_days(monday, sunday)),
    )
