"""The home page's at-a-glance panel: what comes next and when, in words read at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.data import EVENT_STATUSES, MONTHS, Event, PartialDate, Views


@dataclass(frozen=True)
class Glance:
    """The next event with its window and status, and the claims counted by status."""

    next_event: Event
    window: str  # the days the date may mean, when it is not a single day; else ""
    countdown: str  # where the window lies from the as-of date
    status_meaning: str
    claims: list[tuple[str, int]]
    claims_total: int


def _day(day: dt.date, with_month: bool = True, with_year: bool = True) -> str:
    words = str(day.day)
    if with_month:
        words += f" {MONTHS[day.month - 1]}"
    return words + (f" {day.year}" if with_year else "")


def window(date: PartialDate) -> str:
    """The days a date may mean, spelled out: '11 to 20 April 2025'; '' for a single day."""
    start, end = date.start, date.end
    if start == end:
        return ""
    if start.year != end.year:
        return f"{_day(start)} to {_day(end)}"
    if start.month != end.month:
        return f"{_day(start, with_year=False)} to {_day(end)}"
    return f"{_day(start, with_month=False, with_year=False)} to {_day(end)}"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def countdown(date: PartialDate, as_of: PartialDate) -> str:
    """Where a date lies from the as-of date: '11 to 20 days after the as-of date'."""
    first = (date.start - as_of.end).days
    last = (date.end - as_of.end).days
    if first > 0:
        span = _days(first) if first == last else f"{first} to {_days(last)}"
        return f"{span} after the as-of date"
    if last < 0:
        span = _days(-last) if first == last else f"{-last} to {_days(-first)}"
        return f"{span} before the as-of date"
    return "its window includes the as-of date"


def glance(views: Views) -> Glance:
    """The panel's contents, computed from the derived views."""
    event = views.next_event
    claims = list(views.claims_by_status.items())
    return Glance(
        next_event=event,
        window=window(event.date),
        countdown=countdown(event.date, views.files.briefing.as_of),
        status_meaning=EVENT_STATUSES[event.status],
        claims=claims,
        claims_total=sum(count for _, count in claims),
    )
