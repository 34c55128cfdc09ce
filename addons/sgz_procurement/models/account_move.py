from odoo import models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        self._sgz_check_agreement_bills()
        return super()._post(soft=soft)

    def _sgz_check_agreement_bills(self):
        """A bill of an agreement year's purchase order bills what the order says: the agreement's provider,
        each line's fund source and station, at most the ordered quantity at the ordered price."""
        for move in self.filtered(lambda m: m.move_type in ("in_invoice", "in_refund")):
            for line in move.invoice_line_ids.filtered("purchase_line_id"):
                order_line = line.purchase_line_id.sudo()
                order = order_line.order_id
                if not order.sgz_agreement_year_id:
                    continue
                if move.commercial_partner_id != order.partner_id.commercial_partner_id:
                    raise UserError(
                        self.env._(
                            "%(bill)s bills the order of %(year)s: its vendor must be %(partner)s.",
                            bill=move.display_name,
                            year=order.sgz_agreement_year_id.name,
                            partner=order.partner_id.name,
                        )
                    )
                if (line.sgz_fund_source_id, line.sgz_station_id) != (
                    order_line.sgz_fund_source_id,
                    order_line.sgz_station_id,
                ):
                    raise UserError(
                        self.env._(
                            "The line “%(line)s” keeps the fund source and station of its order line.",
                            line=line.name,
                        )
                    )
                if float_compare(line.price_unit, order_line.price_unit, precision_digits=2) > 0:
                    raise UserError(
                        self.env._(
                            "The line “%(line)s” bills %(price).2f, above the ordered %(ordered).2f.",
                            line=line.name,
                            price=line.price_unit,
                            ordered=order_line.price_unit,
                        )
                    )
                billed = sum(
                    (1 if other.move_id.move_type == "in_invoice" else -1) * other.quantity
                    for other in order_line.invoice_lines
                    if other.move_id.state != "cancel"
                    and (other.move_id.state == "posted" or other.move_id == move)
                )
                if float_compare(billed, order_line.product_qty, precision_digits=2) > 0:
                    raise UserError(
                        self.env._(
                            "The line “%(line)s” would bill more than was ordered for its period.",
                            line=line.name,
                        )
                    )
