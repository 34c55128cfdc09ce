"""One month's payslip of one worker: gross pay, five insurances and housing fund, income tax, net pay.

Plain values in, plain values out: the Odoo layer reads contracts, rates, tax tables and the year-to-date
figures of earlier confirmed payslips, builds :class:`PayslipInput` objects and stores the results.

Amounts on payslip lines are signed as on an Odoo payslip: earnings positive, deductions negative, so the
lines from ``BASIC`` to ``RECOVER`` (``GROSS`` aside) add up to ``NET``; the employer lines (``ER_*``,
``HF_ER``) are positive and add up, with ``GROSS``, to ``COST``.

Net pay is never negative. A month whose pay does not cover the worker's own insurance share (a month of
unpaid leave) pays 0 and records what the worker owes (``OWED``); the next payslips recover it (``RECOVER``)
after tax, as far as their net pay allows.

An adjustment (a correction of an earlier month paid now) is computed like the corrected month, with the
original payslip's figures as ``prior``: what it pays now is the difference, taxed in the month it is paid
(``same_month`` when the worker also has this month's regular payslip, so no month is counted twice).
"""

import gc
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .errors import BatchError, PayrollError
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
from .lines import LINE_BY_CODE
from .money import CENT, ZERO, field_amount

_AMOUNT_FIELDS = ("base_wage", "allowances", "performance_pay", "unpaid_leave_deduction")
_OPTIONAL_AMOUNT_FIELDS = ("contribution_wage", "housing_fund_wage")
_DEDUCTION_FIELDS = ("special_deductions", "other_deductions", "monthly_basic_deduction", "carried_owed")


@dataclass(frozen=True, slots=True)
class YearToDate:
    """Totals of what was paid and withheld in the earlier months of this tax year at this employer (all
    zero in January): the confirmed payslips and adjustments, by the month they were paid in.

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
            raise PayrollError(
                "months", f"ytd.months_employed must be between 0 and 12 (got {months})", value=months
            )
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
        """The year-to-date figures for next month, once the payslip ``result`` is confirmed (an adjustment
        paid in the same month as a regular payslip adds no month)."""
        return YearToDate(
            self.months_employed + (0 if result.same_month else 1),
            self.cumulative_gross + result.paid_gross,
            self.cumulative_contributions + result.paid_contributions,
            self.cumulative_special_deductions + result.special_deductions,
            self.cumulative_other_deductions + result.other_deductions,
            self.tax_withheld + result.tax,
        )


_START_OF_YEAR = YearToDate()


class PriorPayment(NamedTuple):
    """What the payslip an adjustment corrects paid: gross, employee contributions (insurance + housing
    fund) and net pay."""

    gross: Decimal
    contributions: Decimal


@dataclass(frozen=True, slots=True)
class PayslipInput:
    """Everything needed to compute one month's payslip; amounts are checked and turned into Decimals.

    ``worked_days`` / ``calendar_days`` (both or neither) prorate the base wage and the allowances of a
    worker who joins or leaves during the month: ``fen(amount × worked_days / calendar_days)`` (a worker with
    several contracts in the month is prorated per contract by the caller, see :mod:`.proration`).
    ``contribution_wage`` is the wage the insurance bases are clamped from (the declared base of the
    contribution year); it defaults to the full-month ``base_wage + allowances`` (not prorated).
    ``housing_fund_wage`` defaults to ``contribution_wage``. ``special_deductions`` is this month's total of
    special additional deductions, catch-up of earlier months included (see :func:`~.specials.catch_up`);
    ``other_deductions`` the other deductions allowed by law (依法确定的其他扣除) for this month.
    ``carried_owed`` is what the worker still owes from earlier payslips (recovered from this net pay).
    ``prior`` makes this an adjustment of a payslip that paid ``prior``; ``same_month`` says the month is
    already counted by a regular payslip paid with it.
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
    carried_owed: Decimal = ZERO
    prior: PriorPayment | None = None
    same_month: bool = False

    def __post_init__(self):
        set_ = object.__setattr__
        for name in _AMOUNT_FIELDS + _DEDUCTION_FIELDS:
            set_(self, name, field_amount(getattr(self, name), name))
        for name in _OPTIONAL_AMOUNT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                set_(self, name, field_amount(value, name))
        self._check_days()
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
        if self.ytd.months_employed >= 12 and not self.same_month:
            raise PayrollError(
                "year_full", "ytd already covers 12 months: a new payslip belongs to a new tax year"
            )
        if self.prior is not None:
            set_(
                self,
                "prior",
                PriorPayment(
                    field_amount(self.prior.gross, "prior.gross"),
                    field_amount(self.prior.contributions, "prior.contributions"),
                ),
            )
        set_(self, "same_month", bool(self.same_month))
        set_(self, "full_year_basic_deduction", bool(self.full_year_basic_deduction))
        set_(self, "brackets", check_brackets(self.brackets))

    def _check_days(self):
        if (self.worked_days is None) != (self.calendar_days is None):
            raise PayrollError("days_pair", "worked_days and calendar_days go together: give both or neither")
        if self.calendar_days is None:
            return
        worked = field_amount(self.worked_days, "worked_days")
        calendar = field_amount(self.calendar_days, "calendar_days")
        if calendar <= 0:
            raise PayrollError(
                "calendar_days", f"calendar_days must be positive (got {calendar})", value=calendar
            )
        if worked > calendar:
            raise PayrollError(
                "worked_days",
                f"worked_days ({worked}) must not exceed calendar_days ({calendar})",
                worked=worked,
                calendar=calendar,
            )
        object.__setattr__(self, "worked_days", worked)
        object.__setattr__(self, "calendar_days", calendar)


