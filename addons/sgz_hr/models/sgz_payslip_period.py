from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzPayslipPeriod(models.Model):
    """A contract's part of a payslip: the days of the month under that contract and its monthly amounts.

    A worker has one payslip per employer and month; a renewal during the month gives the payslip two periods,
    each prorated (method of the insurance scheme) and added up.
    """

    _name = "sgz.payslip.period"
    _description = "Payslip Contract Period"
    _inherit = ["sgz.lock.mixin"]
    _order = "payslip_id, date_from, id"
    _sgz_lock_parent = "payslip_id"
    _sgz_create_by_action = True
    _sgz_action_fields = ("payslip_id", "company_id", "contract_id")

    payslip_id = fields.Many2one("sgz.payslip", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    contract_id = fields.Many2one("hr.contract", string="Contract", required=True, index=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    base_wage = fields.Monetary(help="Monthly base wage of the contract, before proration.")
    allowances = fields.Monetary(help="Monthly allowances of the contract, before proration.")
    performance_pay = fields.Monetary(
        help="Monthly performance pay of the contract, prorated unless the month's amount is entered on the "
        "payslip."
    )

    @api.depends("contract_id.name", "date_from", "date_to")
    def _compute_display_name(self):
        for period in self:
            period.display_name = self.env._(
                "%(contract)s, %(date_from)s – %(date_to)s",
                contract=period.contract_id.name or "",
                date_from=period.date_from or "",
                date_to=period.date_to or "",
            )

    @api.constrains("date_from", "date_to", "base_wage", "allowances", "performance_pay")
    def _check_period(self):
        for period in self:
            month = period.payslip_id.date_from
            if not (month <= period.date_from <= period.date_to <= period.payslip_id.date_to):
                raise ValidationError(
                    self.env._(
                        "The contract period of %(name)s must lie within the month of the payslip, from its "
                        "first to its last day.",
                        name=period.payslip_id.employee_id.name,
                    )
                )
            if min(period.base_wage, period.allowances, period.performance_pay) < 0:
                raise ValidationError(self.env._("The amounts of a contract period cannot be negative."))

    def write(self, vals):
        result = super().write(vals)
        self.payslip_id._sgz_mark_uncomputed()
        return result
