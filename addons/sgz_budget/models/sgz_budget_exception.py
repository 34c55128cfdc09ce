from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_budget_entry import money

DOCUMENT_MODELS = [
    ("sgz.agreement", "Service Agreement"),
    ("sgz.agreement.year", "Agreement Year"),
    ("account.move", "Vendor Bill"),
    ("sgz.budget.transfer", "Budget Transfer"),
    ("sgz.budget.allocation", "Budget Allocation"),
]


class SgzBudgetException(models.Model):
    """Leave for one document to take a budget line below zero, by at most an amount: recorded with a reason
    by county finance, approved through the approval tiers, then used once by that document."""

    _name = "sgz.budget.exception"
    _description = "Budget Exception"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.approval.mixin"]
    _order = "id desc"
    _rec_names_search = ["budget_line_id", "reason"]
    _check_company_auto = True
    _sgz_locked_states = ("approved", "used")
    _sgz_action_fields = ("state", "used_date")
    _sgz_unlink_states = ("draft",)
    _sgz_approval_states = {"approved": "draft"}

    name = fields.Char(compute="_compute_name")
    budget_line_id = fields.Many2one("sgz.budget.line", string="Budget Line", required=True, tracking=True)
    budget_id = fields.Many2one(related="budget_line_id.budget_id", store=True, index=True)
    company_id = fields.Many2one(related="budget_line_id.company_id", store=True, index=True, string="Bureau")
    document_ref = fields.Reference(DOCUMENT_MODELS, string="Document", required=True, tracking=True)
    amount = fields.Monetary(string="Overrun Allowed", required=True, tracking=True)
    currency_id = fields.Many2one(related="budget_line_id.currency_id")
    reason = fields.Text(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("used", "Used")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    used_date = fields.Date(readonly=True, copy=False)

    def _sgz_approval_steps(self):
        return {"approved": self.env._("Allow the overrun of the budget line")}

    def _sgz_document_summary(self):
        rows = super()._sgz_document_summary() + self._sgz_summary_rows(
            ["budget_line_id", "document_ref", "amount", "reason"]
        )
        return rows

    @api.depends("budget_line_id", "document_ref")
    def _compute_name(self):
        for exception in self:
            exception.name = self.env._(
                "Exception for %(document)s",
                document=exception.document_ref.display_name if exception.document_ref else "",
            )

    @api.constrains("amount")
    def _check_amount(self):
        for exception in self:
            if money(exception.amount) <= 0:
                raise ValidationError(
                    self.env._("The overrun an exception allows must be a positive amount.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("reason") or "").strip():
                raise UserError(self.env._("A budget exception needs its reason."))
        return super().create(vals_list)

    def write(self, vals):
        if "reason" in vals and not (vals["reason"] or "").strip():
            raise UserError(self.env._("A budget exception needs its reason."))
        return super().write(vals)

    @sgz_action(lock_rows=True)
    def action_submit(self):
        for exception in self:
            if exception.state != "draft":
                raise UserError(self.env._("%(exception)s is not a draft.", exception=exception.name))
            if not exception._sgz_request_approval("approved"):
                exception._sgz_approval_apply("approved")
        return True

    def _sgz_approval_apply(self, target):
        result = super()._sgz_approval_apply(target)
        if target == "approved":
            for exception in self:
                exception.budget_id.sudo().message_post(
                    body=self.env._(
                        "Exception approved on %(line)s for %(document)s: up to ¥%(amount)s over the budget. "
                        "Reason: %(reason)s",
                        line=exception.budget_line_id.display_name,
                        document=exception.document_ref.display_name,
                        amount=f"{exception.amount:,.2f}",
                        reason=exception.reason,
                    )
                )
        return result

    @api.model
    def _sgz_covering(self, document, shortfalls):
        """{key: exception} of the approved, unused exceptions of ``document`` that cover ``shortfalls``
        ({key: amount}): one query."""
        if not document:
            return {}
        refs = [f"{document._name},{document.id}"]
        if document._name == "sgz.agreement.year":
            refs.append(f"sgz.agreement,{document.agreement_id.id}")  # year 1 is signed with its agreement
        exceptions = self.sudo().search([("state", "=", "approved"), ("document_ref", "in", refs)])
        covering = {}
        for exception in exceptions:
            key = exception.budget_line_id._sgz_key()
            if key in shortfalls and money(exception.amount) >= money(shortfalls[key]):
                covering[key] = exception
        return covering

    def _sgz_use(self, document):
        today = fields.Date.context_today(self)
        for exception in self:
            with exception._sgz_unlocked():
                exception.sudo().write({"state": "used", "used_date": today})
            exception.budget_id.sudo().message_post(
                body=self.env._(
                    "Exception used: %(document)s went over %(line)s (allowed up to ¥%(amount)s).",
                    document=document.display_name,
                    line=exception.budget_line_id.display_name,
                    amount=f"{exception.amount:,.2f}",
                )
            )
