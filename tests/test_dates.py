"""Dates as editors write them: kept as precise as known; a wrong one says what is wrong."""

import datetime as dt

import pytest

from generator.data.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("written", "shown", "start", "end"),
    [
        ("2025", "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025-02", "February 2025", dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        ("2025-02-24", "24 February 2025", dt.date(2025, 2, 24), dt.date(2025, 2, 24)),
        ("mid-April 2025", "mid-April 2025", dt.date(2025, 4, 11), dt.date(2025, 4, 20)),
        ("late Feb 2024", "late-February 2024", dt.date(2024, 2, 21), dt.date(2024, 2, 29)),
        ("April 2025", "April 2025", dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
        ("24 February 2025", "24 February 2025", dt.date(2025, 2, 24), dt.date(2025, 2, 24)),
        ("April 11, 2025", "11 April 2025", dt.date(2025, 4, 11), dt.date(2025, 4, 11)),
        ("April 11 2025", "11 April 2025", dt.date(2025, 4, 11), dt.date(2025, 4, 11)),
        ("Apr. 3, 2025", "3 April 2025", dt.date(2025, 4, 3), dt.date(2025, 4, 3)),
        (2025, "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_dates_keep_their_precision(written, shown, start, end):
    date = parse_date(written)
    assert (str(date), date.start, date.end) == (shown, start, end)


def test_a_month_only_date_never_becomes_the_first():
    assert "1" not in str(parse_date("2025-02"))


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("2025-02-30", "February has no day 30", "February 2025 has days 1 to 28"),
        ("April 31 2025", "April has no day 31", "April 2025 has days 1 to 30"),
        ("November 31, 2025", "November has no day 31", "days 1 to 30"),
        ("2025-02-29", "February 2025 has no day 29 (2025 is not a leap year)", "days 1 to 28"),
        ("Aprl 11, 2025", "'Aprl' is not a month", "did you mean 'April'?"),
        ("Febuary 2025", "'Febuary' is not a month", "did you mean 'February'?"),
        ("2025-13", "month 13 does not exist", "1 to 12"),
        ("soon", "'soon' is not a date", "mid-April 2025"),
    ],
)
def test_bad_dates_say_what_is_wrong_and_how_to_write_it(written, message, hint):
    with pytest.raises(DateError) as caught:
        parse_date(written)
    assert message in str(caught.value)
    assert hint in caught.value.hint
