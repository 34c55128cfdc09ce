from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

OVERRIDE_STATES = [("draft", "Draft"), ("approved", "Approved")]


class SgzEligibilityOverride(models.Model):
    """A request to hire a worker who does not meet the requirements of §五(三) (under 40, college or higher).

    Provider HR writes the reason and asks for approval; the approval tiers (data: a provider manager) decide
    through ``sgz.approval.mixin``. When the last tier approves, the worker's override is recorded with the
    approver's name and the reason; nothing else can write it.
    """

    _name = "sgz.eligibility.override"
    _description = "Eligibility Override Request"
    _inherit = ["mail.thread", "sgz.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _sgz_locked_states = ("approved",)
    _sgz_unlink_states = ("draft",)
    _sgz_action_fields = ("state", "approved_by_id", "approved_date")
    _sgz_approval_states = {"approved": "draft"}

    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, string="Employer"
    )
    reason = fields.Text(required=True, tracking=True)
    eligibility_notes = fields.Text(related="employee_id.sgz_eligibility_notes", string="Eligibility")
    state = fields.Selection(OVERRIDE_STATES, default="draft", required=True, readonly=True, tracking=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True)
    approved_date = fields.Datetime(string="Approved On", readonly=True)

    @api.depends("employee_id")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._("Override for %(name)s", name=request.employee_id.name or "")

    def _sgz_approval_steps(self):
        return {"approved": self.env._("Let the worker be stationed despite the eligibility rules")}

    def _sgz_document_summary(self):
        return super()._sgz_document_summary() + self._sgz_summary_rows(
            ["employee_id", "company_id", "eligibility_notes", "reason"]
        )

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id:
            self.company_id = self.employee_id.company_id

    @sgz_action
    def action_request_approval(self):
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._("%(name)s is already approved.", name=request.display_name))
            if not (request.reason or "").strip():
                raise UserError(self.env._("Give the reason for the override."))
            if request.employee_id.sgz_eligible or request.employee_id.sgz_override:
                raise UserError(self.env._("%(name)s needs no override.", name=request.employee_id.name))
        self._sgz_request_approval("approved")
        return True

    def _sgz_approval_apply(self, target):
        """The last tier approved: record the override on the worker, in the approver's name."""
        now = fields.Datetime.now()
        for request in self:
            with self._sgz_unlocked("hr.employee"):
                request.sudo().write(
                    {"state": "approved", "approved_by_id": self.env.uid, "approved_date": now}
                )
                request.employee_id.sudo().write(
                    {
                        "sgz_override": True,
                        "sgz_override_reason": request.reason.strip(),
                        "sgz_override_user_id": self.env.uid,
                        "sgz_override_date": now,
                    }
                )
            request.employee_id.sudo().message_post(
                body=self.env._(
                    "Eligibility overridden by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=request.reason,
                ),
                author_id=self.env.user.partner_id.id,
            )
