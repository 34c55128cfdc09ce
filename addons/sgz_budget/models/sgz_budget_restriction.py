from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SgzBudgetRestriction(models.Model):
    """A fund source barred from an expense category (e.g. welfare-lottery funds never pay government staff
    costs, official receptions or travel): data with validity dates."""

    _name = "sgz.budget.restriction"
    _description = "Fund-Use Restriction"
    _order = "category_id, id"

    fund_source_ids = fields.Many2many("sgz.fund.source", string="Fund Sources", required=True)
    category_id = fields.Many2one("sgz.budget.category", string="Barred Category", required=True)
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid Until")
    note = fields.Char(string="Basis", translate=True)
    active = fields.Boolean(default=True)

    @api.depends("fund_source_ids.name", "category_id.name")
    def _compute_display_name(self):
        for restriction in self:
            restriction.display_name = self.env._(
                "%(category)s not paid by %(funds)s",
                category=restriction.category_id.name or "",
                funds="、".join(restriction.fund_source_ids.mapped("name")),
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for restriction in self:
            if restriction.date_from and restriction.date_to and restriction.date_to < restriction.date_from:
                raise ValidationError(self.env._("A restriction cannot end before it starts."))

    @api.model
    def _sgz_check_pairs(self, pairs, date=None):
        """Refuse a barred (fund source, category) pair among ``pairs`` (records), naming both."""
        pairs = {(fund, category) for fund, category in pairs if fund and category}
        if not pairs:
            return
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        restrictions = self.sudo().search([("category_id", "in", [c.id for _f, c in pairs])])
        for restriction in restrictions:
            if restriction.date_from and restriction.date_from > date:
                continue
            if restriction.date_to and restriction.date_to < date:
                continue
            for fund, category in pairs:
                if category == restriction.category_id and fund in restriction.fund_source_ids:
                    raise UserError(
                        self.env._(
                            "%(fund)s may not pay %(category)s (fund-use restriction%(basis)s).",
                            fund=fund.name,
                            category=category.name,
                            basis=f": {restriction.note}" if restriction.note else "",
                        )
                    )
