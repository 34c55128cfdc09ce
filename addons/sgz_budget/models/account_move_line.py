from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    sgz_budget_category_id = fields.Many2one("sgz.budget.category", string="Expense Category", index=True)
    sgz_agreement_year_id = fields.Many2one(
        related="purchase_line_id.order_id.sgz_agreement_year_id", string="Agreement Year"
    )
