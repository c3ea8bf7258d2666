"""The JSON shape of events, shared by /events.json and anything else that embeds listings."""

from __future__ import annotations

import json
from typing import Any

from ..domain import Event, Person, Venue
from . import SiteUrls, iso_end, iso_start

JSON_VERSION = 1


def compact_json(value: object) -> bytes:
    """JSON as the feeds and the API send it: UTF-8 as it is, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def json_head(urls: SiteUrls, *, title: str) -> dict[str, Any]:
    """The document's fields other than its events, which always come last."""
    return {"version": JSON_VERSION, "title": title, "home_page_url": urls.page("/")}


def event_to_dict(event: Event, urls: SiteUrls) -> dict[str, Any]:
    """Times as ISO 8601 in the event's own zone (so with its offset), plus the IANA zone.
    Long as the API's event schema is: one literal, read beside the OpenAPI document."""
    return {
        "id": event.uid,
        "slug": event.slug,
        "url": urls.event(event.slug),
        "ics_url": urls.event_ics(event.slug),
        "title": event.title,
        "description": event.description,
        "start": iso_start(event),
        "end": iso_end(event),
        "timezone": event.timezone,
        "all_day": event.all_day and not event.time_tba,
        "time_tba": event.time_tba,
        "status": event.status.value,
        "online": event.online,
        "attendance": event.attendance_mode.value,
        "recurrence": event.recurrence,
        "venues": [_venue(v, urls) for v in event.venues],
        "speakers": [_person(p, urls) for p in event.speakers],
        "organiser": event.organiser or None,
        "links": [
            {
                "url": link.url,
                "kind": link.kind.value,
                "label": link.label or None,
                "price": link.price or None,
            }
            for link in event.links
        ],
        "tags": list(event.tags),
        "parent": (
            {
                "id": event.parent.uid,
                "title": event.parent.title,
                "url": urls.event(event.parent.slug),
            }
            if event.parent
            else None
        ),
        "sequence": event.sequence,
        "updated": event.updated_at.isoformat() if event.updated_at else None,
    }


def _venue(venue: Venue, urls: SiteUrls) -> dict[str, Any]:
    return {
        "name": venue.name,
        "address": venue.address or None,
        "postcode": venue.postcode or None,
        "city": venue.city or None,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "url": urls.venue(venue.slug) if venue.slug else None,
    }


def _person(person: Person, urls: SiteUrls) -> dict[str, Any]:
    return {
        "name": person.name,
        "honorific": person.honorific or None,
        "affiliation": person.affiliation or None,
        "url": urls.person(person.slug) if person.slug else None,
    }
