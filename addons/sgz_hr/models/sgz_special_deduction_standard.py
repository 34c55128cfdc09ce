from odoo import fields, models

from ..engine import SPECIAL_DEDUCTION_KINDS

SPECIAL_KINDS = [(kind.code, kind.label) for kind in SPECIAL_DEDUCTION_KINDS]


class SgzSpecialDeductionStandard(models.Model):
    """The monthly amount of a special additional deduction (专项附加扣除标准), valid for a period."""

    _name = "sgz.special.deduction.standard"
    _description = "Special Additional Deduction Standard"
    _order = "kind, date_from desc, amount desc"

    name = fields.Char(required=True)
    kind = fields.Selection(SPECIAL_KINDS, required=True, index=True)
    amount = fields.Float(string="Monthly Amount", digits=(16, 2), required=True)
    one_off = fields.Boolean(
        string="Once in the Year Obtained",
        help="Deducted once, in full, in the year the certificate is obtained (continuing education for a "
        "vocational or professional qualification certificate, such as the national social worker "
        "qualification certificate: 3,600, 国发〔2018〕41号第八条).",
    )
    shared_max_amount = fields.Float(
        string="Maximum When Shared",
        digits=(16, 2),
        help="For elderly support: the most one of several siblings sharing the deduction may take per month.",
    )
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until")
    note = fields.Char(string="Legal Basis")

    def _sgz_covers(self, kind, day):
        """Whether this standard is of ``kind`` and in force on ``day``."""
        self.ensure_one()
        return self.kind == kind and self.date_from <= day and (not self.date_to or self.date_to >= day)
