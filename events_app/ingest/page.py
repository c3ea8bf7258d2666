"""A web page: its own schema.org events (extruct), its calendar feeds, and its main text
(trafilatura), with the date it was published as the reference date."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import extruct
import trafilatura
from lxml import html as lxml_html
from trafilatura.utils import decode_file

from ..lexicon.zones import text_zone
from ..parsing import Draft, DraftLink, DraftPerson, DraftVenue
from .source import PAGE_DATA_NOTE, IngestError, Source

_SCHEMA = re.compile(r"^https?://schema\.org/")
_EVENT_TYPES = re.compile(r"(?:Event|Festival|EventSeries)$")


def read_page(body: bytes, url: str, *, default_timezone: str) -> Source:
    """The announcement in an HTML page fetched from `url` (or saved from it)."""
    markup = decode_file(body)
    try:
        tree = lxml_html.document_fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise IngestError("The page could not be read as HTML") from exc
    data = extruct.extract(
        markup,
        base_url=url,
        syntaxes=["json-ld", "microdata", "rdfa"],
        uniform=True,
        errors="ignore",
    )
    items = [
        *data.get("json-ld", []),
        *data.get("microdata", []),
        *_rdfa_items(data.get("rdfa", [])),
    ]
    metadata = trafilatura.extract_metadata(tree)
    links = _calendar_links(tree, url)
    text = trafilatura.extract(
        markup, url=url, favor_recall=True, include_comments=False, include_tables=True
    )
    text = (text or "").strip()
    zone = text_zone(text) or default_timezone
    events = [_draft(item, zone, url) for item in _events(items)]
    events = [e for e in events if e is not None]
    published = _published(metadata, items)
    if not text and not events:
        raise IngestError("The page has no text to read (is it an app that needs JavaScript?)")
    return Source(
        kind="page",
        text=text,
        reference_date=published,
        origin=url,
        url=url,
        structured=tuple(events),
        calendar_links=tuple(links),
    )


def _published(metadata, items: list[dict]) -> date | None:
    for value in [getattr(metadata, "date", None)] + [i.get("datePublished") for i in items]:
        if isinstance(value, str) and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _calendar_links(tree, url: str) -> list[str]:
    """iCalendar feeds the page offers: <link rel=alternate type=text/calendar>, webcal: links
    and links to .ics files."""
    found = tree.xpath(
        "//link[contains(@type, 'calendar')]/@href"
        " | //a[starts-with(@href, 'webcal:') or starts-with(@href, 'webcals:')]/@href"
        " | //a[contains(@href, '.ics')]/@href"
    )
    links = []
    for href in found:
        absolute = urljoin(url, str(href).strip())
        if absolute.split(":", 1)[0].lower() in ("http", "https", "webcal", "webcals"):
            links.append(absolute)
    return list(dict.fromkeys(links))[:10]


def _events(items: list[Any]):
    """Every schema.org Event (or subtype) among the page's items, inside @graph too."""
    stack = list(items)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
            continue
        if not isinstance(item, dict):
            continue
        if "@graph" in item:
            stack[:0] = list(item["@graph"]) if isinstance(item["@graph"], list) else []
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and _EVENT_TYPES.search(_SCHEMA.sub("", t)) for t in types):
            yield item
        sub = item.get("subEvent") or item.get("subEvents")
        if sub:
            stack.extend(sub if isinstance(sub, list) else [sub])


def _rdfa_items(nodes: list[dict]) -> list[dict]:
    """RDFa nodes as JSON-LD-like dicts: schema.org IRIs shortened, values unwrapped, nodes
    referred to by @id put in place (one level, which is all an Event's place needs)."""
    by_id = {n.get("@id"): n for n in nodes if isinstance(n, dict)}

    def plain(node: dict, depth: int = 0) -> dict:
        out: dict[str, Any] = {}
        for key, values in node.items():
            if key == "@type":
                out["@type"] = [_SCHEMA.sub("", t) for t in values]
                continue
            if not _SCHEMA.match(key):
                continue
            value = values[0] if isinstance(values, list) and values else values
            if isinstance(value, dict) and "@value" in value:
                value = value["@value"]
            elif isinstance(value, dict) and "@id" in value:
                target = by_id.get(value["@id"])
                value = plain(target, depth + 1) if target and depth < 2 else value["@id"]
            out[_SCHEMA.sub("", key)] = value
        return out

    return [plain(n) for n in nodes if isinstance(n, dict) and "@type" in n]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return " ".join(str(value).split()) if value is not None else ""


