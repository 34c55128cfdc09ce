from odoo import fields, models


class SgzBeneficiaryCategory(models.Model):
    """Categories of beneficiaries (低保, 特困, 留守儿童 …): data, extended by an administrator."""

    _name = "sgz.beneficiary.category"
    _description = "Beneficiary Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    sensitive = fields.Boolean(
        string="Sensitive Information",
        help="Belonging to this category is sensitive personal information (a specific identity, health, a "
        "child's situation): a record in it needs the person's separate consent (个人信息保护法第二十八、二十九条).",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The category code must be unique.")]
