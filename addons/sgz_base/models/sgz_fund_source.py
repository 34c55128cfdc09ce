from odoo import fields, models


class SgzFundSource(models.Model):
    """Where the money of the program comes from (§三, §七(二)): lottery, relief and fiscal funds."""

    _name = "sgz.fund.source"
    _description = "Fund Source"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        [
            ("lottery", "Welfare Lottery Funds"),
            ("relief_work", "Social Relief Work Funds"),
            ("relief_special", "Special Social Relief Funds"),
            ("fiscal", "Fiscal Budget"),
        ],
        required=True,
    )
    level = fields.Selection(
        [("province", "Province"), ("city", "City"), ("county", "County")],
        help="The government level whose budget provides the money, if fixed.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The fund source code must be unique.")]
