from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    sgz_agreement_year_id = fields.Many2one(
        "sgz.agreement.year", string="Agreement Year", index=True, readonly=True, copy=False
    )


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    sgz_station_id = fields.Many2one("sgz.station", string="Station", index=True)
    sgz_fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", index=True)
    sgz_period_start = fields.Date(string="Period Start")
    sgz_period_end = fields.Date(string="Period End")

    def _prepare_account_move_line(self, move=False):
        vals = super()._prepare_account_move_line(move=move)
        vals.update(
            {"sgz_fund_source_id": self.sgz_fund_source_id.id, "sgz_station_id": self.sgz_station_id.id}
        )
        return vals