class PayslipLine(NamedTuple):
    """One line of a payslip; deductions are negative."""

    code: str
    name_en: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PayslipResult:
    """A computed payslip: its lines in a stable order and every figure behind them.

    For an adjustment, ``gross`` and the contributions are those of the corrected month, ``paid_gross`` and
    ``paid_contributions`` the differences paid now; for a regular payslip they are equal.
    """

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
    paid_gross: Decimal = ZERO
    paid_contributions: Decimal = ZERO
    prior_paid: Decimal = ZERO  # what the corrected payslip paid before tax (gross − contributions)
    recovered: Decimal = ZERO  # recovered this month from what the worker owed
    owed: Decimal = ZERO  # what the worker owes after this payslip (carried to the next one)
    same_month: bool = False

    def amount(self, code):
        """The amount of the line ``code`` (``KeyError`` if the payslip has no such line)."""
        for line in self.lines:
            if line.code == code:
                return line.amount
        raise KeyError(code)


def _label(code, fallback):
    line = LINE_BY_CODE.get(code)
    return line.label if line else fallback


def _earnings(inp):
    if inp.calendar_days is None:
        base_wage, allowances = inp.base_wage, inp.allowances
    else:
        # fen(amount × worked_days / calendar_days), multiplied first so the division rounds once
        base_wage = (inp.base_wage * inp.worked_days / inp.calendar_days).quantize(CENT, ROUND_HALF_UP)
        allowances = (inp.allowances * inp.worked_days / inp.calendar_days).quantize(CENT, ROUND_HALF_UP)
    gross = base_wage + allowances + inp.performance_pay - inp.unpaid_leave_deduction
    if gross < 0:
        pay = base_wage + allowances + inp.performance_pay
        raise PayrollError(
            "unpaid_exceeds",
            f"unpaid_leave_deduction ({inp.unpaid_leave_deduction}) exceeds the pay it is deducted from ({pay})",
            unpaid=inp.unpaid_leave_deduction,
            pay=pay,
        )
    return base_wage, allowances, gross


def _contributions(inp):
    contribution_wage = inp.contribution_wage
    if contribution_wage is None:
        contribution_wage = inp.base_wage + inp.allowances
    insurance = tuple([_contribution_line(contribution_wage, rule) for rule in inp.insurance_rules])
    hf_rule = inp.housing_fund_rule
    if hf_rule is None:
        housing_fund = None
    else:
        hf_wage = inp.housing_fund_wage
        housing_fund = _contribution_line(contribution_wage if hf_wage is None else hf_wage, hf_rule)
    return contribution_wage, insurance, housing_fund


def _settle(available, carried):
    """(recovered, net, owed): recover what is owed from a positive ``available``, floor net pay at 0."""
    recovered = min(carried, available) if available > 0 else ZERO
    net = available - recovered
    owed = carried - recovered
    if net < 0:
        owed -= net
        net = ZERO
    return recovered, net, owed


