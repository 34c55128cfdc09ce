from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sgz_region import MIN_WAGE_TIERS


class SgzMinimumWage(models.Model):
    """A monthly minimum wage standard (月最低工资标准) of a region and tier, valid for a period."""

    _name = "sgz.minimum.wage"
    _description = "Minimum Monthly Wage"
    _order = "region_id, date_from desc, tier"

    region_id = fields.Many2one("sgz.region", required=True, index=True, ondelete="restrict")
    tier = fields.Selection(MIN_WAGE_TIERS, required=True, default="1")
    amount = fields.Float(string="Monthly Minimum Wage", digits=(16, 2), required=True)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until")
    note = fields.Char(string="Legal Basis")

    @api.constrains("amount")
    def _check_amount(self):
        if any(row.amount <= 0 for row in self):
            raise ValidationError(self.env._("A minimum wage must be positive."))

    @api.model
    def _sgz_applicable(self, region, day):
        """The minimum wage row for ``region`` on ``day``: the nearest region with standards, the region's tier.

        When no tier is set on the region or above it, the lowest tier's amount applies (the least strict,
        so that an unclassified county never refuses a lawful wage).
        """
        if not region:
            return self.browse()
        tier = region._sgz_min_wage_tier()
        for ancestor in region._sgz_ancestors():
            rows = self.search(
                [
                    ("region_id", "=", ancestor.id),
                    ("date_from", "<=", day),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", day),
                ]
            )
            if not rows:
                continue
            if tier:
                matching = rows.filtered(lambda row: row.tier == tier)
                if matching:
                    return matching[0]
            return rows.sorted("amount")[0]
        return self.browse()
