"""Progress of a service plan (服务计划): what share of a target is done, against the share of the plan's year
that has elapsed. Plain Python, one decimal, as the forms and the reports print them.

Worked example (tests/test_service_plan.py): 12 of 40 group sessions done on 30 June 2026 of a plan year running
1 January – 31 December 2026 is 12 / 40 = 30.0 %, while 181 of the year's 365 days have elapsed
(1 January – 30 June, both counted) = 49.6 %: behind plan.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def _percent(part, whole):
    return float(
        (Decimal(100) * Decimal(part) / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    )


def elapsed_percent(date_start: datetime.date, date_end: datetime.date, as_of: datetime.date) -> float:
    """The share (%) of the days from ``date_start`` to ``date_end`` (both counted) elapsed at the end of
    ``as_of``: 0 before the year starts, 100 once it is over."""
    if not (date_start and date_end and as_of) or as_of < date_start:
        return 0.0
    days = (date_end - date_start).days + 1
    elapsed = (min(as_of, date_end) - date_start).days + 1
    return _percent(elapsed, days)


def progress_percent(done: int, target: int) -> float:
    """The share (%) of ``target`` that ``done`` reaches (may exceed 100); a target of 0 is met (100)."""
    if target <= 0:
        return 100.0
    return _percent(done, target)


def behind(done: int, target: int, elapsed: float) -> bool:
    """Whether the progress is below the elapsed share of the year."""
    return target > 0 and progress_percent(done, target) < elapsed
