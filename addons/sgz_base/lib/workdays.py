"""Chinese working-day arithmetic.

A :class:`WorkCalendar` knows, for a set of years, the public holidays and the adjusted working days
(调休: weekend days that are worked). A day is a working day when it is an adjusted working day, or a
Monday-to-Friday that is not a public holiday. Asking about a date outside the known years raises
:class:`CalendarRangeError` rather than guessing, because the State Council publishes each year's
schedule only a few weeks before the year starts.
"""

import datetime
from functools import lru_cache


class CalendarRangeError(ValueError):
    """The date lies in a year whose holiday schedule is not known."""

    def __init__(self, day, years):
        self.day = day
        self.first_year = min(years) if years else None
        self.last_year = max(years) if years else None
        span = f"{self.first_year}–{self.last_year}" if years else "none"
        super().__init__(f"No holiday schedule is known for {day.isoformat()} (known years: {span}).")


class WorkCalendar:
    """Public holidays and adjusted working days for a set of fully known years."""

    __slots__ = ("holidays", "workdays", "years")

    def __init__(self, holidays=(), workdays=(), years=None):
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)
        if years is None:
            years = {d.year for d in self.holidays | self.workdays}
        self.years = frozenset(years)

    def check(self, day):
        if day.year not in self.years:
            raise CalendarRangeError(day, self.years)

    def is_working_day(self, day):
        self.check(day)
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


# the package names its holidays in English; the State Council's notices name them so
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_calendar_days():
    """Holidays, adjusted working days and covered years from the ``chinese-calendar`` package (names as in
    the State Council's notices)."""
    import chinese_calendar

    holidays = {day: HOLIDAY_NAMES.get(name, name) for day, name in chinese_calendar.holidays.items()}
    workdays = {day: HOLIDAY_NAMES.get(name, name) for day, name in chinese_calendar.workdays.items()}
    years = range(min(holidays).year, max(holidays).year + 1)
    return holidays, workdays, list(years)


@lru_cache(maxsize=1)
def default_calendar():
    """The calendar of the ``chinese-calendar`` package (cached)."""
    holidays, workdays, years = package_calendar_days()
    return WorkCalendar(holidays, workdays, years)


def add_working_days(day, n, calendar=None):
    """The date ``n`` working days after ``day`` (before it when ``n`` is negative).

    ``day`` itself is not counted: one working day after a Friday is the next Monday. ``n == 0``
    returns ``day`` unchanged.
    """
    calendar = calendar or default_calendar()
    if isinstance(day, datetime.datetime):
        day = day.date()
    calendar.check(day)
    step = datetime.timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start, end, calendar=None):
    """Working days in the half-open interval ``(start, end]``; negative when ``end < start``.

    This is the count such that ``add_working_days(start, working_days_between(start, end)) <= end``
    and is the smallest such date that is a working day when ``end`` is one.
    """
    calendar = calendar or default_calendar()
    if end < start:
        return -working_days_between(end, start, calendar)
    calendar.check(start)
    calendar.check(end)
    count = 0
    day = start
    one = datetime.timedelta(days=1)
    while day < end:
        day += one
        if calendar.is_working_day(day):
            count += 1
    return count
