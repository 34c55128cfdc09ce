from odoo import fields, models

MIN_WAGE_TIERS = [("1", "Tier 1"), ("2", "Tier 2"), ("3", "Tier 3"), ("4", "Tier 4")]


class SgzRegion(models.Model):
    _inherit = "sgz.region"

    sgz_min_wage_tier = fields.Selection(
        MIN_WAGE_TIERS,
        string="Minimum Wage Tier",
        help="The tier of the province's minimum wage standard that applies here (最低工资标准档次). "
        "Left empty, the tier of the parent region applies.",
    )

    def _sgz_ancestors(self):
        """The region and its parents, nearest first (from the parent_path, no query per level)."""
        self.ensure_one()
        ids = [int(x) for x in (self.parent_path or "").strip("/").split("/") if x]
        return self.browse(list(reversed(ids))) if ids else self

    def _sgz_min_wage_tier(self):
        self.ensure_one()
        for region in self._sgz_ancestors():
            if region.sgz_min_wage_tier:
                return region.sgz_min_wage_tier
        return False
