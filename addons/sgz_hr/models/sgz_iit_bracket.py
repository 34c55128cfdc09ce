from odoo import api, fields, models


class SgzIitBracket(models.Model):
    _name = "sgz.iit.bracket"
    _description = "Income Tax Bracket"
    _order = "table_id, upper"

    table_id = fields.Many2one("sgz.iit.table", required=True, index=True, ondelete="cascade")
    upper = fields.Float(
        string="Up To",
        digits=(16, 2),
        help="Cumulative taxable income up to this amount; 0 for the open top bracket.",
    )
    rate = fields.Float(string="Rate (%)", digits=(6, 2), required=True)
    quick_deduction = fields.Float(digits=(16, 2))

    @api.depends("upper", "rate")
    def _compute_display_name(self):
        for bracket in self:
            rate = f"{bracket.rate:g}%"
            if bracket.upper:
                bracket.display_name = self.env._(
                    "Up to %(upper)s: %(rate)s", upper=f"{bracket.upper:,.2f}", rate=rate
                )
            else:
                bracket.display_name = self.env._("Above the last bracket: %(rate)s", rate=rate)
