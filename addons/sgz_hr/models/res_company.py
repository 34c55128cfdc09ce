from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import date_utils

# hr_contract's own expiry notice (a to-do for the HR responsible, the contract shown in red): 30 days ahead
# for providers, whose workers' renewals follow the yearly signing of the service agreements
PROVIDER_CONTRACT_NOTICE_DAYS = 30


class ResCompany(models.Model):
    _inherit = "res.company"

    sgz_pay_day = fields.Integer(
        string="Pay Day",
        default=15,
        help="Day of the month the wages are paid (the last day of a shorter month).",
    )
    sgz_pay_next_month = fields.Boolean(
        string="Paid the Following Month",
        help="Wages of a month are paid in the following month (e.g. March wages on 15 April): they are then "
        "taxed in the following month.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("sgz_kind") == "provider":
                vals.setdefault("contract_expiration_notice_period", PROVIDER_CONTRACT_NOTICE_DAYS)
        return super().create(vals_list)

    @api.model
    def _sgz_set_provider_notice(self):
        """Installing sgz_hr: providers get the 30-day contract expiry notice."""
        self.search([("sgz_kind", "=", "provider")]).write(
            {"contract_expiration_notice_period": PROVIDER_CONTRACT_NOTICE_DAYS}
        )

    def _sgz_pay_date(self, month):
        """The day the wages of ``month`` are paid, from the employer's pay day."""
        self.ensure_one()
        pay_month = month + relativedelta(months=1) if self.sgz_pay_next_month else month
        last = date_utils.end_of(pay_month, "month")
        return last.replace(day=max(1, min(self.sgz_pay_day or last.day, last.day)))
