from odoo import fields, models
from odoo.exceptions import UserError

from ..models.sgz_procurement_plan import PURCHASE_METHODS
from ..models.sgz_tender import SINGLE_SOURCE_GROUNDS


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
    single_source_ground = fields.Selection(
        SINGLE_SOURCE_GROUNDS,
        string="Single-Source Ground",
        help="Which of the three grounds of 政府采购法第三十一条 allows buying from a single source.",
    )
    reason = fields.Text(string="Reason for the Method Change", required=True)

    def action_confirm(self):
        self.ensure_one()
        tender = self.tender_id
        tender.check_access("write")
        if tender.state not in ("failed", "awarded"):
            raise UserError(self.env._("Only the failed lots of an opened tender are procured again."))
        new = tender._sgz_reprocure(self.method, self.reason, ground=self.single_source_ground)
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
