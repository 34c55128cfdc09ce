"""Part months (入职、离职当月): the pay of a period shorter than the month.

Two methods, chosen per insurance scheme (data):

- ``calendar_days``: ``monthly × days under contract / calendar days of the month``;
- ``paid_days``: 劳社部发〔2008〕3号《关于职工全年月平均工作时间和工资折算问题的通知》: a month has 21.75 paid
  days (计薪天数 = (365 − 104 rest days) / 12), so ``monthly × paid days worked / 21.75``, where the paid days
  of a period are its Mondays to Fridays (statutory holidays are paid days). A month with more than 21.75
  weekdays would pay more than the monthly wage: the result never exceeds the monthly amount.

A period covering the whole month is paid the monthly amount whatever the method, and so is a month covered
by several contracts (a renewal on the 16th): the month is then shared between them in proportion to the
days of each (calendar days, or paid days out of the month's own paid days), rounded so that the shares of
one monthly amount add up to it exactly. Dividing each part by 21.75 instead would pay 9,000 × 10/21.75 +
9,000 × 11/21.75 = 8,689.65 for a fully worked June 2025 and 9,000 × 11/21.75 + 9,000 × 12/21.75 = 9,517.24
for a fully worked July 2025.
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


def month_shares(method, spans, month_start, month_end):
    """``[(worked, basis)]`` for each ``(start, end)`` of ``spans`` (the contracts of one payslip, in date
    order): :func:`period_days` of each, unless together they cover every day of the month, in which case each
    is its share of the month (its days out of the month's days, by the method's kind of day)."""
    clipped = [(max(start, month_start), min(end, month_end)) for start, end in spans]
    covered = sum((end - start).days + 1 for start, end in clipped if end >= start)
    if len(spans) < 2 or covered < (month_end - month_start).days + 1:
        return [period_days(method, start, end, month_start, month_end) for start, end in spans]
    if method not in METHODS:
        raise PayrollError("proration_method", f"unknown proration method {method!r}", value=method)
    count = (lambda a, b: (b - a).days + 1) if method == CALENDAR_DAYS else paid_days
    basis = count(month_start, month_end)
    return [(max(count(start, end), 0), basis) for start, end in clipped]


def prorate_shares(monthlies, shares):
    """The amounts of ``monthlies`` for their ``shares`` (from :func:`month_shares`). Shares of a whole month
    (same basis, adding up to it) are rounded cumulatively, so that equal monthly amounts add up to exactly the
    monthly amount; other shares are prorated one by one (:func:`prorate`)."""
    bases = {basis for _worked, basis in shares}
    if len(shares) < 2 or len(bases) != 1 or sum(worked for worked, _basis in shares) != next(iter(bases)):
        return [
            prorate(monthly, worked, basis)
            for monthly, (worked, basis) in zip(monthlies, shares, strict=True)
        ]
    basis = Decimal(next(iter(bases)))
    amounts, exact, paid = [], Decimal(0), Decimal(0)
    for monthly, (worked, _basis) in zip(monthlies, shares, strict=True):
        exact += field_amount(monthly, "monthly amount") * Decimal(worked)
        total = (exact / basis).quantize(CENT, ROUND_HALF_UP)
        amounts.append(total - paid)
        paid = total
    return amounts


def prorate(monthly, worked, basis):
    """``fen(monthly × worked / basis)``, never above ``monthly`` (multiplied first: the division rounds once)."""
    amount = field_amount(monthly, "monthly amount")
    if worked >= basis:
        return amount
    return (amount * Decimal(worked) / Decimal(basis)).quantize(CENT, ROUND_HALF_UP)
