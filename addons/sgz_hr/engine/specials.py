"""Special additional deductions (专项附加扣除) taken by the employer when withholding on wages.

《个人所得税专项附加扣除暂行办法》(国发〔2018〕41号) and 国发〔2022〕8号 (infant care) list seven kinds;
the seventh, serious illness medical expenses (大病医疗), is only claimed at the annual settlement, so an
employer withholds with six (``lines.SPECIAL_DEDUCTION_KINDS``). Monthly amounts are data (国发〔2023〕13号 raised them), not
constants here.

A worker may declare a deduction to the employer later than the month it applies from.
《个人所得税专项附加扣除操作办法(试行)》(国家税务总局公告2018年第60号) lets the employer make up the
months not yet deducted when it pays the remaining months of the year (在剩余月份发放工资、薪金时补充扣除);
here they are all taken in the first month declared. Because withholding is cumulative, the catch-up lowers
the cumulative taxable income and this month's tax, possibly to zero (never below: the excess is settled at
the annual reconciliation).
"""

from .errors import PayrollError
from .iit import check_months
from .money import ZERO, field_amount


def _month(value, field):
    check_months(value, field)
    if not 1 <= value <= 12:
        raise PayrollError(
            "month", f"{field} must be a month between 1 and 12 (got {value})", field=field, value=value
        )
    return value


def catch_up(monthly_amount, first_month_declared, current_month, start_month=1, end_month=12):
    """Amount of one special additional deduction to take in ``current_month``.

    ``start_month`` / ``end_month`` are the first and last months of this tax year the deduction applies to,
    ``first_month_declared`` the month the worker first declared it to the employer. Nothing is deducted
    before both the start and the declaration are reached; the first month when both are reached takes every
    month since ``start_month`` (up to ``end_month``: a deduction declared after it ended is caught up in one
    go); later months take ``monthly_amount`` until ``end_month``. A one-off deduction (the 3,600 of a
    vocational qualification certificate, 国发〔2018〕41号第八条) is a "month" with ``start = end``.
    """
    amount = field_amount(monthly_amount, "monthly special deduction")
    declared = _month(first_month_declared, "first month declared")
    current = _month(current_month, "current month")
    start = _month(start_month, "start month")
    end = _month(end_month, "end month")

    def deducted_through(month):
        # what the employer has deducted in total once ``month`` is paid
        if month < declared or month < start:
            return ZERO
        return amount * max(min(month, end) - start + 1, 0)

    return deducted_through(current) - deducted_through(current - 1)
