from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_base.models.sgz_lock_mixin import lock_lifted

# what the agreement year decides on its purchase order lines: changed only through the agreement
AGREEMENT_LINE_FIELDS = {
    "product_id",
    "product_qty",
    "price_unit",
    "taxes_id",
    "order_id",
    "sgz_station_id",
    "sgz_fund_source_id",
    "sgz_period_start",
    "sgz_period_end",
}


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    sgz_agreement_year_id = fields.Many2one(
        "sgz.agreement.year", string="Agreement Year", index=True, readonly=True, copy=False
    )

    def write(self, vals):
        if "sgz_agreement_year_id" in vals and not lock_lifted(self.env, "purchase.order"):
            raise UserError(
                self.env._("The agreement year of a purchase order is set when the year is signed.")
            )
        return super().write(vals)

    def button_cancel(self):
        if self.filtered("sgz_agreement_year_id") and not lock_lifted(self.env, "purchase.order"):
            raise UserError(
                self.env._(
                    "The purchase order of an agreement year follows the agreement: record a change or the "
                    "termination of the agreement instead of cancelling it."
                )
            )
        return super().button_cancel()


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    sgz_station_id = fields.Many2one("sgz.station", string="Station", index=True)
    sgz_fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", index=True)
    sgz_period_start = fields.Date(string="Period Start")
    sgz_period_end = fields.Date(string="Period End")

    def _sgz_check_agreement_lines(self):
        if self.order_id.filtered("sgz_agreement_year_id") and not lock_lifted(
            self.env, "purchase.order.line"
        ):
            raise UserError(
                self.env._(
                    "The lines of an agreement year's purchase order follow the agreement: change the agreement "
                    "(Change and Termination) to change them."
                )
            )

    def write(self, vals):
        if AGREEMENT_LINE_FIELDS & set(vals):
            self._sgz_check_agreement_lines()
        return super().write(vals)

    def unlink(self):
        self._sgz_check_agreement_lines()
        return super().unlink()

    def _prepare_account_move_line(self, move=False):
        vals = super()._prepare_account_move_line(move=move)
        vals.update(
            {"sgz_fund_source_id": self.sgz_fund_source_id.id, "sgz_station_id": self.sgz_station_id.id}
        )
        return vals
