from odoo import fields, models


class SgzBudgetCategory(models.Model):
    """What the money pays for (service purchase, training, evaluation, station set-up…): data, not code."""

    _name = "sgz.budget.category"
    _description = "Expense Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    disclosure_category = fields.Selection(
        [
            ("elderly", "Elderly welfare"),
            ("disabled", "Disability welfare"),
            ("children", "Child welfare"),
            ("public", "Public welfare"),
        ],
        string="Disclosure Category",
        default="public",
        required=True,
        help="Heading of the welfare-lottery fund disclosure under which spending of this category is shown.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The expense category code must be unique.")]
