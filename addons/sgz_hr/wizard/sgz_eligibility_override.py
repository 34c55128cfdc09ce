from odoo import fields, models


class SgzEligibilityOverrideWizard(models.TransientModel):
    _name = "sgz.eligibility.override.wizard"
    _description = "Override Worker Eligibility"

    employee_ids = fields.Many2many("hr.employee", string="Workers", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.employee_ids._sgz_override_eligibility(self.reason)
        return {"type": "ir.actions.act_window_close"}
