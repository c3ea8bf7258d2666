"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the listings, for feed readers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..domain import Event
from . import SiteUrls
from .ics import plain_description

VERSION = "https://jsonfeed.org/version/1.1"


def render_json_feed(
    events: Sequence[Event],
    urls: SiteUrls,
    *,
    title: str,
    feed_url: str,
    when: Callable[[Event], str],
) -> dict[str, Any]:
    """`when` gives the human-readable date line that starts each item's text."""
    return {
        "version": VERSION,
        "title": title,
        "home_page_url": urls.page("/"),
        "feed_url": feed_url,
        "description": f"Events listed on {title}",
        "language": "en",
        "items": [_item(e, urls, when) for e in events],
    }


def _item(event: Event, urls: SiteUrls, when: Callable[[Event], str]) -> dict[str, Any]:
    url = urls.event(event.slug)
    item: dict[str, Any] = {
        "id": event.uid,
        "url": url,
        "title": ("Cancelled: " if event.status.value == "cancelled" else "") + event.title,
        "content_text": f"{when(event)}\n\n{plain_description(event, url)}",
        "tags": list(event.tags),
    }
    if event.created_at:
        item["date_published"] = event.created_at.isoformat()
    if event.updated_at:
        item["date_modified"] = event.updated_at.isoformat()
    return item
