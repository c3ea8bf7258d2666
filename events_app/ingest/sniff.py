"""What a file is, from its first bytes rather than its name."""

from __future__ import annotations

import re

_EMAIL_HEADER = re.compile(
    rb"^(?:From|To|Subject|Date|Received|Return-Path|Message-ID|MIME-Version|Delivered-To|Reply-To"
    rb"|Content-Type|X-[\w-]+|DKIM-Signature|ARC-[\w-]+|Authentication-Results)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)


def kind_of(data: bytes) -> str:
    """'png' | 'jpeg' | 'webp' | 'pdf' | 'html' | 'email' | 'calendar' | 'text' | 'binary'."""
    head = data[:4096]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    text = head.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in text:
        return "binary"
    if text.lstrip()[:15].upper() == b"BEGIN:VCALENDAR":
        return "calendar"
    if _HTML.match(text):
        return "html"
    if _looks_like_email(text):
        return "email"
    return "text"


def _looks_like_email(head: bytes) -> bool:
    """Headers first (at least two known ones before the first blank line), one of them From
    or Subject or Received: a pasted message with its source, or a saved .eml file."""
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    if not block or block[:1].isspace():
        return False
    names = {m.group().split(b":")[0].strip().lower() for m in _EMAIL_HEADER.finditer(block)}
    return len(names) >= 2 and bool(names & {b"from", b"subject", b"received"})
