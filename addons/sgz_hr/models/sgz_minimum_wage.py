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

    @api.depends("region_id.name", "tier", "date_from")
    def _compute_display_name(self):
        tiers = dict(self._fields["tier"]._description_selection(self.env))
        for row in self:
            row.display_name = self.env._(
                "%(region)s %(tier)s from %(date)s",
                region=row.region_id.name or "",
                tier=tiers.get(row.tier, ""),
                date=row.date_from or "",
            )

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

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        rows._sgz_flag_contracts_below()
        return rows

    def _sgz_flag_contracts_below(self):
        """A new standard: every running labor contract whose base wage falls below it from its first day gets a
        to-do for the provider's HR (the run refuses a full month below the minimum too)."""
        Contract = self.env["hr.contract"].sudo()
        for row in self:
            contracts = Contract.search(
                [
                    ("company_id.sgz_kind", "=", "provider"),
                    ("state", "in", ("draft", "open")),
                    ("wage", "<", row.amount),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", row.date_from),
                ]
            )
            regions = {}
            for contract in contracts:
                region = contract.sgz_station_id.county_region_id or contract.sgz_scheme_region_id
                if region not in regions:
                    regions[region] = self._sgz_applicable(region, row.date_from)
                if regions[region] == row:
                    contract._sgz_schedule_minimum_wage_review(row)
