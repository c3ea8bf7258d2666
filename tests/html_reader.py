"""Reading a rendered page as a visitor sees it, so tests compare the whole text of an element
(every listed title, a heading, a message) instead of searching the markup for a fragment.

Selectors are the small subset the pages need: `tag`, `.class`, `#id`, `tag.class`,
`tag#id`, one attribute test `[name=value]` after any of them, and descendants written with a
space (`dl.facts dd`); a comma lists alternatives, read in document order (`h2, .event-title`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SELECTOR = re.compile(
    r"^(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+))?"
    r"(?:\[(?P<attr>[\w-]+)=(?P<value>[^\]]*)\])?$"
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text with runs of white space read as one space, as a browser shows it."""
        return " ".join("".join(self.parts).split())


def _compound(selector: str):
    match = SELECTOR.match(selector)
    if not match or not any(match.groups()):
        raise ValueError(f"unsupported selector {selector!r}")
    tag, cls, id_, attr, value = match.group("tag", "cls", "id", "attr", "value")

    def matches(element: Element) -> bool:
        a = element.attrs
        return (
            (tag is None or element.tag == tag)
            and (cls is None or cls in a.get("class", "").split())
            and (id_ is None or a.get("id") == id_)
            and (attr is None or a.get(attr) == value.strip("\"'"))
        )

    return matches


class _Reader(HTMLParser):
    def __init__(self, selector: str) -> None:
        super().__init__(convert_charrefs=True)
        self.chains = [
            [_compound(part) for part in alternative.split()] for alternative in selector.split(",")
        ]
        self.found: list[Element] = []
        self._open: list[tuple[Element, bool]] = []

    def _matches(self, element: Element) -> bool:
        return any(self._chain_matches(chain, element) for chain in self.chains)

    def _chain_matches(self, chain, element: Element) -> bool:
        *wanted, target = chain
        if not target(element):
            return False
        for ancestor, _ in reversed(self._open):
            if wanted and wanted[-1](ancestor):
                wanted.pop()
        return not wanted

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        if tag == "br":  # a line break reads as white space between the words it parts
            self.handle_data("\n")
        captured = self._matches(element)
        if captured:
            self.found.append(element)
        if tag not in VOID:
            self._open.append((element, captured))

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        if self._matches(element):
            self.found.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data):
        for element, captured in self._open:
            if captured:
                element.parts.append(data)


def elements(page: str, selector: str) -> list[Element]:
    """Every element matching `selector`, in document order."""
    reader = _Reader(selector)
    reader.feed(page)
    reader.close()
    return reader.found


def texts(page: str, selector: str) -> list[str]:
    """The text of every element matching `selector`, in document order."""
    return [element.text for element in elements(page, selector)]


def text(page: str, selector: str) -> str:
    """The text of the one element matching `selector` (a test fails if there are more or none)."""
    [only] = texts(page, selector)
    return only


def titles(page: str) -> list[str]:
    """The titles of the events a listing shows, in the order it shows them."""
    return texts(page, ".event-title")


def attribute(page: str, selector: str, name: str) -> list[str]:
    """The `name` attribute of every element matching `selector` (e.g. each link's href)."""
    return [element.attrs.get(name, "") for element in elements(page, selector)]


def alerts(page: str) -> list[str]:
    """What the page tells the person about their last action: its alerts and flashed messages."""
    return texts(page, "[role=alert], .flash p")
