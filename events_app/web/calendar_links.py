"""Links that put a feed, or one event, into the calendar apps people use."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

from ..domain import Event


def subscribe_links(feed_url: str, name: str) -> dict[str, str]:
    """webcal:// for Apple Calendar and Thunderbird, Google's and Outlook's subscribe pages,
    and the plain file."""
    webcal = urlunsplit(("webcal", *urlsplit(feed_url)[1:]))
    return {
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": feed_url, "name": name}),
        "office365": "https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": feed_url, "name": name}),
        "ics": feed_url,
    }


def add_to_calendar_links(event: Event, event_url: str, ics_url: str) -> dict[str, str]:
    """One event: Google's and Outlook's 'add event' pages, and the .ics file for the rest."""
    location = "; ".join(v.one_line() for v in event.venues)
    details = f"{event.description}\n\n{event_url}".strip()
    if event.all_day:
        google_dates = f"{event.first_day:%Y%m%d}/{event.last_day + timedelta(days=1):%Y%m%d}"
        outlook_times = {
            "startdt": event.first_day.isoformat(),
            "enddt": (event.last_day + timedelta(days=1)).isoformat(),
            "allday": "true",
        }
    else:
        end = event.end or event.start + timedelta(hours=1)
        google_dates = f"{_utc_stamp(event.start)}/{_utc_stamp(end)}"
        outlook_times = {
            "startdt": event.start.astimezone(UTC).isoformat(),
            "enddt": end.astimezone(UTC).isoformat(),
        }
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "details": details,
            "location": location,
            "ctz": event.timezone,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "body": details,
            "location": location,
            **outlook_times,
        }
    )
    return {"google": google, "outlook": outlook, "ics": ics_url}


def _utc_stamp(moment) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"
