import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import catch_up
from .sgz_insurance_scheme import amount as to_decimal
from .sgz_special_deduction_standard import SPECIAL_KINDS

# 国发〔2018〕41号第十七条: housing loan interest and housing rent are not deducted for the same months
EXCLUSIVE_KINDS = ("mortgage_interest", "housing_rent")
# 国发〔2018〕41号: one deduction per taxpayer and month, whatever the number of parents, homes or leases (child
# education and infant care are per child: several may run together); continuing education: one academic
# (monthly) programme at a time and one vocational certificate (once) per year
ONE_PER_TAXPAYER_KINDS = ("elderly_support", "mortgage_interest", "housing_rent", "continuing_education")


class SgzSpecialDeduction(models.Model):
    """A special additional deduction a worker declared to the employer (专项附加扣除信息采集)."""

    _name = "sgz.special.deduction"
    _description = "Special Additional Deduction"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "employee_id, kind, date_from"
    _check_company_auto = True
    # a declaration is the worker's: it never moves to another worker or employer (company_id is fixed too)
    _sgz_fixed_fields = ("employee_id",)

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, check_company=True, tracking=True
    )
    kind = fields.Selection(SPECIAL_KINDS, required=True, tracking=True)
    standard_id = fields.Many2one(
        "sgz.special.deduction.standard",
        string="Standard",
        domain="[('kind', '=', kind)]",
        help="The published standard the amount follows (housing rent has three tiers).",
    )
    one_off = fields.Boolean(related="standard_id.one_off")
    shared = fields.Boolean(
        string="Shared With Siblings",
        tracking=True,
        help="Elderly support shared among siblings: at most the standard's shared maximum (1,500) a month.",
    )
    monthly_amount = fields.Float(
        digits=(16, 2),
        required=True,
        tracking=True,
        compute="_compute_monthly_amount",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_from = fields.Date(
        string="Applies From", required=True, tracking=True, help="For a one-off deduction: the day obtained."
    )
    date_to = fields.Date(string="Applies Until", tracking=True)
    declared_date = fields.Date(
        string="Declared On",
        required=True,
        default=fields.Date.context_today,
        help="When the worker declared it to the employer; earlier months of the year (and a deduction that has "
        "already ended in this year) are caught up in the first payslip after this date.",
    )
    active = fields.Boolean(default=True)

    @api.depends("standard_id", "shared")
    def _compute_monthly_amount(self):
        for deduction in self:
            standard = deduction.standard_id
            if standard:
                shared = deduction.shared and standard.shared_max_amount
                deduction.monthly_amount = standard.shared_max_amount if shared else standard.amount

    @api.constrains("monthly_amount", "kind", "date_from", "date_to", "shared", "standard_id")
    def _check_amount(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for deduction in self:
            if deduction.monthly_amount < 0:
                raise ValidationError(self.env._("A special additional deduction cannot be negative."))
            if deduction.date_to and deduction.date_to < deduction.date_from:
                raise ValidationError(self.env._("The deduction ends before it starts."))
            if deduction.standard_id and not deduction.standard_id._sgz_covers(
                deduction.kind, deduction.date_from
            ):
                raise ValidationError(
                    self.env._(
                        "%(kind)s: the standard %(standard)s does not apply to this kind of deduction on "
                        "%(date)s.",
                        kind=kinds[deduction.kind],
                        standard=deduction.standard_id.name,
                        date=deduction.date_from,
                    )
                )
            ceiling = deduction._sgz_ceiling()
            if ceiling is None:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: no published standard applies on %(date)s, so no amount can be deducted. "
                        "Check the dates, or add the standard under Configuration.",
                        kind=kinds[deduction.kind],
                        date=deduction.date_from,
                    )
                )
            if not deduction.monthly_amount:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: an amount of 0 deducts nothing: choose the standard or give the monthly amount.",
                        kind=kinds[deduction.kind],
                    )
                )
            if deduction.monthly_amount > ceiling + 0.001:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: %(amount).2f a month is above the standard of %(ceiling).2f.",
                        kind=kinds[deduction.kind],
                        amount=deduction.monthly_amount,
                        ceiling=ceiling,
                    )
                )

    def _sgz_ceiling(self):
        """The most this deduction may take: the standard's amount, the shared maximum when shared, the
        highest standard of the kind when none is chosen (None: no standard known)."""
        standards = self.standard_id or self.env["sgz.special.deduction.standard"].sudo().search(
            [
                ("kind", "=", self.kind),
                ("date_from", "<=", self.date_from),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", self.date_from),
            ]
        )
        if not self.standard_id:
            standards = standards.filtered(lambda s: not s.one_off)
        if not standards:
            return None
        shared = [s.shared_max_amount for s in standards if s.shared_max_amount]
        if self.shared and shared:
            return max(shared)
        return max(standards.mapped("amount"))

    @api.constrains("kind", "date_from", "date_to", "employee_id", "active")
    def _check_exclusive(self):
        for deduction in self.filtered(lambda d: d.kind in EXCLUSIVE_KINDS and d.active):
            other_kind = EXCLUSIVE_KINDS[1 - EXCLUSIVE_KINDS.index(deduction.kind)]
            domain = [
                ("employee_id", "=", deduction.employee_id.id),
                ("kind", "=", other_kind),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", deduction.date_from),
            ]
            if deduction.date_to:
                domain.append(("date_from", "<=", deduction.date_to))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(name)s: housing loan interest and housing rent cannot be deducted for the same months "
                        "(国发〔2018〕41号第十七条).",
                        name=deduction.employee_id.name,
                    )
                )

    @api.constrains("kind", "date_from", "date_to", "employee_id", "active", "standard_id")
    def _check_one_per_taxpayer(self):
        """Kinds a taxpayer deducts once per month (or, for a vocational certificate, once per year) are not
        declared twice for overlapping months."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for deduction in self.filtered(lambda d: d.kind in ONE_PER_TAXPAYER_KINDS and d.active):
            domain = [
                ("id", "!=", deduction.id),
                ("employee_id", "=", deduction.employee_id.id),
                ("kind", "=", deduction.kind),
            ]
            if deduction.one_off:
                year = deduction.date_from.year
                domain += [
                    ("standard_id.one_off", "=", True),
                    ("date_from", ">=", datetime.date(year, 1, 1)),
                    ("date_from", "<=", datetime.date(year, 12, 31)),
                ]
            else:
                domain += ["|", ("standard_id", "=", False), ("standard_id.one_off", "=", False)]
                domain += ["|", ("date_to", "=", False), ("date_to", ">=", deduction.date_from)]
                if deduction.date_to:
                    domain.append(("date_from", "<=", deduction.date_to))
            if self.sudo().search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(name)s already declared %(kind)s for some of these months: a taxpayer deducts it once "
                        "(国发〔2018〕41号).",
                        name=deduction.employee_id.name,
                        kind=kinds[deduction.kind],
                    )
                )

    @api.model
    def _sgz_check_standards(self, rows, day, names):
        """Refuse, naming the worker, a deduction taken in the tax year of ``day`` (up to its month, catch-up
        included) for a month no published standard covers, or above the standard of that month: payroll never
        deducts an amount no standard stands for. ``rows`` are tuples (employee_id, kind, monthly_amount,
        date_from, date_to, declared_date, one_off, standard_id, shared); ``names`` maps employee ids to names.
        One query for the standards, whatever the number of rows."""
        standards = self.env["sgz.special.deduction.standard"].sudo().search([])
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        year = day.year
        ceilings = {}

        def ceiling_of(kind, standard_id, shared, when):
            key = (kind, standard_id, shared, when)
            if key not in ceilings:
                applicable = standards.filtered(
                    lambda s: (
                        (s.id == standard_id if standard_id else not s.one_off) and s._sgz_covers(kind, when)
                    )
                )
                shared_max = [s.shared_max_amount for s in applicable if s.shared_max_amount]
                ceilings[key] = (
                    (max(shared_max) if shared and shared_max else max(applicable.mapped("amount")))
                    if applicable
                    else None
                )
            return ceilings[key]

        for employee_id, kind, monthly, date_from, date_to, declared, one_off, standard_id, shared in rows:
            declared = declared or date_from
            if (
                date_from.replace(day=1) > day
                or declared.year > year
                or (date_to and date_to.year < year)
                or (one_off and date_from.year != year)
            ):
                continue
            if one_off:
                months = [date_from]
            else:
                first = date_from if date_from.year == year else datetime.date(year, 1, 1)
                last = min(date_to or day, day)
                months = [datetime.date(year, m, 1) for m in range(first.month, last.month + 1)]
                months[:1] = [first]
            for when in months:
                ceiling = ceiling_of(kind, standard_id, shared, when)
                if ceiling is None or monthly > ceiling + 0.001:
                    raise UserError(
                        self.env._(
                            "%(name)s: %(kind)s of %(amount).2f a month has no published standard for %(month)s "
                            "(or is above it). Update the deduction (or add the standard) before computing.",
                            name=names.get(employee_id, ""),
                            kind=kinds.get(kind, kind),
                            amount=monthly,
                            month=when.strftime("%Y-%m"),
                        )
                    )

    @api.model
    def _sgz_amounts(self, rows, day, covered=None):
        """``{employee_id: {kind: Decimal}}`` deducted in the tax month of ``day`` from plain ``rows``.

        ``rows`` are tuples (employee_id, kind, monthly_amount, date_from, date_to, declared_date, one_off).
        Months of this year not yet deducted are caught up in the first month after the declaration, also when
        the deduction ended before it was declared; a one-off deduction is taken once, in the month it was
        obtained or declared. ``covered`` maps a worker to the last month of this year whose deductions are
        in an opening balance (本年期初累计数): those months are not deducted again.
        """
        year, month = day.year, day.month
        covered = covered or {}
        result = {}
        for employee_id, kind, monthly, date_from, date_to, declared, one_off in rows:
            if (
                employee_id in covered
                and date_from.year == year
                and one_off
                and date_from.month <= covered[employee_id]
            ):
                continue  # the one-off deduction of a covered month is in the opening balance
            declared = declared or date_from
            if date_from.year > year or declared.year > year or (date_to and date_to.year < year):
                continue
            if one_off and date_from.year != year:
                continue
            start = 1 if date_from.year < year else date_from.month
            if employee_id in covered and not one_off:
                start = max(start, covered[employee_id] + 1)
            end = date_from.month if one_off else (date_to.month if date_to and date_to.year == year else 12)
            first_declared = 1 if declared.year < year else declared.month
            value = catch_up(to_decimal(monthly), first_declared, month, start, end)
            if value:
                kinds = result.setdefault(employee_id, {})
                kinds[kind] = kinds.get(kind, 0) + value
        return result
