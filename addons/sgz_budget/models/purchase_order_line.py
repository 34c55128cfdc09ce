from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    sgz_budget_category_id = fields.Many2one("sgz.budget.category", string="Expense Category", index=True)

    def _prepare_account_move_line(self, move=False):
        vals = super()._prepare_account_move_line(move=move)
        vals["sgz_budget_category_id"] = self.sgz_budget_category_id.id
        return vals