def compute_payslip(inp):
    """Compute one :class:`PayslipResult` from a :class:`PayslipInput`."""
    base_wage, allowances, gross = _earnings(inp)
    contribution_wage, insurance, housing_fund = _contributions(inp)
    employer = employee = ZERO
    for line in insurance:
        employer += line.employer_amount
        employee += line.employee_amount
    hf_employee = housing_fund.employee_amount if housing_fund else ZERO
    hf_employer = housing_fund.employer_amount if housing_fund else ZERO

    prior = inp.prior
    paid_gross = gross - prior.gross if prior else gross
    paid_contributions = employee + hf_employee - (prior.contributions if prior else ZERO)
    ytd = inp.ytd
    months = ytd.months_employed if inp.same_month else ytd.months_employed + 1
    iit = _withhold(
        months_employed=max(months, 1),
        cumulative_income=ytd.cumulative_gross + paid_gross,
        cumulative_contributions=ytd.cumulative_contributions + paid_contributions,
        cumulative_special_deductions=ytd.cumulative_special_deductions + inp.special_deductions,
        cumulative_other_deductions=ytd.cumulative_other_deductions + inp.other_deductions,
        tax_withheld=ytd.tax_withheld,
        brackets=inp.brackets,
        full_year_basic_deduction=inp.full_year_basic_deduction,
        monthly_basic_deduction=inp.monthly_basic_deduction,
    )
    tax = iit.tax
    prior_paid = prior.gross - prior.contributions if prior else ZERO
    recovered, net, owed = _settle(gross - employee - hf_employee - prior_paid - tax, inp.carried_owed)

    # deductions as ZERO - x rather than -x: -Decimal("0.00") is "-0.00", which a payslip should not show
    lines = [
        PayslipLine("BASIC", _label("BASIC", "Basic wage"), base_wage),
        PayslipLine("ALW", _label("ALW", "Allowances"), allowances),
        PayslipLine("PERF", _label("PERF", "Performance pay"), inp.performance_pay),
        PayslipLine("UNPAID", _label("UNPAID", "Unpaid leave"), ZERO - inp.unpaid_leave_deduction),
        PayslipLine("GROSS", _label("GROSS", "Gross pay"), gross),
    ]
    for rule, line in zip(inp.insurance_rules, insurance, strict=True):
        code = rule.employee_line_code
        lines.append(PayslipLine(code, _label(code, rule.employee_line_name), ZERO - line.employee_amount))
    if housing_fund is not None:
        lines.append(PayslipLine("HF_EE", _label("HF_EE", "Housing fund (employee)"), ZERO - hf_employee))
    if prior:
        lines.append(PayslipLine("PRIOR", _label("PRIOR", "Paid before"), ZERO - prior_paid))
    lines.append(PayslipLine("IIT", _label("IIT", "Individual income tax"), ZERO - tax))
    if recovered:
        lines.append(PayslipLine("RECOVER", _label("RECOVER", "Recovered"), ZERO - recovered))
    lines.append(PayslipLine("NET", _label("NET", "Net pay"), net))
    if owed:
        lines.append(PayslipLine("OWED", _label("OWED", "Owed"), owed))
    for rule, line in zip(inp.insurance_rules, insurance, strict=True):
        code = rule.employer_line_code
        lines.append(PayslipLine(code, _label(code, rule.employer_line_name), line.employer_amount))
    if housing_fund is not None:
        lines.append(PayslipLine("HF_ER", _label("HF_ER", "Housing fund (employer)"), hf_employer))
    employer_cost = gross + employer + hf_employer
    lines.append(PayslipLine("COST", _label("COST", "Employer cost"), employer_cost))

    return PayslipResult(
        lines=tuple(lines),
        base_wage=base_wage,
        allowances=allowances,
        performance_pay=inp.performance_pay,
        unpaid_leave_deduction=inp.unpaid_leave_deduction,
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
        paid_gross=paid_gross,
        paid_contributions=paid_contributions,
        prior_paid=prior_paid,
        recovered=recovered,
        owed=owed,
        same_month=inp.same_month,
    )


def compute_batch(inputs):
    """``compute_payslip`` over a list of inputs, results in the same order.

    The results hold no reference cycles, so the cyclic garbage collector is paused while they are built:
    otherwise the tens of thousands of small objects of a payroll run trigger collections that scan
    everything built so far (a third of the time for 5,000 payslips). It is switched back on afterwards,
    unless it was already off. A payslip that cannot be computed stops the batch with a :class:`BatchError`
    that gives its position in ``inputs`` and the payslip's own error.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    results = []
    append = results.append
    try:
        for inp in inputs:
            append(compute_payslip(inp))
    except PayrollError as exc:
        raise BatchError(len(results), exc) from exc
    finally:
        if paused:
            gc.enable()
    return results
