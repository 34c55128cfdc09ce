"""One month's payslip of one worker: gross pay, five insurances and housing fund, income tax, net pay.

Plain values in, plain values out: the Odoo layer reads contracts, rates, tax tables and the year-to-date
figures of earlier confirmed payslips, builds :class:`PayslipInput` objects and stores the results.

Amounts on payslip lines are signed as on an Odoo payslip: earnings positive, deductions negative, so the
lines from ``BASIC`` to ``IIT`` add up to ``NET``; the employer lines (``ER_*``, ``HF_ER``) are positive and
add up, with ``GROSS``, to ``COST``.
"""

import gc
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .iit import (
    ANNUAL_CUMULATIVE_TABLE_2019,
    MONTHLY_BASIC_DEDUCTION,
    Bracket,
    IitResult,
    _withhold,
    check_brackets,
    check_months,
)
from .insurance import ContributionLine, ContributionRule, _contribution_line
from .money import CENT, ZERO, field_amount

_AMOUNT_FIELDS = ("base_wage", "allowances", "performance_pay", "unpaid_leave_deduction")
_OPTIONAL_AMOUNT_FIELDS = ("contribution_wage", "housing_fund_wage")
_DEDUCTION_FIELDS = ("special_deductions", "other_deductions", "monthly_basic_deduction")


@dataclass(frozen=True, slots=True)
class YearToDate:
    """Totals of the earlier confirmed payslips of this year at this employer (all zero in January).

    ``months_employed`` counts the months before this one that count for the basic deduction: the months
    employed here this year (12 once December is confirmed: year-end totals, not the input of a payslip).
    For a resident whose first wages of the year these are (公告2020年第13号), the caller passes the
    months elapsed since January instead.
    """

    months_employed: int = 0
    cumulative_gross: Decimal = ZERO
    cumulative_contributions: Decimal = ZERO  # employee social insurance + employee housing fund
    cumulative_special_deductions: Decimal = ZERO
    cumulative_other_deductions: Decimal = ZERO
    tax_withheld: Decimal = ZERO

    def __post_init__(self):
        months = check_months(self.months_employed, "ytd.months_employed")
        if not 0 <= months <= 12:
            raise ValueError(f"ytd.months_employed must be between 0 and 12 (got {months})")
        set_ = object.__setattr__
        for name in (
            "cumulative_gross",
            "cumulative_contributions",
            "cumulative_special_deductions",
            "cumulative_other_deductions",
            "tax_withheld",
        ):
            set_(self, name, field_amount(getattr(self, name), f"ytd.{name}"))

    def after(self, result):
        """The year-to-date figures for next month, once the payslip ``result`` is confirmed."""
        return YearToDate(
            self.months_employed + 1,
            self.cumulative_gross + result.gross,
            self.cumulative_contributions + result.employee_contributions + result.housing_fund_employee,
            self.cumulative_special_deductions + result.special_deductions,
            self.cumulative_other_deductions + result.other_deductions,
            self.tax_withheld + result.tax,
        )


_START_OF_YEAR = YearToDate()


