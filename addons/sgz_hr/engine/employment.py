"""Months of employment at one employer in a tax year (任职受雇月份数).

国家税务总局公告2018年第61号第六条: 累计减除费用 = 5,000 × 纳税人当年截至本月在本单位的任职受雇月份数. The months
are months of employment at this employer in the tax year, up to and including the tax month (the month the
wages are paid in), not the number of months paid: a worker hired on 16 March by an employer that pays the
following month is first paid in April, and April counts two months (March and April). This is how the
withholding client (自然人电子税务局扣缴端) counts them, from the worker's 任职受雇从业日期 to the period's
month; the State Taxation Administration answers the same for a worker hired in one month and first paid in
the next (12366 纳税服务热线, 2019: 累计减除费用按两个月计算).

Months before the employer's payroll ran here are given by the opening balance (本年期初累计数): its months
employed count as they are, and the months after it are counted from the contracts.
"""

import datetime

from .errors import PayrollError


def employment_months(year, spans):
    """The months (1–12) of ``year`` in which one of ``spans`` has at least one day.

    ``spans`` are ``(start, end)`` dates of the contracts at this employer, ``end`` ``None`` for an open-ended
    one. Returns a sorted tuple."""
    months = set()
    first_day, last_day = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    for start, end in spans:
        if end is not None and end < start:
            raise PayrollError(
                "span", f"a contract ends ({end}) before it starts ({start})", start=start, end=end
            )
        start, end = max(start, first_day), min(end or last_day, last_day)
        if start <= end:
            months.update(range(start.month, end.month + 1))
    return tuple(sorted(months))


def months_employed(tax_month, employed, opening_through=0, opening_months=0):
    """任职受雇月份数 through ``tax_month``: the ``employed`` months (from :func:`employment_months`) up to the
    tax month; with an opening balance through month ``opening_through`` that counts ``opening_months``, its
    count plus the employed months after it."""
    month = tax_month.month
    if opening_through >= month:
        raise PayrollError("opening_covers", f"the opening balance already covers month {month}", month=month)
    return opening_months + sum(1 for m in employed if opening_through < m <= month)
