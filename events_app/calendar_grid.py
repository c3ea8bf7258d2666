"""Laying events out on a month or week calendar: pure, no Flask, no database.

An event sits on every day it touches in its own zone (a festival on each of its days, a
night that runs past midnight on both), so a day shows what is on that day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .domain import Event


@dataclass(frozen=True)
class Entry:
    event: Event
    continues: bool
    """True on the second and later days of an event that began on an earlier day."""


@dataclass
class DayCell:
    day: date
    in_period: bool
    entries: list[Entry] = field(default_factory=list)


def month_weeks(year: int, month: int, events: Iterable[Event]) -> list[list[DayCell]]:
    """Monday-first weeks covering the month; days of the months either side are marked."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    cells = [[DayCell(day, day.month == month) for day in week] for week in weeks]
    _place(events, {cell.day: cell for week in cells for cell in week})
    return cells


def week_days(any_day: date, events: Iterable[Event]) -> list[DayCell]:
    """The seven days, Monday to Sunday, of the week that holds `any_day`."""
    monday = week_start(any_day)
    cells = [DayCell(monday + timedelta(days=n), True) for n in range(7)]
    _place(events, {cell.day: cell for cell in cells})
    return cells


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _place(events: Iterable[Event], cells: dict[date, DayCell]) -> None:
    first, last = min(cells), max(cells)
    for event in sorted(events, key=lambda e: (e.start, e.title)):
        day = max(event.first_day, first)
        while day <= min(event.last_day, last):
            cells[day].entries.append(Entry(event, continues=day != event.first_day))
            day += timedelta(days=1)
    for cell in cells.values():
        cell.entries.sort(key=lambda entry: (not entry.continues, _start_key(entry.event)))


def _start_key(event: Event) -> tuple[bool, str]:
    return (not event.all_day, event.local_start.strftime("%H:%M"))
