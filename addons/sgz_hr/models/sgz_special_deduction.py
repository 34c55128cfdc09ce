from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import catch_up
from .sgz_insurance_scheme import amount as to_decimal
from .sgz_special_deduction_standard import SPECIAL_KINDS

# 国发〔2018〕41号第十七条: housing loan interest and housing rent are not deducted for the same months
EXCLUSIVE_KINDS = ("mortgage_interest", "housing_rent")


class SgzSpecialDeduction(models.Model):
    """A special additional deduction a worker declared to the employer (专项附加扣除信息采集)."""

    _name = "sgz.special.deduction"
    _description = "Special Additional Deduction"
    _inherit = ["mail.thread"]
    _order = "employee_id, kind, date_from"
    _check_company_auto = True

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
            ceiling = deduction._sgz_ceiling()
            if ceiling is not None and deduction.monthly_amount > ceiling + 0.001:
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

    @api.model
    def _sgz_amounts(self, rows, day):
        """``{employee_id: {kind: Decimal}}`` deducted in the tax month of ``day`` from plain ``rows``.

        ``rows`` are tuples (employee_id, kind, monthly_amount, date_from, date_to, declared_date, one_off).
        Months of this year not yet deducted are caught up in the first month after the declaration, also when
        the deduction ended before it was declared; a one-off deduction is taken once, in the month it was
        obtained or declared.
        """
        year, month = day.year, day.month
        result = {}
        for employee_id, kind, monthly, date_from, date_to, declared, one_off in rows:
            declared = declared or date_from
            if date_from.year > year or declared.year > year or (date_to and date_to.year < year):
                continue
            if one_off and date_from.year != year:
                continue
            start = 1 if date_from.year < year else date_from.month
            end = date_from.month if one_off else (date_to.month if date_to and date_to.year == year else 12)
            first_declared = 1 if declared.year < year else declared.month
            value = catch_up(to_decimal(monthly), first_declared, month, start, end)
            if value:
                kinds = result.setdefault(employee_id, {})
                kinds[kind] = kinds.get(kind, 0) + value
        return result
