from odoo import fields, models


class SgzAgreement(models.Model):
    _inherit = "sgz.agreement"

    sgz_fund_split_ids = fields.One2many(
        "sgz.agreement.year.fund",
        "agreement_id",
        string="Fund Split",
        copy=True,
        help="How each agreement year is paid, by fund source; copied onto every new year.",
    )

    def _prepare_year_vals(self, sequence, start):
        vals = super()._prepare_year_vals(sequence, start)
        if self.sgz_fund_split_ids:
            vals["sgz_fund_split_ids"] = [
                fields.Command.create(
                    {
                        "fund_source_id": s.fund_source_id.id,
                        "category_id": s.category_id.id,
                        "amount": s.amount,
                    }
                )
                for s in self.sgz_fund_split_ids
            ]
        return vals