def _when(value: Any, zone: str) -> date | datetime | None:
    """An ISO date or date-time as a local wall time in `zone` (an offset is honoured: the
    instant stays, shown in the event's zone)."""
    value = _text(value)
    if not value:
        return None
    try:
        if len(value) <= 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return moment


def _draft(item: dict, default_zone: str, page_url: str) -> Draft | None:
    title = _text(item.get("name"))
    venues, online, join_url = _places(item.get("location"))
    zone = text_zone(" ".join(_venue_words(v) for v in venues)) or default_zone
    start = _when(item.get("startDate"), zone)
    if not title or start is None:
        return None
    end = _when(item.get("endDate"), zone)
    mode = _text(item.get("eventAttendanceMode"))
    offers = item.get("offers") or []
    offers = offers if isinstance(offers, list) else [offers]
    links = [
        DraftLink(_text(o.get("url")), "tickets", _price(o))
        for o in offers
        if isinstance(o, dict) and _text(o.get("url"))
    ]
    status = _STATUSES.get(_SCHEMA.sub("", _text(item.get("eventStatus"))))
    return Draft(
        title=title,
        start=start,
        end=end,
        timezone=zone,
        venues=venues,
        speakers=_people(item, "speaker", "speakers"),
        performers=_people(item, "performer", "performers"),
        status=status,
        online=online or "Online" in mode,
        url=_text(item.get("url")) or join_url or page_url,
        links=links,
        price=next((_price(o) for o in offers if isinstance(o, dict) and _price(o)), ""),
        warnings=[PAGE_DATA_NOTE],
    )


_STATUSES = {
    "EventCancelled": "cancelled",
    "EventPostponed": "postponed",
    "EventRescheduled": None,
    "EventScheduled": None,
    "EventMovedOnline": None,
}


def _people(item: dict, *keys: str) -> list[DraftPerson]:
    """People under the first of `keys` the item has: a Person, a name, or a list of them.
    (schema.org has no 'speaker'; pages that say one mean it, so it is read too.)"""
    for key in keys:
        people = item.get(key)
        if people:
            people = people if isinstance(people, list) else [people]
            return [DraftPerson(_text(p)) for p in people if _text(p)]
    return []


def _price(offer: dict) -> str:
    price = _text(offer.get("price"))
    currency = _text(offer.get("priceCurrency"))
    if not price:
        return ""
    if price in ("0", "0.0", "0.00"):
        return "Free"
    return f"{currency} {price}".strip()


def _places(location: Any) -> tuple[list[DraftVenue], bool, str | None]:
    items = location if isinstance(location, list) else [location] if location else []
    venues, online, join = [], False, None
    for place in items:
        if isinstance(place, str):
            venues.append(DraftVenue(name=" ".join(place.split())))
            continue
        if not isinstance(place, dict):
            continue
        types = place.get("@type")
        if "VirtualLocation" in (types if isinstance(types, list) else [types]):
            online, join = True, _text(place.get("url")) or None
            continue
        address = place.get("address")
        if isinstance(address, dict):
            street = _text(address.get("streetAddress"))
            postcode = _text(address.get("postalCode"))
            city = _text(address.get("addressLocality"))
        else:
            street, postcode, city = _text(address), "", ""
        name = _text(place.get("name")) or street
        if name:
            venues.append(DraftVenue(name=name, address=street, postcode=postcode, city=city))
    return venues, online, join


def _venue_words(venue: DraftVenue) -> str:
    return ", ".join(p for p in (venue.name, venue.address, venue.city, venue.postcode) if p)
