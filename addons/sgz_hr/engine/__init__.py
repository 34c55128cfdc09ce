"""Pure-Python payroll engine for China: five insurances and housing fund, cumulative IIT withholding.

No ORM here (and no import of odoo): plain values in, plain values out, Decimal everywhere, money rounded
to the fen half-up per line. The Odoo models load rates, limits and tax tables from data and call
:func:`compute_batch` once per payroll run. Refusals are :class:`PayrollError` (a code and its figures), which
the Odoo layer translates.

Every payroll rule lives here, one module each, with its legal basis beside it:

- ``iit``: cumulative withholding (公告2018年第61号) and the 60,000 rule (公告2020年第19号);
- ``employment``: the months of employment that count 5,000 each (任职受雇月份数);
- ``specials``: which months a special additional deduction applies to, and its catch-up (公告2018年第60号);
- ``insurance``: contribution bases clamped to the scheme's floor and ceiling, and the contributions;
- ``proration``: part months and months shared by several contracts (劳社部发〔2008〕3号);
- ``payslip``: one month's payslip from all of the above, adjustments, net pay never negative;
- ``lines``: the one table of payslip lines; ``money``: Decimal and the fen.
"""

from .employment import employment_months, months_employed
from .errors import BatchError, PayrollError
from .iit import (
    ANNUAL_CUMULATIVE_TABLE_2019,
    FULL_YEAR_WAGE_LIMIT,
    MONTHLY_BASIC_DEDUCTION,
    Bracket,
    IitResult,
    check_brackets,
    cumulative_withholding,
    find_bracket,
    full_year_basic_deduction,
    tax_on,
)
from .insurance import (
    ContributionLine,
    ContributionRule,
    contribution_base,
    contribution_line,
    contribution_lines,
)
from .lines import (
    INSURANCE_KINDS,
    LINE_BY_CODE,
    LINE_CATEGORIES,
    LINE_SEQUENCE,
    LINES,
    NEGATIVE_CODES,
    SOCIAL_INSURANCE_CODES,
    SPECIAL_DEDUCTION_KINDS,
    employee_code,
    employer_code,
    special_code,
)
from .money import CENT, ZERO, D, fen, fraction, to_decimal
from .payslip import (
    PayslipInput,
    PayslipLine,
    PayslipResult,
    PriorPayment,
    YearToDate,
    compute_batch,
    compute_payslip,
)
from .proration import (
    CALENDAR_DAYS,
    PAID_DAYS,
    PAID_DAYS_PER_MONTH,
    month_shares,
    paid_days,
    period_days,
    prorate,
    prorate_shares,
)
from .specials import Declaration, cumulative_deduction, month_deductions, standard_dates

__all__ = [
    "ANNUAL_CUMULATIVE_TABLE_2019",
    "CALENDAR_DAYS",
    "CENT",
    "FULL_YEAR_WAGE_LIMIT",
    "INSURANCE_KINDS",
    "LINES",
    "LINE_BY_CODE",
    "LINE_CATEGORIES",
    "LINE_SEQUENCE",
    "MONTHLY_BASIC_DEDUCTION",
    "NEGATIVE_CODES",
    "PAID_DAYS",
    "PAID_DAYS_PER_MONTH",
    "SOCIAL_INSURANCE_CODES",
    "SPECIAL_DEDUCTION_KINDS",
    "ZERO",
    "BatchError",
    "Bracket",
    "ContributionLine",
    "ContributionRule",
    "D",
    "Declaration",
    "IitResult",
    "PayrollError",
    "PayslipInput",
    "PayslipLine",
    "PayslipResult",
    "PriorPayment",
    "YearToDate",
    "check_brackets",
    "compute_batch",
    "compute_payslip",
    "contribution_base",
    "contribution_line",
    "contribution_lines",
    "cumulative_deduction",
    "cumulative_withholding",
    "employee_code",
    "employer_code",
    "employment_months",
    "fen",
    "find_bracket",
    "fraction",
    "full_year_basic_deduction",
    "month_deductions",
    "month_shares",
    "months_employed",
    "paid_days",
    "period_days",
    "prorate",
    "prorate_shares",
    "special_code",
    "standard_dates",
    "tax_on",
    "to_decimal",
]
