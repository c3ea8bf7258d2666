"""schema.org Event markup (JSON-LD) for an event page, as search engines read it."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from ..domain import Attendance, Event, EventStatus, EventSummary, LinkKind, Venue
from . import SiteUrls, iso_end, iso_start

_STATUS = {
    EventStatus.CONFIRMED: "https://schema.org/EventScheduled",
    EventStatus.TENTATIVE: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def event_jsonld(event: Event, urls: SiteUrls, *, site_name: str) -> dict[str, Any]:
    """The event as schema.org's Event. Long as the document is: one literal per property
    that search engines read, so the whole shape can be read in one place."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": urls.event(event.slug),
        "name": event.title,
        "url": urls.event(event.slug),
        "startDate": iso_start(event),
        "eventStatus": _STATUS[event.status],
        "eventAttendanceMode": _attendance(event),
        "location": _locations(event),
        "organizer": {
            "@type": "Organization",
            "name": event.organiser or site_name,
            "url": urls.page("/"),
        },
    }
    if event.local_end is not None:
        data["endDate"] = iso_end(event)
    if event.cover is not None:
        data["image"] = [urls.image(event.cover.digest)]
    if event.description:
        data["description"] = event.description
    if event.speakers:
        data["performer"] = [
            {"@type": "Person", "name": p.name, "url": urls.person(p.slug)}
            if p.slug
            else {"@type": "Person", "name": p.name}
            for p in event.speakers
        ]
    offers = [
        {"@type": "Offer", "url": link.url, **({"description": link.price} if link.price else {})}
        for link in event.links
        if link.kind == LinkKind.TICKETS
    ]
    if offers:
        data["offers"] = offers
    if event.parent is not None:
        data["superEvent"] = {
            "@type": "Event",
            "name": event.parent.title,
            "url": urls.event(event.parent.slug),
        }
    if event.sessions:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": s.title,
                "url": urls.event(s.slug),
                "startDate": _session_start(s),
                # A session is where its festival is unless it names a place of its own.
                "location": [_place(v) for v in s.venues] or data["location"],
            }
            for s in event.sessions
        ]
    return data


def _session_start(session: EventSummary) -> str:
    """A session's start in its own zone: its day alone when it has no clock time (all day, or
    time to be announced), as schema.org reads a date, never a made-up midnight."""
    local = session.start.astimezone(ZoneInfo(session.timezone))
    return local.date().isoformat() if session.all_day else local.isoformat()


ATTENDANCE_MODES = {
    Attendance.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _attendance(event: Event) -> str:
    return ATTENDANCE_MODES[event.attendance_mode]


def _locations(event: Event) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = [_place(v) for v in event.venues]
    if event.attendance_mode is not Attendance.IN_PERSON:
        places.append({"@type": "VirtualLocation", "url": event.join_link or ""})
    return places


def _place(venue: Venue) -> dict[str, Any]:
    address = {"@type": "PostalAddress"}
    if venue.address:
        address["streetAddress"] = venue.address
    if venue.city:
        address["addressLocality"] = venue.city
    if venue.postcode:
        address["postalCode"] = venue.postcode
    place: dict[str, Any] = {"@type": "Place", "name": venue.name, "address": address}
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": venue.latitude,
            "longitude": venue.longitude,
        }
    return place
