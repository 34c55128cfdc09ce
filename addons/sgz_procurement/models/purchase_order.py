from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_base.models.sgz_lock_mixin import lock_lifted

# what the agreement year decides on its purchase order: changed only through the agreement
AGREEMENT_ORDER_FIELDS = {
    "partner_id",
    "partner_ref",
    "currency_id",
    "company_id",
    "fiscal_position_id",
    "payment_term_id",
    "order_line",
    "sgz_agreement_year_id",
}
AGREEMENT_LINE_FIELDS = {
    "product_id",
    "product_qty",
    "product_uom",
    "price_unit",
    "discount",
    "taxes_id",
    "order_id",
    "sgz_station_id",
    "sgz_fund_source_id",
    "sgz_period_start",
    "sgz_period_end",
}


def _refuse(env):
    raise UserError(
        env._(
            "The purchase order of an agreement year follows the agreement: record a change or the termination "
            "of the agreement (Change and Termination) instead of editing or cancelling the order."
        )
    )


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    sgz_agreement_year_id = fields.Many2one(
        "sgz.agreement.year", string="Agreement Year", index=True, readonly=True, copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("sgz_agreement_year_id") for vals in vals_list) and not lock_lifted(
            self.env, "purchase.order"
        ):
            _refuse(self.env)
        return super().create(vals_list)

    def write(self, vals):
        if AGREEMENT_ORDER_FIELDS & set(vals) and not lock_lifted(self.env, "purchase.order"):
            if self.filtered("sgz_agreement_year_id") or vals.get("sgz_agreement_year_id"):
                _refuse(self.env)
        return super().write(vals)

    def button_cancel(self):
        if self.filtered("sgz_agreement_year_id") and not lock_lifted(self.env, "purchase.order"):
            _refuse(self.env)
        return super().button_cancel()


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    sgz_station_id = fields.Many2one("sgz.station", string="Station", index=True)
    sgz_fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", index=True)
    sgz_period_start = fields.Date(string="Period Start")
    sgz_period_end = fields.Date(string="Period End")

    def _sgz_check_agreement_lines(self, orders=None):
        orders = (orders or self.env["purchase.order"]) | self.order_id
        if orders.filtered("sgz_agreement_year_id") and not lock_lifted(self.env, "purchase.order.line"):
            _refuse(self.env)

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["purchase.order"].browse(
            {vals.get("order_id") for vals in vals_list if vals.get("order_id")}
        )
        self._sgz_check_agreement_lines(orders.sudo())
        return super().create(vals_list)

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
