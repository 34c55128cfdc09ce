"""Reporting periods: months, quarters, half-years, years and the halves of an agreement year.

A :class:`Period` is a kind and its first and last day; :func:`period_of` gives the period of a kind that
contains a day, :meth:`Period.previous` the period before it (the "previous period" column of the
quarterly statistics forms) and :func:`periods_between` the periods that end within a range.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# months per calendar period kind
MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


@dataclass(frozen=True)
class Period:
    kind: str
    date_from: datetime.date
    date_to: datetime.date

    @property
    def months(self):
        return (self.date_to.year - self.date_from.year) * 12 + self.date_to.month - self.date_from.month + 1

    @property
    def index(self):
        """1-based number of the period within its year (month 1–12, quarter 1–4, half 1–2, year 1)."""
        return (self.date_from.month - 1) // MONTHS.get(self.kind, 12) + 1

    def previous(self):
        """The period of the same length just before this one."""
        months = self.months
        start = self.date_from - relativedelta(months=months)
        return Period(self.kind, start, self.date_from - relativedelta(days=1))

    def code(self):
        """A short code: 2026-10, 2026-Q3, 2026-H1, 2026, or the dates of an agreement period."""
        year = self.date_from.year
        if self.kind == "month":
            return f"{year}-{self.date_from.month:02d}"
        if self.kind == "quarter":
            return f"{year}-Q{self.index}"
        if self.kind == "half_year":
            return f"{year}-H{self.index}"
        if self.kind == "year":
            return str(year)
        return f"{self.date_from.isoformat()}/{self.date_to.isoformat()}"


def period_of(kind, day):
    """The calendar period of ``kind`` (month, quarter, half_year, year) that contains ``day``."""
    months = MONTHS[kind]
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    return Period(kind, start, start + relativedelta(months=months, days=-1))


def periods_between(kind, date_from, date_to):
    """The calendar periods of ``kind`` whose last day lies in [date_from, date_to], oldest first."""
    periods = []
    period = period_of(kind, date_from)
    while period.date_from <= date_to:
        if date_from <= period.date_to <= date_to:
            periods.append(period)
        period = period_of(kind, period.date_to + relativedelta(days=1))
    return periods


def agreement_periods(kind, year_start, year_end):
    """The period of an agreement year: its first half (mid-term report) or the whole year (final report)."""
    if kind == "agreement_mid":
        return Period(kind, year_start, min(year_start + relativedelta(months=6, days=-1), year_end))
    return Period(kind, year_start, year_end)
