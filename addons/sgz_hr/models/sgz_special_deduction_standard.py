from odoo import fields, models

SPECIAL_KINDS = [
    ("child_education", "Child Education"),
    ("infant_care", "Infant Care (under 3)"),
    ("elderly_support", "Elderly Support"),
    ("continuing_education", "Continuing Education"),
    ("mortgage_interest", "Mortgage Interest"),
    ("housing_rent", "Housing Rent"),
]


class SgzSpecialDeductionStandard(models.Model):
    """The monthly amount of a special additional deduction (专项附加扣除标准), valid for a period."""

    _name = "sgz.special.deduction.standard"
    _description = "Special Additional Deduction Standard"
    _order = "kind, date_from desc, amount desc"

    name = fields.Char(required=True)
    kind = fields.Selection(SPECIAL_KINDS, required=True, index=True)
    amount = fields.Float(string="Monthly Amount", digits=(16, 2), required=True)
    shared_max_amount = fields.Float(
        string="Maximum When Shared",
        digits=(16, 2),
        help="For elderly support: the most one of several siblings sharing the deduction may take per month.",
    )
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until")
    note = fields.Char(string="Legal Basis")
