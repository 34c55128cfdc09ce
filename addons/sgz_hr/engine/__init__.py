"""Pure-Python payroll engine for China: five insurances and housing fund, cumulative IIT withholding.

No ORM here (and no import of odoo): plain values in, plain values out, Decimal everywhere, money rounded
to the fen half-up per line. The Odoo models load rates, limits and tax tables from data and call
:func:`compute_batch` once per payroll run.
"""

from .iit import (
    ANNUAL_CUMULATIVE_TABLE_2019,
    MONTHLY_BASIC_DEDUCTION,
    Bracket,
    IitResult,
    check_brackets,
    cumulative_withholding,
    find_bracket,
    tax_on,
)
from .insurance import (
    ContributionLine,
    ContributionRule,
    contribution_base,
    contribution_line,
    contribution_lines,
)
from .money import CENT, ZERO, D, fen
from .payslip import (
    PayslipInput,
    PayslipLine,
    PayslipResult,
    YearToDate,
    compute_batch,
    compute_payslip,
)
from .specials import SPECIAL_DEDUCTION_KINDS, catch_up

__all__ = [
    "ANNUAL_CUMULATIVE_TABLE_2019",
    "CENT",
    "MONTHLY_BASIC_DEDUCTION",
    "SPECIAL_DEDUCTION_KINDS",
    "ZERO",
    "Bracket",
    "ContributionLine",
    "ContributionRule",
    "D",
    "IitResult",
    "PayslipInput",
    "PayslipLine",
    "PayslipResult",
    "YearToDate",
    "catch_up",
    "check_brackets",
    "compute_batch",
    "compute_payslip",
    "contribution_base",
    "contribution_line",
    "contribution_lines",
    "cumulative_withholding",
    "fen",
    "find_bracket",
    "tax_on",
]