@dataclass(frozen=True, slots=True)
class PayslipInput:
    """Everything needed to compute one month's payslip; amounts are checked and turned into Decimals.

    ``worked_days`` / ``calendar_days`` (both or neither) prorate the base wage and the allowances of a
    worker who joins or leaves during the month: ``fen(amount × worked_days / calendar_days)``.
    ``contribution_wage`` is the wage the insurance bases are clamped from; it defaults to the full-month
    ``base_wage + allowances`` (not prorated). ``housing_fund_wage`` defaults to ``contribution_wage``.
    ``special_deductions`` is this month's total of special additional deductions, catch-up of earlier
    months included (see :func:`~.specials.catch_up`); ``other_deductions`` the other deductions allowed by
    law (依法确定的其他扣除) for this month.
    """

    base_wage: Decimal
    allowances: Decimal = ZERO
    performance_pay: Decimal = ZERO
    unpaid_leave_deduction: Decimal = ZERO
    worked_days: Decimal | None = None
    calendar_days: Decimal | None = None
    contribution_wage: Decimal | None = None
    insurance_rules: tuple[ContributionRule, ...] = ()
    housing_fund_rule: ContributionRule | None = None
    housing_fund_wage: Decimal | None = None
    special_deductions: Decimal = ZERO
    other_deductions: Decimal = ZERO
    ytd: YearToDate = _START_OF_YEAR
    full_year_basic_deduction: bool = False
    brackets: tuple[Bracket, ...] = ANNUAL_CUMULATIVE_TABLE_2019
    monthly_basic_deduction: Decimal = MONTHLY_BASIC_DEDUCTION

    def __post_init__(self):
        set_ = object.__setattr__
        for name in _AMOUNT_FIELDS + _DEDUCTION_FIELDS:
            set_(self, name, field_amount(getattr(self, name), name))
        for name in _OPTIONAL_AMOUNT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                set_(self, name, field_amount(value, name))
        if (self.worked_days is None) != (self.calendar_days is None):
            raise ValueError("worked_days and calendar_days go together: give both or neither")
        if self.calendar_days is not None:
            worked = field_amount(self.worked_days, "worked_days")
            calendar = field_amount(self.calendar_days, "calendar_days")
            if calendar <= 0:
                raise ValueError(f"calendar_days must be positive (got {calendar})")
            if worked > calendar:
                raise ValueError(f"worked_days ({worked}) must not exceed calendar_days ({calendar})")
            set_(self, "worked_days", worked)
            set_(self, "calendar_days", calendar)
        rules = self.insurance_rules
        if type(rules) is not tuple:
            rules = tuple(rules)
            set_(self, "insurance_rules", rules)
        for rule in rules:
            if not isinstance(rule, ContributionRule):
                raise TypeError(f"insurance_rules: not a ContributionRule: {rule!r}")
        if self.housing_fund_rule is not None and not isinstance(self.housing_fund_rule, ContributionRule):
            raise TypeError(f"housing_fund_rule: not a ContributionRule: {self.housing_fund_rule!r}")
        if not isinstance(self.ytd, YearToDate):
            raise TypeError(f"ytd: not a YearToDate: {self.ytd!r}")
        if self.ytd.months_employed >= 12:
            raise ValueError("ytd already covers 12 months: a new payslip belongs to a new tax year")
        set_(self, "full_year_basic_deduction", bool(self.full_year_basic_deduction))
        set_(self, "brackets", check_brackets(self.brackets))


class PayslipLine(NamedTuple):
    """One line of a payslip; deductions are negative."""

    code: str
    name_en: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PayslipResult:
    """A computed payslip: its lines in a stable order and every figure behind them."""

    lines: tuple[PayslipLine, ...]
    base_wage: Decimal  # prorated
    allowances: Decimal  # prorated
    performance_pay: Decimal
    unpaid_leave_deduction: Decimal
    gross: Decimal
    contribution_wage: Decimal
    insurance: tuple[ContributionLine, ...]
    employee_contributions: Decimal  # social insurance only
    employer_contributions: Decimal  # social insurance only
    housing_fund: ContributionLine | None
    housing_fund_employee: Decimal
    housing_fund_employer: Decimal
    special_deductions: Decimal
    other_deductions: Decimal
    iit: IitResult
    tax: Decimal
    net: Decimal
    employer_cost: Decimal

    def amount(self, code):
        """The amount of the line ``code`` (``KeyError`` if the payslip has no such line)."""
        for line in self.lines:
            if line.code == code:
                return line.amount
        raise KeyError(code)


