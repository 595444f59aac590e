"""Business days: weekends off, and on the China site mainland public holidays too.

Mainland China moves working days onto weekends around its holidays (调休). The
`holidays` package names each moved day off "Day off (substituted from MM/DD/YYYY)";
the date it names is a weekend day that is worked, so it counts as a business day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

_SUBSTITUTED_FROM = re.compile(r"substituted from (\d{2}/\d{2}/\d{4})")


@cache
def _china_calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, weekend days worked) for one year of the mainland China calendar."""
    import holidays  # imported here: it costs ~0.1 s and only the timeline needs it

    days_off = holidays.China(years=year, language="en_US")
    worked = set()
    for name in days_off.values():
        for moved in _SUBSTITUTED_FROM.findall(name):
            worked.add(datetime.strptime(moved, "%m/%d/%Y").date())
    return frozenset(days_off), frozenset(worked)


def is_business_day(day: date, site: str) -> bool:
    if site == "china":
        days_off, worked = _china_calendar(day.year)
        if day in worked:
            return True
        if day in days_off:
            return False
    return day.weekday() < 5


def add_business_days(start: date, count: int, site: str) -> date:
    """The date `count` business days after `start` (start itself when count is 0)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day, site):
            remaining -= 1
    return day
