"""Individual income tax on wages, withheld by the cumulative method (累计预扣法).

国家税务总局公告2018年第61号《个人所得税扣缴申报管理办法(试行)》第六条::

    本期应预扣预缴税额 = (累计预扣预缴应纳税所得额 × 预扣率 − 速算扣除数) − 累计减免税额 − 累计已预扣预缴税额
    累计预扣预缴应纳税所得额 = 累计收入 − 累计免税收入 − 累计减除费用 − 累计专项扣除
                               − 累计专项附加扣除 − 累计依法确定的其他扣除

累计减除费用 = 5,000 元/月 × 纳税人当年截至本月在本单位的任职受雇月份数; 余额为负值时暂不退税.

国家税务总局公告2020年第19号: a resident withheld on wages by the same employer in every month of the
previous tax year, whose wages that year did not exceed 60,000 yuan, gets the full year's 60,000 from January.
"""

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .errors import PayrollError
from .money import CENT, ZERO, fen, field_amount

MONTHLY_BASIC_DEDUCTION = Decimal(5000)
# 公告2020年第19号: the previous year's wages up to which the full year's basic deduction applies from January
FULL_YEAR_WAGE_LIMIT = 12 * MONTHLY_BASIC_DEDUCTION


def full_year_basic_deduction(months_withheld, wages):
    """公告2020年第19号: whether a worker gets the full year's 60,000 from January: last tax year this employer
    withheld tax on the worker's wages in each of the 12 months (``months_withheld``, its opening balance's months
    included), and those ``wages`` came to at most 60,000. A recorded decision of the employer overrides it."""
    check_months(months_withheld, "months withheld last year")
    return months_withheld == 12 and field_amount(wages, "last year's wages") <= FULL_YEAR_WAGE_LIMIT


@dataclass(frozen=True, slots=True)
class Bracket:
    """One row of a cumulative withholding table: up to ``upper`` (inclusive; ``None`` = no limit)."""

    upper: Decimal | None
    rate: Decimal
    quick_deduction: Decimal

    def __post_init__(self):
        set_ = object.__setattr__
        if self.upper is not None:
            set_(self, "upper", field_amount(self.upper, "bracket upper limit"))
        rate = field_amount(self.rate, "bracket rate")
        if rate >= 1:
            raise PayrollError(
                "rate_fraction", f"bracket rate must be a fraction below 1 (got {rate})", value=rate
            )
        set_(self, "rate", rate)
        set_(self, "quick_deduction", field_amount(self.quick_deduction, "bracket quick deduction"))


# 个人所得税预扣率表一 (居民个人工资、薪金所得预扣预缴适用), 公告2018年第61号附件; the same as the annual
# comprehensive income table of the 2018 IIT law. For tests and defaults only: the Odoo layer passes the
# brackets it loads from data.
ANNUAL_CUMULATIVE_TABLE_2019 = (
    Bracket(Decimal(36000), Decimal("0.03"), Decimal(0)),
    Bracket(Decimal(144000), Decimal("0.10"), Decimal(2520)),
    Bracket(Decimal(300000), Decimal("0.20"), Decimal(16920)),
    Bracket(Decimal(420000), Decimal("0.25"), Decimal(31920)),
    Bracket(Decimal(660000), Decimal("0.30"), Decimal(52920)),
    Bracket(Decimal(960000), Decimal("0.35"), Decimal(85920)),
    Bracket(None, Decimal("0.45"), Decimal(181920)),
)


@functools.lru_cache(maxsize=32)
def _checked(brackets):
    if not brackets:
        raise PayrollError("tax_table", "the tax table has no brackets")
    previous = None
    for index, bracket in enumerate(brackets):
        if not isinstance(bracket, Bracket):
            raise TypeError(f"tax table row {index + 1} is not a Bracket: {bracket!r}")
        last = index == len(brackets) - 1
        if (bracket.upper is None) != last:
            raise PayrollError("tax_table", "only the last bracket of a tax table has no upper limit")
        if bracket.upper is not None and previous is not None and bracket.upper <= previous:
            raise PayrollError(
                "tax_table", "tax table brackets must be in increasing order of their upper limit"
            )
        previous = bracket.upper
    return brackets


def check_brackets(brackets):
    """Validate a tax table (rows in increasing order, only the last one open-ended) and return it as a tuple.

    The check is cached, so calling it once per payslip with the same table costs a dictionary look-up.
    """
    if type(brackets) is not tuple:
        brackets = tuple(brackets)
    return _checked(brackets)


def find_bracket(taxable, brackets):
    """The bracket that applies to a (positive) cumulative taxable income."""
    for bracket in brackets:
        if bracket.upper is None or taxable <= bracket.upper:
            return bracket
    raise AssertionError("unreachable: the last bracket is open-ended")


