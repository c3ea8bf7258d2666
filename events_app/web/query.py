"""What arrives in a request, read at the edge: query parameters into an EventFilter, whole
numbers, dates and JSON bodies, each either understood or refused with a reason (400).

One reader for each kind, so that no view calls `int()` or `date.fromisoformat()` on raw
input: `str.isdigit()` accepts '²' and '①', which `int()` then refuses, and a date next to
`date.min` or `date.max` overflows as soon as a zone or a day is added to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from flask import Request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.formparser import FormDataParser, MultiPartParser
from werkzeug.routing import BaseConverter, ValidationError
from werkzeug.utils import cached_property

from ..domain import EARLIEST_YEAR, LATEST_YEAR, EventFilter
from .errors import BadQueryError

MAX_PARAM = 200
FILTER_PARAMS = ("venue", "speaker", "tag", "series", "q", "from", "to")
WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")
MAX_WHOLE_NUMBER = 2**31 - 1
FIRST_YEAR, LAST_YEAR = EARLIEST_YEAR, LATEST_YEAR
"""The years a date typed into this site may name (the domain's calendar range): arithmetic
on them (a day either side, any zone's offset) can never overflow."""
QUERY_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
NUL = re.compile("\x00")
NOT_UTF8 = "Text must be UTF-8"


def check_text(
    name: str, value: str, refused: re.Pattern[str] = NUL, limit: int | None = None
) -> None:
    """The hygiene every text a request carries passes, once, here at the edge: form fields
    (`security.check_input`), JSON strings (`json_object`) and query parameters
    (`check_query`, which also refuses other control characters and over-long values).
    Past the edge only the domain's checks guard what is stored.

    U+FFFD is a character like any other; bytes that are not UTF-8 never get here
    (`StrictRequest` refuses them), and a lone surrogate, which a JSON escape can make but
    UTF-8 cannot carry, is refused as they are. NUL is refused everywhere: PostgreSQL cannot
    store it, and SQLite would."""
    if refused.search(value):
        raise BadQueryError(
            "Text must not contain NUL characters"
            if refused is NUL
            else f"{name[:40]} must not contain control characters"
        )
    if limit is not None and len(value) > limit:
        raise BadQueryError(f"{name[:40]} is too long: at most {limit} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadQueryError(NOT_UTF8) from None


def check_query(args: MultiDict[str, str]) -> None:
    """No query parameter (name or value) may hold a control character other than tab, and
    no value may be longer than MAX_PARAM: no filter, page number or address needs more."""
    for name, value in args.items(multi=True):
        shown = "Query parameters" if QUERY_CONTROL.search(name) else name
        check_text(shown, name, QUERY_CONTROL)
        check_text(shown, value, QUERY_CONTROL, MAX_PARAM)


class StrictFormDataParser(FormDataParser):
    """Werkzeug's form parser, except that text which is not UTF-8 is refused (400) instead
    of kept as %-escapes (urlencoded) or replaced by U+FFFD (multipart), which would make
    a real U+FFFD and a broken byte look alike."""

    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        try:
            text = stream.read().decode("utf-8")
            items = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise BadRequest(NOT_UTF8) from None
        return stream, self.cls(items), self.cls()

    def _parse_multipart(self, stream, mimetype, content_length, options):
        boundary = options.get("boundary", "").encode("ascii")
        if not boundary:
            raise ValueError("Missing boundary")
        parser = _BytesKeptParser(
            stream_factory=self.stream_factory,
            max_form_memory_size=self.max_form_memory_size,
            max_form_parts=self.max_form_parts,
            cls=self.cls,
        )
        form, files = parser.parse(stream, boundary, content_length)
        try:
            fields = [(k, v.encode("latin-1").decode("utf-8")) for k, v in form.items(multi=True)]
        except UnicodeDecodeError:
            raise BadRequest(NOT_UTF8) from None
        return stream, self.cls(fields), files


class _BytesKeptParser(MultiPartParser):
    def get_part_charset(self, headers) -> str:
        """Latin-1 maps each byte to one character, so the field's bytes come back whole for
        StrictFormDataParser to decode as UTF-8, strictly."""
        return "latin-1"


class StrictRequest(Request):
    """The request as this site reads it: forms and the query string decoded as UTF-8, or
    refused (400) with "Text must be UTF-8"."""

    form_data_parser_class = StrictFormDataParser

    @cached_property
    def args(self) -> MultiDict[str, str]:  # type: ignore[override]
        try:
            text = self.query_string.decode("utf-8")
            items = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise BadQueryError("Query parameters must be UTF-8") from None
        return self.parameter_storage_class(items)


def text_param(args: MultiDict[str, str], name: str) -> str | None:
    """A text parameter, blank as none; `check_query` has refused control characters and
    over-long values for every parameter before any view runs."""
    value = args.get(name)
    return None if value is None else value.strip() or None


def number_or_none(value: str | None, lo: int, hi: int) -> int | None:
    """ASCII digits only, within [lo, hi]; None for anything else."""
    value = (value or "").strip()
    if not WHOLE_NUMBER.fullmatch(value) or not lo <= int(value) <= hi:
        return None
    return int(value)


def whole_number(value: str | None, name: str, lo: int, hi: int) -> int | None:
    """ASCII digits only, within [lo, hi]; None when the value is missing or blank, and a
    400 naming the field for anything else."""
    if value is None or not value.strip():
        return None
    found = number_or_none(value, lo, hi)
    if found is None:
        raise BadQueryError(f"{name} must be a whole number from {lo} to {hi}")
    return found


def int_param(args: MultiDict[str, str], name: str, default: int, lo: int, hi: int) -> int:
    found = whole_number(text_param(args, name), name, lo, hi)
    return default if found is None else found


def form_int(
    form: Mapping[str, str], name: str, default: int, lo: int = 0, hi: int = MAX_WHOLE_NUMBER
) -> int:
    """A whole number from a form field (a count, a revision, an id to merge into)."""
    found = whole_number(form.get(name), name, lo, hi)
    return default if found is None else found


def day(value: str | None, name: str) -> date | None:
    """A day written YYYY-MM-DD; None when blank. Whether the day is one this site can carry
    is the domain's decision (`check_calendar_date`), or `date_param`'s for listings."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value) if len(value) == 10 else _not_a_day(name)
    except ValueError:
        return _not_a_day(name)


def _not_a_day(name: str):
    raise BadQueryError(f"{name} must be a date, YYYY-MM-DD")


def date_param(args: MultiDict[str, str], name: str) -> date | None:
    """A day bounding a listing: outside the years events can have, it could only overflow."""
    found = day(text_param(args, name), name)
    if found is not None and not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise BadQueryError(f"{name} must be a date from {FIRST_YEAR} to {LAST_YEAR}")
    return found


def json_object(body: bytes, expected: str) -> dict[str, Any]:
    """A JSON object from a request body (`expected` says what it should hold), its every
    string through `check_text`. A body that is not UTF-8, or nested deep enough to exhaust
    the decoder's stack, is refused like any other malformed body."""
    try:
        document = json.loads(body)
    except UnicodeDecodeError:
        raise BadQueryError(NOT_UTF8) from None
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict):
        raise BadQueryError(f"The body must be a JSON object {expected}")
    pending: list[Any] = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            check_text("text", item)
    return document


def event_filter(args: MultiDict[str, str], timezone: str) -> EventFilter:
    """`from` and `to` are days in the site's zone, both included."""
    zone = ZoneInfo(timezone)
    first, last = date_param(args, "from"), date_param(args, "to")
    if first and last and last < first:
        raise BadQueryError("to must not be before from")
    return EventFilter(
        venue=text_param(args, "venue"),
        speaker=text_param(args, "speaker"),
        tag=text_param(args, "tag"),
        series=text_param(args, "series"),
        text=text_param(args, "q"),
        ends_after=_midnight(first, zone) if first else None,
        starts_before=_midnight(last + timedelta(days=1), zone) if last else None,
    )


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def active_filters(args: MultiDict[str, str]) -> dict[str, str]:
    return {name: args[name] for name in FILTER_PARAMS if args.get(name)}


def path_has_control_characters(path: str) -> bool:
    """No page's address has one, and PostgreSQL refuses NUL in a query."""
    return PATH_CONTROL.search(path) is not None


class AsciiIntConverter(BaseConverter):
    """`<int:...>` in routes, ASCII digits only: Werkzeug's own matches any Unicode digit
    with `\\d`, so '٢' would name the same page as '2' and '²' would reach `int()`."""

    regex = r"[0-9]{1,10}"
    part_isolating = True

    def __init__(self, map, min: int = 0, max: int = MAX_WHOLE_NUMBER) -> None:
        super().__init__(map)
        self.min, self.max = min, max

    def to_python(self, value: str) -> int:
        number = int(value)
        if not self.min <= number <= self.max:
            raise ValidationError
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))
