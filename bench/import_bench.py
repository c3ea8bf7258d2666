"""How long a calendar import takes to read and expand, for ordinary and hostile calendars.

    .venv/bin/python bench/import_bench.py

Prints, for each case, the time `read_calendar` takes and what it made of it (events, notes or
the refusal). The hostile cases are the repeat rules that pin a worker when expanded naively: a
rule every second or minute since 1970 or 1900, rules that never match, and rules from 1900
whose occurrences must be reached by walking every day since. Figures are from one run on one
machine; compare them as ratios, not as absolutes.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from events_app.calendar_import import CalendarImportError, read_calendar

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//B//EN\r\n{body}END:VCALENDAR\r\n".encode()


def series(rule: str, start: str = "19000101T090000Z") -> bytes:
    return calendar(f"UID:s@x\r\nSUMMARY:Series\r\nDTSTART:{start}\r\nRRULE:{rule}\r\n")


CASES = {
    "1,000 single events": calendar(
        *(
            f"UID:{n}@x\r\nSUMMARY:Event {n}\r\nDTSTART:20261201T{n % 24:02d}0000Z\r\n"
            for n in range(1000)
        )
    ),
    "weekly series, London, since 2000": calendar(
        "UID:w@x\r\nSUMMARY:Weekly\r\nDTSTART;TZID=Europe/London:20000104T190000\r\n"
        "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n"
    ),
    "every second since 1970": series("FREQ=SECONDLY", "19700101T000000Z"),
    "every minute since 1900, never matching": series("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30"),
    "daily since 1900": series("FREQ=DAILY"),
    "daily since 1900, 30 February": series("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"),
    "daily since 1900, day 200 of January": series("FREQ=DAILY;BYMONTH=1;BYYEARDAY=200"),
    "monthly since 1900, 31 April": series("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31"),
    "yearly since 1900, COUNT 5, never matching": series(
        "FREQ=YEARLY;COUNT=5;BYMONTH=2;BYMONTHDAY=30"
    ),
}


def main() -> None:
    for name, data in CASES.items():
        began = time.perf_counter()
        try:
            result = read_calendar(data, now=NOW, default_timezone="Europe/London")
            outcome = f"{len(result.events)} events, {len(result.warnings)} notes"
            if result.warnings:
                outcome += f" ({result.warnings[0][:70]})"
        except CalendarImportError as refused:
            outcome = f"refused: {refused}"
        print(f"{time.perf_counter() - began:8.3f} s  {name}: {outcome}")


if __name__ == "__main__":
    main()