def compute_payslip(inp):
    """Compute one :class:`PayslipResult` from a :class:`PayslipInput`."""
    if inp.calendar_days is None:
        base_wage = inp.base_wage
        allowances = inp.allowances
    else:
        # fen(amount × worked_days / calendar_days), multiplied first so the division rounds once
        base_wage = (inp.base_wage * inp.worked_days / inp.calendar_days).quantize(CENT, ROUND_HALF_UP)
        allowances = (inp.allowances * inp.worked_days / inp.calendar_days).quantize(CENT, ROUND_HALF_UP)
    performance_pay = inp.performance_pay
    unpaid = inp.unpaid_leave_deduction
    gross = base_wage + allowances + performance_pay - unpaid
    if gross < 0:
        raise ValueError(
            f"unpaid_leave_deduction ({unpaid}) exceeds the pay it is deducted from "
            f"({base_wage + allowances + performance_pay})"
        )

    contribution_wage = inp.contribution_wage
    if contribution_wage is None:
        contribution_wage = inp.base_wage + inp.allowances
    insurance = tuple([_contribution_line(contribution_wage, rule) for rule in inp.insurance_rules])
    employer = employee = ZERO
    for line in insurance:
        employer += line.employer_amount
        employee += line.employee_amount

    hf_rule = inp.housing_fund_rule
    if hf_rule is None:
        housing_fund = None
        hf_employee = hf_employer = ZERO
    else:
        hf_wage = inp.housing_fund_wage
        housing_fund = _contribution_line(contribution_wage if hf_wage is None else hf_wage, hf_rule)
        hf_employee = housing_fund.employee_amount
        hf_employer = housing_fund.employer_amount

    ytd = inp.ytd
    iit = _withhold(
        months_employed=ytd.months_employed + 1,
        cumulative_income=ytd.cumulative_gross + gross,
        cumulative_contributions=ytd.cumulative_contributions + employee + hf_employee,
        cumulative_special_deductions=ytd.cumulative_special_deductions + inp.special_deductions,
        cumulative_other_deductions=ytd.cumulative_other_deductions + inp.other_deductions,
        tax_withheld=ytd.tax_withheld,
        brackets=inp.brackets,
        full_year_basic_deduction=inp.full_year_basic_deduction,
        monthly_basic_deduction=inp.monthly_basic_deduction,
    )
    tax = iit.tax
    net = gross - employee - hf_employee - tax
    employer_cost = gross + employer + hf_employer

    # deductions as ZERO - x rather than -x: -Decimal("0.00") is "-0.00", which a payslip should not show
    lines = [
        PayslipLine("BASIC", "Basic wage", base_wage),
        PayslipLine("ALW", "Allowances", allowances),
        PayslipLine("PERF", "Performance pay", performance_pay),
        PayslipLine("UNPAID", "Unpaid leave deduction", ZERO - unpaid),
        PayslipLine("GROSS", "Gross pay", gross),
    ]
    for rule, line in zip(inp.insurance_rules, insurance, strict=True):
        lines.append(
            PayslipLine(rule.employee_line_code, rule.employee_line_name, ZERO - line.employee_amount)
        )
    if housing_fund is not None:
        lines.append(PayslipLine("HF_EE", "Housing fund (employee)", ZERO - hf_employee))
    lines.append(PayslipLine("IIT", "Individual income tax", ZERO - tax))
    lines.append(PayslipLine("NET", "Net pay", net))
    for rule, line in zip(inp.insurance_rules, insurance, strict=True):
        lines.append(PayslipLine(rule.employer_line_code, rule.employer_line_name, line.employer_amount))
    if housing_fund is not None:
        lines.append(PayslipLine("HF_ER", "Housing fund (employer)", hf_employer))
    lines.append(PayslipLine("COST", "Employer cost", employer_cost))

    return PayslipResult(
        lines=tuple(lines),
        base_wage=base_wage,
        allowances=allowances,
        performance_pay=performance_pay,
        unpaid_leave_deduction=unpaid,
        gross=gross,
        contribution_wage=contribution_wage,
        insurance=insurance,
        employee_contributions=employee,
        employer_contributions=employer,
        housing_fund=housing_fund,
        housing_fund_employee=hf_employee,
        housing_fund_employer=hf_employer,
        special_deductions=inp.special_deductions,
        other_deductions=inp.other_deductions,
        iit=iit,
        tax=tax,
        net=net,
        employer_cost=employer_cost,
    )


def compute_batch(inputs):
    """``compute_payslip`` over a list of inputs, results in the same order.

    The results hold no reference cycles, so the cyclic garbage collector is paused while they are built:
    otherwise the tens of thousands of small objects of a payroll run trigger collections that scan
    everything built so far (a third of the time for 5,000 payslips). It is switched back on afterwards,
    unless it was already off. A payslip that cannot be computed stops the batch with a ``ValueError`` that
    gives its position in ``inputs``.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    results = []
    append = results.append
    try:
        for inp in inputs:
            append(compute_payslip(inp))
    except ValueError as exc:
        raise ValueError(f"payslip {len(results) + 1} of the batch: {exc}") from exc
    finally:
        if paused:
            gc.enable()
    return results
