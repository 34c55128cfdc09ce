from odoo import fields, models
from odoo.exceptions import UserError

from ..models.sgz_procurement_plan import PURCHASE_METHODS


class SgzTenderReprocureWizard(models.TransientModel):
    """Buy the failed lots of a tender again, possibly with another method (its publication then waits for the
    approval of the finance department, a tier of the tender's approval)."""

    _name = "sgz.tender.reprocure.wizard"
    _description = "Procure Failed Lots Again"

    tender_id = fields.Many2one(
        "sgz.tender",
        required=True,
        default=lambda self: self.env.context.get("active_id"),
        ondelete="cascade",
    )
    method = fields.Selection(
        PURCHASE_METHODS, string="Purchase Method", required=True, default="consultation"
    )
    reason = fields.Text(string="Reason for the Method Change", required=True)

    def action_confirm(self):
        self.ensure_one()
        tender = self.tender_id
        tender.check_access("write")
        if tender.state not in ("failed", "awarded"):
            raise UserError(self.env._("Only the failed lots of an opened tender are procured again."))
        new = tender._sgz_reprocure(self.method, self.reason)
        if not new:
            raise UserError(
                self.env._("Choose another purchase method, or publish a new tender of the same method.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.tender",
            "res_id": new.id,
            "view_mode": "form",
        }
