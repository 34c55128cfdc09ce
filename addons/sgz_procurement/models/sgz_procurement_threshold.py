from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzProcurementThreshold(models.Model):
    """The open-tender threshold for services (公开招标数额标准), valid for a period: a project whose budget
    reaches it is bought by open tender, or by another method approved before the procurement starts by the
    finance department of a city-level government or above (政府采购法第二十七条; 财政部令第74号第四条)."""

    _name = "sgz.procurement.threshold"
    _description = "Open Tender Threshold"
    _order = "date_from desc"

    amount = fields.Float(string="Open Tender Threshold", digits=(16, 2), required=True)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until")
    note = fields.Char(string="Legal Basis")

    @api.depends("amount", "date_from")
    def _compute_display_name(self):
        for threshold in self:
            threshold.display_name = self.env._(
                "%(amount)s from %(date)s", amount=f"{threshold.amount:,.2f}", date=threshold.date_from or ""
            )

    @api.constrains("amount", "date_from", "date_to")
    def _check_values(self):
        for threshold in self:
            if threshold.amount <= 0:
                raise ValidationError(self.env._("An open tender threshold must be positive."))
            if threshold.date_to and threshold.date_to < threshold.date_from:
                raise ValidationError(self.env._("A threshold cannot end before it starts."))

    @api.model
    def _sgz_threshold_on(self, day):
        """The threshold in force on ``day`` (empty when none is known)."""
        return self.sudo().search(
            [("date_from", "<=", day), "|", ("date_to", "=", False), ("date_to", ">=", day)], limit=1
        )
