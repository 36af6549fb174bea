"""Dates that keep their precision: a year, a month, a day, or part of a month."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from generator.data.errors import did_you_mean

Part = Literal["early", "mid", "late"]
MONTHS = [calendar.month_name[m] for m in range(1, 13)]
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({name[:3].lower(): i for i, name in enumerate(MONTHS, 1)})
# The days a part of a month covers: early 1-10, mid 11-20, late 21-end.
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# ... and of a year: thirds.
_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_WORDS = re.compile(
    r"(?:(?P<part>early|mid|late)[- ]?)?(?:(?P<d>\d{1,2}) )?(?:(?P<mon>[A-Za-z]+)\.? )?(?P<y>\d{4})"
)
# Graphics draw a margin of months past the last date: keep clear of datetime's year 9999.
MAX_YEAR = 9000
FORMS = "2025, 2025-04, 2025-04-15, April 2025, 15 April 2025 or mid-April 2025"


class DateError(ValueError):
    """A date an editor wrote that cannot be read, with a hint on how to write it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month, part of a month, or the day."""

    year: int
    month: int | None = None
    day: int | None = None
    part: Part | None = None

    @property
    def precision(self) -> Literal["year", "month", "part", "day"]:
        if self.day is not None:
            return "day"
        if self.part is not None:
            return "part"
        return "month" if self.month is not None else "year"

    @property
    def start(self) -> dt.date:
        """The first day the date may mean."""
        if self.month is None:
            first_month = _PART_MONTHS[self.part][0] if self.part else 1
            return dt.date(self.year, first_month, 1)
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        first = _PART_DAYS[self.part][0] if self.part else 1
        return dt.date(self.year, self.month, first)

    @property
    def end(self) -> dt.date:
        """The last day the date may mean."""
        if self.month is None:
            last_month = _PART_MONTHS[self.part][1] if self.part else 12
            return dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])
        if self.day is not None:
            return self.start
        last_day = calendar.monthrange(self.year, self.month)[1]
        last = min(_PART_DAYS[self.part][1], last_day) if self.part else last_day
        return dt.date(self.year, self.month, last)

    def __str__(self) -> str:
        """The date in words, never more precise than it is: '18 February 2025'."""
        return self.words()

    def words(self, *, short: bool = False, with_year: bool = True) -> str:
        """The date in words; short gives 'Feb', 'mid-Apr'; a year alone is always shown."""
        if self.month is None:
            return f"{self.part} {self.year}" if self.part else str(self.year)
        month = MONTHS[self.month - 1][:3] if short else MONTHS[self.month - 1]
        year = f" {self.year}" if with_year else ""
        if self.day is not None:
            return f"{self.day} {month}{year}"
        return f"{self.part}-{month}{year}" if self.part else f"{month}{year}"

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Orders dates by when they begin, the more precise first."""
        return (self.start, self.end)


def parse_date(value: object) -> PartialDate:
    """Read a date as an editor writes it; raise DateError with a hint if it cannot be read."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise DateError(f"expected a date, found {type(value).__name__}", f"write it as {FORMS}")
    text = " ".join(str(value).split())
    if match := _ISO.fullmatch(text):
        year, month, day = match["y"], match["m"], match["d"]
        return _checked(int(year), int(month) if month else None, int(day) if day else None, None)
    if match := _WORDS.fullmatch(text):
        month_number = None
        if match["mon"]:
            month_number = _MONTH_NUMBER.get(match["mon"].lower())
            if month_number is None:
                hint = did_you_mean(match["mon"].capitalize(), MONTHS) or f"write it as {FORMS}"
                raise DateError(f"{_shown(match['mon'])} is not a month", hint)
        part = match["part"]
        if part and match["d"]:
            raise DateError(f"{_shown(text)} gives both a day and '{part}'", "keep one of them")
        day = int(match["d"]) if match["d"] else None
        if day is not None and month_number is None:
            raise DateError(f"{_shown(text)} gives a day without a month", f"write it as {FORMS}")
        return _checked(int(match["y"]), month_number, day, part)  # type: ignore[arg-type]
    raise DateError(f"{_shown(text)} is not a date", f"write it as {FORMS}")


def _shown(text: str) -> str:
    """Text quoted in a message, shortened: a line of thousands of digits helps no one."""
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _checked(year: int, month: int | None, day: int | None, part: Part | None) -> PartialDate:
    if not 1000 <= year <= MAX_YEAR:
        raise DateError(f"year {year} is out of range", f"write a year from 1000 to {MAX_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist", "months run from 1 to 12")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f"{MONTHS[month - 1]} {year} has no day {day}",
                f"{MONTHS[month - 1]} {year} has days 1 to {last}",
            )
    return PartialDate(year, month, day, part)
