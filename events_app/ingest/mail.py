"""An e-mail (a saved .eml, or the source pasted with its headers), read with the standard
library: the subject as the first line (a heading the parser may take as the title), the Date
header as the reference date, the text part (or the HTML part made text), without the
signature and the quoted message it replies to. Posters attached are read as posters."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email import policy
from email.errors import MessageDefect, NoBoundaryInMultipartDefect, StartBoundaryNotFoundDefect
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

import trafilatura

from ..parsing import Draft
from .source import IngestError, InputTooLargeError, Picture, Source, WordBox

MAX_PARTS = 50
MAX_DEPTH = 5
_BROKEN = (NoBoundaryInMultipartDefect, StartBoundaryNotFoundDefect)
_SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|tr|wg)\s*:\s*|\s*\[[^\]]{1,40}\]\s*)+", re.I)
_REPLY_HEADER = re.compile(
    r"^(?:On .{4,200}wrote:|Le .{4,200}a écrit ?:|Am .{4,200}schrieb .{0,80}:|El .{4,200}escribió:"
    r"|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Forwarded message\s*-{2,})\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(r"^(?:--|-- |__+|Sent from my [\w ]+|Get Outlook for \w+)\s*$")


def read_email(
    data: bytes,
    *,
    read_attachment: Callable[[bytes], Source] | None = None,
    read_calendar: Callable[[bytes], tuple[list[Draft], list[str]]] | None = None,
) -> Source:
    """The announcement in one message. `read_attachment` reads an attached poster (PNG, JPEG,
    WebP or PDF) into a Source, whose text is added after the message's own; `read_calendar`
    reads an attached calendar file into drafts, which stand as the message's events.
    Long because it is one walk over the parts, each kind (calendar, poster, other) handled
    where it is met, so the order of the texts is the message's own."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise IngestError("This is not an e-mail: it has no headers")
    parts = _parts(message)
    if any(isinstance(d, _BROKEN) for part in parts for d in _defects(part)):
        raise IngestError("The message's MIME structure is broken (a part has no boundary)")
    subject = _SUBJECT_PREFIX.sub("", str(message.get("Subject", "") or "")).strip()
    read = _Reading()
    for own in (subject, _body(message)):
        read.add(own)
    notes = []
    events: list[Draft] = []
    for part in parts:
        kind = part.get_content_type()
        name = part.get_filename() or ""
        if kind == "text/calendar" or name.lower().endswith(".ics"):
            if read_calendar is None:
                notes.append(f"The message carries a calendar file ({name or kind}): import it")
                continue
            drafts, left_out = read_calendar(part.get_payload(decode=True) or b"")
            events.extend(drafts)
            notes.extend([f"Events read from the attached {name or kind}", *left_out])
        elif read_attachment and (kind.startswith("image/") or kind == "application/pdf"):
            poster = read_attachment(part.get_payload(decode=True) or b"")
            if poster.text.strip():
                read.add(poster, attachment=name or kind)
                notes.append(f"Text read from the attached {name or kind}")
                notes.extend(f"{name or kind}: {note}" for note in poster.notes)
    text = read.text()
    if not text and not events:
        raise IngestError("The message has no text to read")
    sender = parseaddr(str(message.get("From", "") or ""))[1] or None
    return Source(
        kind="email",
        text=text,
        reference_date=_sent(message),
        origin=" · ".join(p for p in (sender, subject) if p),
        contact=sender,
        structured=tuple(events),
        structured_from="calendar file",
        notes=tuple(notes),
        words=tuple(read.words),
        pictures=tuple(read.pictures),
    )


_BETWEEN = "\n\n"


@dataclass
class _Reading:
    """The message's text as it is put together (subject, body, each attached poster's text),
    with every attached poster's word boxes moved to where its text lands in the whole, and its
    pictures numbered on after those of the posters before it, so that the review page
    outlines the words behind each field on the attachment they were read from."""

    texts: list[str] = field(default_factory=list)
    words: list[WordBox] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)

    def add(self, part: str | Source, *, attachment: str = "") -> None:
        text = part.text if isinstance(part, Source) else part
        if not text.strip():
            return
        start = len(self.text()) + len(_BETWEEN) if self.texts else 0
        self.texts.append(text)
        if isinstance(part, Source):
            pages = len(self.pictures)
            self.words.extend(
                replace(w, start=w.start + start, end=w.end + start, page=w.page + pages)
                for w in part.words
            )
            self.pictures.extend(replace(p, attachment=attachment) for p in part.pictures)

    def text(self) -> str:
        return _BETWEEN.join(self.texts)


def _parts(message: EmailMessage) -> list[EmailMessage]:
    """Every part, refusing messages nested or split beyond reason (a hostile MIME tree)."""
    found: list[EmailMessage] = []

    def walk(part: EmailMessage, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise InputTooLargeError(f"The message is nested more than {MAX_DEPTH} levels deep")
        found.append(part)
        if len(found) > MAX_PARTS:
            raise InputTooLargeError(f"The message has more than {MAX_PARTS} parts")
        if part.is_multipart():
            for child in part.iter_parts():
                walk(child, depth + 1)

    walk(message, 0)
    return found


def _defects(part: EmailMessage) -> list[MessageDefect]:
    return list(getattr(part, "defects", []))


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except LookupError as exc:
        charset = part.get_content_charset() or "?"
        raise IngestError(f"The message's text is in an unknown character set: {charset}") from exc
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        content = trafilatura.extract(content, favor_recall=True, include_comments=False) or ""
    return _without_replies(content).strip()


def _without_replies(text: str) -> str:
    """The message's own words: quoted lines, the reply header and all after it, and the
    signature (after '-- ', 'Sent from my ...') dropped."""
    kept = []
    for line in text.splitlines():
        if _SIGN_OFF.match(line) or (_REPLY_HEADER.match(line.strip()) and kept):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept)


def _sent(message: EmailMessage):
    value = message.get("Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(str(value)).date()
    except (TypeError, ValueError, IndexError):
        return None
