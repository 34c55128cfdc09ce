from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.lib import format_day

# what a period pays: its contract's figures, changed only on an adjustment (with its reason, approved)
PAY_FIELDS = ("date_from", "date_to", "base_wage", "allowances", "performance_pay")


def _shown(value):
    return f"{value:.2f}" if isinstance(value, float) else str(value)


class SgzPayslipPeriod(models.Model):
    """A contract's part of a payslip: the days of the month under that contract and its monthly amounts.

    A worker has one payslip per employer and month; a renewal during the month gives the payslip two periods,
    each prorated (method of the insurance scheme) and added up.

    A period pays what its contract says: the run copies the contract's figures and nobody changes them on a
    payslip. A different figure for a month (a wage paid wrong) is an adjustment of the confirmed payslip: on
    the draft adjustment HR corrects the period, every change is posted in its chatter, and a provider
    manager approves the adjustment, with its reason, before it is paid.
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
    @api.depends_context("lang")
    def _compute_display_name(self):
        lang = self.env.lang
        for period in self:
            period.display_name = self.env._(
                "%(contract)s, %(date_from)s – %(date_to)s",
                contract=period.contract_id.name or "",
                date_from=format_day(period.date_from, lang),
                date_to=format_day(period.date_to, lang),
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
        changed = set(PAY_FIELDS) & set(vals)
        if changed and not self._sgz_lock_lifted():
            self._sgz_check_pay_change(changed)
            before = {period: {name: period[name] for name in changed} for period in self}
            result = super().write(vals)
            self._sgz_post_pay_change(before)
        else:
            result = super().write(vals)
        self.payslip_id._sgz_mark_uncomputed()
        return result

    def _sgz_check_pay_change(self, changed):
        """Only a draft adjustment's periods take other figures than their contract's."""
        fixed = self.filtered(lambda p: not (p.payslip_id.is_adjustment and p.payslip_id.state == "draft"))
        if fixed:
            raise UserError(
                self.env._(
                    "%(fields)s of %(payslip)s are those of the labor contract %(contract)s. A different figure for "
                    "the month is an adjustment of the confirmed payslip, with its reason and a provider manager's "
                    "approval.",
                    fields=self._sgz_field_labels(changed),
                    payslip=fixed[0].payslip_id.display_name,
                    contract=fixed[0].contract_id.name,
                )
            )

    def _sgz_post_pay_change(self, before):
        """The trace of a corrected period, in the adjustment's chatter: what it was, what it is."""
        for period, old in before.items():
            changes = "；".join(
                self.env._(
                    "%(field)s %(old)s → %(new)s",
                    field=self._fields[name]._description_string(self.env),
                    old=_shown(old[name]),
                    new=_shown(period[name]),
                )
                for name in old
                if old[name] != period[name]
            )
            if changes:
                period.payslip_id.sudo().message_post(
                    body=self.env._(
                        "Contract period %(period)s corrected by %(user)s: %(changes)s.",
                        period=period.contract_id.name,
                        user=self.env.user.name,
                        changes=changes,
                    ),
                    author_id=self.env.user.partner_id.id,
                )
