from odoo import fields, models


class SgzServicePlanVersionWizard(models.TransientModel):
    _name = "sgz.service.plan.version.wizard"
    _description = "New Version of a Service Plan"

    plan_id = fields.Many2one("sgz.service.plan", string="Service Plan", required=True, ondelete="cascade")
    reason = fields.Text(string="Reason for the Change", required=True)

    def action_confirm(self):
        self.ensure_one()
        return self.plan_id.action_new_version(reason=self.reason)
