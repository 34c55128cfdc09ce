"""Special additional deductions (专项附加扣除) taken by the employer when withholding on wages.

《个人所得税专项附加扣除暂行办法》(国发〔2018〕41号) and 国发〔2022〕8号 (infant care) list seven kinds;
the seventh, serious illness medical expenses (大病医疗), is only claimed at the annual settlement, so an
employer withholds with six (``lines.SPECIAL_DEDUCTION_KINDS``). Monthly amounts are data (国发〔2023〕13号 raised
them), not constants here.

《个人所得税专项附加扣除操作办法(试行)》(国家税务总局公告2018年第60号):

- 第五条: the employer deducts "按其在本单位本年可享受的累计扣除额": the months of this tax year the deduction
  applies to *and* the worker is employed here (a worker hired in July with a child at school since 2020 gets
  July's deduction in July, not January's to July's);
- 第六条: what the worker enjoyed at a former employer this year is not deducted again: the months an opening
  balance (本年期初累计数) covers are not deducted again either;
- a deduction declared late is made up in the remaining months (在剩余月份发放工资、薪金时补充扣除): here it
  is all taken in the first tax month after the declaration.

Withholding is cumulative, so the employer deducts each month the cumulative amount due through the tax month
less what its earlier payslips of the year deducted: a month without a payslip (a worker hired on the 16th and
paid the next month) is made up in the next one. The amount of a month is never negative (a deduction
withdrawn after it was taken is settled at the annual reconciliation).
"""

import datetime
from decimal import Decimal
from typing import NamedTuple

from .money import ZERO, field_amount


class Declaration(NamedTuple):
    """A deduction the worker declared to the employer (专项附加扣除信息采集), as payroll reads it."""

    employee_id: int
    kind: str
    monthly_amount: Decimal
    date_from: datetime.date  # for a one-off deduction: the day it was obtained
    date_to: datetime.date | None
    declared_date: datetime.date | None
    one_off: bool = False  # the 3,600 of a vocational qualification certificate (国发〔2018〕41号第八条)
    standard_id: int | None = None
    shared: bool = False


def _in_year(declaration, year):
    """Whether the declaration can take anything in ``year`` (declared by then, not ended before it)."""
    declared = declaration.declared_date or declaration.date_from
    if declaration.date_from.year > year or declared.year > year:
        return False
    if declaration.date_to and declaration.date_to.year < year:
        return False
    return not (declaration.one_off and declaration.date_from.year != year)


def standard_dates(declaration, day):
    """The days of the tax year of ``day``, up to its month, whose published standard the declaration's
    monthly amount must respect (the first day of each month it applies to; the exact day for its first month
    and for a one-off deduction). Empty when it takes nothing in that year."""
    year = day.year
    if not _in_year(declaration, year) or declaration.date_from.replace(day=1) > day:
        return []
    if declaration.one_off:
        return [declaration.date_from]
    first = declaration.date_from if declaration.date_from.year == year else datetime.date(year, 1, 1)
    last = min(declaration.date_to or day, day)
    dates = [datetime.date(year, month, 1) for month in range(first.month, last.month + 1)]
    dates[:1] = [first]
    return dates


def cumulative_deduction(declaration, tax_month, employed, covered_through=0):
    """What the employer deducts for ``declaration`` in the tax year of ``tax_month``, in total through that
    month: its monthly amount for each month it applies to, of the ``employed`` months (1–12, see
    :func:`.employment.employment_months`) after ``covered_through`` (the last month of an opening balance),
    once it is declared. A one-off deduction counts once, in the month obtained, when the worker was
    employed here from that month on (before, it may have been taken by a former employer)."""
    amount = field_amount(declaration.monthly_amount, "monthly special deduction")
    year, month = tax_month.year, tax_month.month
    if not _in_year(declaration, year):
        return ZERO
    declared = declaration.declared_date or declaration.date_from
    if declared.year == year and declared.month > month:
        return ZERO  # not declared yet: nothing is due before the declaration
    if declaration.one_off:
        obtained = declaration.date_from.month
        first_employed = min(employed, default=13)
        taken = covered_through < obtained <= month and first_employed <= obtained
        return amount if taken else ZERO
    start = 1 if declaration.date_from.year < year else declaration.date_from.month
    end = declaration.date_to.month if declaration.date_to and declaration.date_to.year == year else 12
    months = sum(1 for m in employed if max(start, covered_through + 1) <= m <= min(end, month))
    return amount * months


def month_deductions(declarations, tax_month, employed, covered_through=0, deducted=None):
    """``{kind: Decimal}`` deducted in ``tax_month`` for one worker: per kind, the cumulative amount of its
    ``declarations`` (:func:`cumulative_deduction`) less what earlier payslips of the year ``deducted``
    (``{kind: Decimal}``), never below zero; kinds with nothing to deduct are left out."""
    deducted = deducted or {}
    due = {}
    for declaration in declarations:
        value = cumulative_deduction(declaration, tax_month, employed, covered_through)
        if value:
            due[declaration.kind] = due.get(declaration.kind, ZERO) + value
    result = {}
    for kind, total in due.items():
        value = total - deducted.get(kind, ZERO)
        if value > 0:
            result[kind] = value
    return result