def tax_on(cumulative_taxable, brackets=ANNUAL_CUMULATIVE_TABLE_2019):
    """``max(0, fen(taxable × rate − quick deduction))``; nothing when ``taxable ≤ 0``."""
    taxable = field_amount(cumulative_taxable, "cumulative taxable income", allow_negative=True)
    if taxable <= 0:
        return ZERO
    bracket = find_bracket(taxable, check_brackets(brackets))
    return max(ZERO, fen(taxable * bracket.rate - bracket.quick_deduction))


@dataclass(frozen=True, slots=True)
class IitResult:
    """Every figure of one month's cumulative withholding, as a payslip or the declaration list shows it."""

    months_employed: int  # months at this employer this year, this month included
    cumulative_income: Decimal  # 累计收入
    basic_deduction: Decimal  # 累计减除费用
    cumulative_contributions: Decimal  # 累计专项扣除 (employee insurance + housing fund)
    cumulative_special_deductions: Decimal  # 累计专项附加扣除
    cumulative_other_deductions: Decimal  # 累计依法确定的其他扣除
    cumulative_deductions: Decimal  # the four above added
    taxable: Decimal  # 累计预扣预缴应纳税所得额, never below 0
    rate: Decimal  # 预扣率 (0 when nothing is taxable)
    quick_deduction: Decimal  # 速算扣除数
    cumulative_tax: Decimal  # 累计应预扣预缴税额
    tax_withheld: Decimal  # 累计已预扣预缴税额 before this month
    tax: Decimal  # 本期应预扣预缴税额
    excess_withheld: Decimal  # withheld so far above the cumulative tax (not refunded by the employer)


def _withhold(
    *,
    months_employed,
    cumulative_income,
    cumulative_contributions,
    cumulative_special_deductions,
    cumulative_other_deductions,
    tax_withheld,
    brackets,
    full_year_basic_deduction,
    monthly_basic_deduction,
):
    # 公告2020年第19号: "累计减除费用自1月份起直接按照全年6万元计算扣除", 60,000 = 12 × 5,000.
    months = 12 if full_year_basic_deduction else months_employed
    basic = monthly_basic_deduction * months
    deductions = (
        basic + cumulative_contributions + cumulative_special_deductions + cumulative_other_deductions
    )
    taxable = cumulative_income - deductions
    if taxable > 0:
        bracket = find_bracket(taxable, brackets)
        rate, quick = bracket.rate, bracket.quick_deduction
        cumulative_tax = (taxable * rate - quick).quantize(CENT, ROUND_HALF_UP)
        if cumulative_tax < 0:  # only with a table whose quick deductions do not fit its rates
            cumulative_tax = ZERO
    else:
        taxable = rate = quick = cumulative_tax = ZERO
    due = cumulative_tax - tax_withheld
    return IitResult(
        months_employed=months_employed,
        cumulative_income=cumulative_income,
        basic_deduction=basic,
        cumulative_contributions=cumulative_contributions,
        cumulative_special_deductions=cumulative_special_deductions,
        cumulative_other_deductions=cumulative_other_deductions,
        cumulative_deductions=deductions,
        taxable=taxable,
        rate=rate,
        quick_deduction=quick,
        cumulative_tax=cumulative_tax,
        tax_withheld=tax_withheld,
        tax=due if due > 0 else ZERO,
        excess_withheld=-due if due < 0 else ZERO,
    )


def check_months(months_employed, field="months employed"):
    if isinstance(months_employed, bool) or not isinstance(months_employed, int):
        raise TypeError(f"{field} must be a whole number of months (got {months_employed!r})")
    return months_employed


def cumulative_withholding(
    *,
    months_employed,
    cumulative_income,
    cumulative_contributions=ZERO,
    cumulative_special_deductions=ZERO,
    cumulative_other_deductions=ZERO,
    tax_withheld=ZERO,
    brackets=ANNUAL_CUMULATIVE_TABLE_2019,
    full_year_basic_deduction=False,
    monthly_basic_deduction=MONTHLY_BASIC_DEDUCTION,
):
    """This month's withholding by the cumulative method, with every intermediate figure.

    All amounts are year-to-date at this employer, this month included; ``tax_withheld`` is the tax
    already withheld in the earlier months of the year. ``months_employed`` (1–12) counts this month.
    ``full_year_basic_deduction`` applies 公告2020年第19号 (the full 60,000 from January).
    """
    months = check_months(months_employed)
    if not 1 <= months <= 12:
        raise PayrollError("months", f"months employed must be between 1 and 12 (got {months})", value=months)
    return _withhold(
        months_employed=months,
        cumulative_income=field_amount(cumulative_income, "cumulative income"),
        cumulative_contributions=field_amount(cumulative_contributions, "cumulative contributions"),
        cumulative_special_deductions=field_amount(
            cumulative_special_deductions, "cumulative special additional deductions"
        ),
        cumulative_other_deductions=field_amount(cumulative_other_deductions, "cumulative other deductions"),
        tax_withheld=field_amount(tax_withheld, "tax withheld"),
        brackets=check_brackets(brackets),
        full_year_basic_deduction=bool(full_year_basic_deduction),
        monthly_basic_deduction=field_amount(monthly_basic_deduction, "monthly basic deduction"),
    )
