from odoo import fields, models
from odoo.exceptions import UserError


class SgzReportReturnWizard(models.TransientModel):
    _name = "sgz.report.return.wizard"
    _description = "Return a Report"

    report_id = fields.Many2one("sgz.report", string="Report", required=True, ondelete="cascade")
    reason = fields.Text(string="Reason for Return", required=True)

    def action_return(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Write the reason for returning this report."))
        self.report_id.action_return(reason=self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
