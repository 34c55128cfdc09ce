from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import catch_up
from .sgz_insurance_scheme import amount as to_decimal
from .sgz_special_deduction_standard import SPECIAL_KINDS


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
    monthly_amount = fields.Float(
        digits=(16, 2),
        required=True,
        tracking=True,
        compute="_compute_monthly_amount",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_from = fields.Date(string="Applies From", required=True, tracking=True)
    date_to = fields.Date(string="Applies Until", tracking=True)
    declared_date = fields.Date(
        string="Declared On",
        required=True,
        default=fields.Date.context_today,
        help="When the worker declared it to the employer; earlier months of the year are caught up in the "
        "first payslip after this date.",
    )
    active = fields.Boolean(default=True)

    @api.depends("standard_id")
    def _compute_monthly_amount(self):
        for deduction in self:
            if deduction.standard_id:
                deduction.monthly_amount = deduction.standard_id.amount

    @api.constrains("monthly_amount", "kind", "date_from", "date_to")
    def _check_amount(self):
        Standard = self.env["sgz.special.deduction.standard"].sudo()
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for deduction in self:
            if deduction.monthly_amount < 0:
                raise ValidationError(self.env._("A special additional deduction cannot be negative."))
            if deduction.date_to and deduction.date_to < deduction.date_from:
                raise ValidationError(self.env._("The deduction ends before it starts."))
            standards = Standard.search(
                [
                    ("kind", "=", deduction.kind),
                    ("date_from", "<=", deduction.date_from),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", deduction.date_from),
                ]
            )
            ceiling = max(standards.mapped("amount"), default=0.0)
            if standards and deduction.monthly_amount > ceiling + 0.001:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: %(amount).2f a month is above the standard of %(ceiling).2f.",
                        kind=kinds[deduction.kind],
                        amount=deduction.monthly_amount,
                        ceiling=ceiling,
                    )
                )

    @api.model
    def _sgz_amounts(self, rows, day):
        """``{employee_id: {kind: Decimal}}`` deducted in the month of ``day`` from plain ``rows``.

        ``rows`` are tuples (employee_id, kind, monthly_amount, date_from, date_to, declared_date). Months of
        this year not yet deducted are caught up in the first month after the declaration.
        """
        year, month = day.year, day.month
        result = {}
        for employee_id, kind, monthly, date_from, date_to, declared in rows:
            if date_from.year > year or (date_from.year == year and date_from.month > month):
                continue
            if date_to and (date_to.year, date_to.month) < (year, month):
                continue
            declared = declared or date_from
            if declared.year > year:
                continue
            start = 1 if date_from.year < year else date_from.month
            first_declared = 1 if declared.year < year else declared.month
            value = catch_up(to_decimal(monthly), max(first_declared, 1), month, start)
            if value:
                kinds = result.setdefault(employee_id, {})
                kinds[kind] = kinds.get(kind, 0) + value
        return result
