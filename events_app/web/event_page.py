"""What an event's page asks of a visitor and offers them: its one call to action (book,
register or join) and the ways to pass the page on, none of which loads another site's script."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode

from flask_babel import gettext

from ..domain import Event, EventStatus, LinkKind

# A price that costs nothing: "Free", "free entry", "£0", "0.00", "Free (donations welcome)".
FREE = re.compile(r"\bfree\b|^\W*0+(?:[.,]0+)?\W*$", re.IGNORECASE)
BLUESKY_COMPOSE = "https://bsky.app/intent/compose"


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    note: str = ""


def call_to_action(event: Event, now: datetime) -> Action | None:
    """The page's one prominent button: "Book a place" for a ticket link with a price or none
    said, "Register" for a free one, "Join online" for an online event's join link; nothing for
    an event that is cancelled or over, since there is nothing left to book or join."""
    if event.status == EventStatus.CANCELLED or event.is_past(now):
        return None
    tickets = event.tickets()
    if tickets:
        link = tickets[0]
        free = bool(link.price) and FREE.search(link.price) is not None
        return Action(
            gettext("Register") if free else gettext("Book a place"), link.url, link.price
        )
    join = next((link for link in event.links if link.kind == LinkKind.ONLINE), None)
    return Action(gettext("Join online"), join.url) if join is not None else None


def share_links(event: Event, url: str) -> dict[str, str]:
    """Addresses that hand the page to an e-mail program or a Bluesky post, and the text a
    Mastodon post starts with (its server is the visitor's own, asked on the page)."""
    cancelled = event.status == EventStatus.CANCELLED
    title = gettext("[Cancelled] ") + event.title if cancelled else event.title
    text = f"{title} {url}"
    return {
        "url": url,
        "email": "mailto:?"
        + urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=quote),
        "bluesky": f"{BLUESKY_COMPOSE}?{urlencode({'text': text}, quote_via=quote)}",
        "post_text": text,
    }
