"""Part months (入职、离职当月): the pay of a period shorter than the month.

Two methods, chosen per insurance scheme (data):

- ``calendar_days``: ``monthly × days under contract / calendar days of the month``;
- ``paid_days``: 劳社部发〔2008〕3号《关于职工全年月平均工作时间和工资折算问题的通知》: a month has 21.75 paid
  days (计薪天数 = (365 − 104 rest days) / 12), so ``monthly × paid days worked / 21.75``, where the paid days
  of a period are its Mondays to Fridays (statutory holidays are paid days). A month with more than 21.75
  weekdays would pay more than the monthly wage: the result never exceeds the monthly amount.

A period covering the whole month is paid the monthly amount whatever the method.
"""

from decimal import ROUND_HALF_UP, Decimal

from .errors import PayrollError
from .money import CENT, field_amount

CALENDAR_DAYS = "calendar_days"
PAID_DAYS = "paid_days"
METHODS = (CALENDAR_DAYS, PAID_DAYS)
PAID_DAYS_PER_MONTH = Decimal("21.75")


def paid_days(start, end):
    """Mondays to Fridays from ``start`` to ``end`` inclusive (0 when ``end`` is before ``start``)."""
    days = (end - start).days + 1
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    weekday = start.weekday()
    for offset in range(rest):
        if (weekday + offset) % 7 < 5:
            count += 1
    return count


def period_days(method, start, end, month_start, month_end):
    """``(worked, basis)`` of the period ``start``–``end`` (clipped to the month): the fraction of the monthly
    pay is ``worked / basis``; ``(1, 1)`` for the whole month."""
    if method not in METHODS:
        raise PayrollError("proration_method", f"unknown proration method {method!r}", value=method)
    start, end = max(start, month_start), min(end, month_end)
    if end < start:
        return 0, 1
    if start == month_start and end == month_end:
        return 1, 1
    if method == CALENDAR_DAYS:
        return (end - start).days + 1, (month_end - month_start).days + 1
    return paid_days(start, end), PAID_DAYS_PER_MONTH


def prorate(monthly, worked, basis):
    """``fen(monthly × worked / basis)``, never above ``monthly`` (multiplied first: the division rounds once)."""
    amount = field_amount(monthly, "monthly amount")
    if worked >= basis:
        return amount
    return (amount * Decimal(worked) / Decimal(basis)).quantize(CENT, ROUND_HALF_UP)
