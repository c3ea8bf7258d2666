"""Links, e-mail addresses, social handles and ticket prices."""

from __future__ import annotations

import re
from dataclasses import dataclass

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]{}]{1,2000}", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b")
HANDLE = re.compile(r"(?<![\w@/.])@[A-Za-z0-9_]{2,30}\b(?!\.\w)")
PRICE = re.compile(
    r"(?:(?:tickets?|entry|admission|price|cost|donation)s?\s*:?\s*)?"
    r"(?:[£$€]\s?\d{1,4}(?:\.\d\d)?(?:\s*(?:advance|adv|on the door|otd|concessions?|conc|waged"
    r"|unwaged|members|non-members|standard|online))?(?:\s*(?:/|,|or|and)\s*)?){1,4}",
    re.IGNORECASE,
)
FREE = re.compile(
    r"\b(?:free(?:\s+entry|\s+event|\s+admission)?|no\s+ticket\s+required)\b", re.IGNORECASE
)
TICKET_CUE = re.compile(
    r"\b(?:tickets?|book|booking|register|registration|rsvp|sign\s+up)\b", re.IGNORECASE
)
ONLINE_CUE = re.compile(
    r"\b(?:join|zoom|teams|watch|stream|livestream|webinar|online)\b", re.IGNORECASE
)


JOIN_HOST = re.compile(
    r"^(?:https?://)?(?:[\w-]+\.)*(?:zoom\.us|zoom\.com|teams\.microsoft\.com|teams\.live\.com"
    r"|meet\.google\.com|youtube\.com|youtu\.be|crowdcast\.io|meet\.jit\.si|webex\.com"
    r"|vimeo\.com/event|twitch\.tv|facebook\.com/events/[^/]+/live)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundLink:
    start: int
    end: int
    url: str
    kind: str


def find_links(text: str, offset: int = 0) -> list[FoundLink]:
    """Every URL with a guess at what it is for, from the words just before it."""
    found = []
    for m in URL.finditer(text):
        url = m.group().rstrip(".,;:!?")
        if url.lower().startswith("www."):
            url = "https://" + url
        before = text[max(0, m.start() - 40) : m.start()]
        if JOIN_HOST.search(url):
            kind = "online"
        elif TICKET_CUE.search(before):
            kind = "tickets"
        elif ONLINE_CUE.search(before):
            kind = "online"
        else:
            kind = "event_page"
        found.append(FoundLink(offset + m.start(), offset + m.start() + len(url), url, kind))
    return found


def find_price(text: str) -> str:
    for m in PRICE.finditer(text):
        if re.search(r"[£$€]", m.group()):
            return m.group().strip(" ,/")
    m = FREE.search(text)
    return m.group() if m else ""


def find_contacts(text: str) -> list[str]:
    """Social handles (@arise_festival) and e-mail addresses, each once, in order."""
    found = [(m.start(), m.group()) for m in HANDLE.finditer(text)]
    found += [(m.start(), m.group()) for m in EMAIL.finditer(text)]
    return list(dict.fromkeys(value for _, value in sorted(found)))
