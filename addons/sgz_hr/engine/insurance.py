"""Social insurance and housing fund contributions (五险一金).

Each insurance has an employer and an employee rate applied to the contribution base (缴费基数): the worker's
wage clamped between the floor and the ceiling the province publishes each year. Rates and limits are data
(passed in by the caller for the period being paid), never constants here.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .errors import PayrollError
from .lines import employee_code, employer_code
from .money import CENT, field_amount


@dataclass(frozen=True, slots=True)
class ContributionRule:
    """One insurance (or the housing fund) as in force for the period being paid.

    Rates are fractions (``Decimal("0.16")`` for 16 %). ``base_floor`` / ``base_ceiling`` may be ``None``
    for "no limit". ``name_en`` labels payslip lines and defaults to ``code``.
    """

    code: str
    employer_rate: Decimal
    employee_rate: Decimal
    base_floor: Decimal | None = None
    base_ceiling: Decimal | None = None
    name_en: str = ""
    # payslip line codes and labels, worked out once here rather than for every payslip
    employee_line_code: str = field(init=False, repr=False, compare=False)
    employee_line_name: str = field(init=False, repr=False, compare=False)
    employer_line_code: str = field(init=False, repr=False, compare=False)
    employer_line_name: str = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if not self.code or not isinstance(self.code, str):
            raise PayrollError(
                "rule_code", f"contribution rule code must be a non-empty string (got {self.code!r})"
            )
        set_ = object.__setattr__
        for name in ("employer_rate", "employee_rate"):
            rate = field_amount(getattr(self, name), f"{self.code}.{name}")
            if rate >= 1:
                raise PayrollError(
                    "rate_fraction", f"{self.code}.{name} must be a fraction below 1 (got {rate})", value=rate
                )
            set_(self, name, rate)
        for name in ("base_floor", "base_ceiling"):
            value = getattr(self, name)
            if value is not None:
                set_(self, name, field_amount(value, f"{self.code}.{name}"))
        if (
            self.base_floor is not None
            and self.base_ceiling is not None
            and self.base_floor > self.base_ceiling
        ):
            raise PayrollError(
                "floor_above_ceiling",
                f"{self.code}: base floor {self.base_floor} is above base ceiling {self.base_ceiling}",
                floor=self.base_floor,
                ceiling=self.base_ceiling,
            )
        if not self.name_en:
            set_(self, "name_en", self.code)
        set_(self, "employee_line_code", employee_code(self.code))
        set_(self, "employee_line_name", f"{self.name_en} (employee)")
        set_(self, "employer_line_code", employer_code(self.code))
        set_(self, "employer_line_name", f"{self.name_en} (employer)")


class ContributionLine(NamedTuple):
    """The contribution of one insurance for one worker and one month."""

    code: str
    base: Decimal
    employer_amount: Decimal
    employee_amount: Decimal
    name_en: str = ""


def contribution_base(wage, floor=None, ceiling=None):
    """Clamp ``wage`` between ``floor`` and ``ceiling`` (either may be ``None`` for no limit)."""
    base = field_amount(wage, "contribution wage")
    floor = None if floor is None else field_amount(floor, "base floor")
    ceiling = None if ceiling is None else field_amount(ceiling, "base ceiling")
    if floor is not None and ceiling is not None and floor > ceiling:
        raise PayrollError(
            "floor_above_ceiling",
            f"base floor {floor} is above base ceiling {ceiling}",
            floor=floor,
            ceiling=ceiling,
        )
    if floor is not None and base < floor:
        base = floor
    if ceiling is not None and base > ceiling:
        base = ceiling
    return base


def contribution_line(wage, rule):
    """The :class:`ContributionLine` of one ``rule``; each amount is rounded half-up to the fen."""
    if not isinstance(rule, ContributionRule):
        raise TypeError(f"not a ContributionRule: {rule!r}")
    return _contribution_line(field_amount(wage, "contribution wage"), rule)


def _contribution_line(wage, rule):
    # wage: a checked Decimal; rule: a ContributionRule
    base = wage
    if rule.base_floor is not None and base < rule.base_floor:
        base = rule.base_floor
    if rule.base_ceiling is not None and base > rule.base_ceiling:
        base = rule.base_ceiling
    # fen() inlined: this runs five or six times per payslip and the operands are known to be Decimals
    return ContributionLine(
        rule.code,
        base,
        (base * rule.employer_rate).quantize(CENT, ROUND_HALF_UP),
        (base * rule.employee_rate).quantize(CENT, ROUND_HALF_UP),
        rule.name_en,
    )


def contribution_lines(wage, rules):
    """One :class:`ContributionLine` per rule, in the order of ``rules``.

    Each amount is ``fen(base × rate)`` rounded per line, as the social security office computes it.
    """
    wage = field_amount(wage, "contribution wage")
    rules = tuple(rules)
    for rule in rules:
        if not isinstance(rule, ContributionRule):
            raise TypeError(f"not a ContributionRule: {rule!r}")
    return [_contribution_line(wage, rule) for rule in rules]
