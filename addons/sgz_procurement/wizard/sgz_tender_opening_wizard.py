from odoo import fields, models
from odoo.exceptions import UserError


class SgzTenderOpeningWizard(models.TransientModel):
    """The reason for opening the bids on a later day than the bid deadline's (财政部令第87号第三十九条: bids
    are opened at the deadline itself); the opening is still recorded at the deadline."""

    _name = "sgz.tender.opening.wizard"
    _description = "Late Opening of the Bids"

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade")
    bid_deadline = fields.Datetime(related="tender_id.bid_deadline")
    reason = fields.Text(string="Reason for the Late Opening", required=True)

    def action_confirm(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Write why the bids are opened after the deadline's day."))
        return self.tender_id.action_open_bids(reason=self.reason)
