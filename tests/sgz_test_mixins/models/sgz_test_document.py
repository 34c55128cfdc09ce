from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action


class SgzTestDocument(models.Model):
    """A document using every shared mechanism of sgz_base, for their tests."""

    _name = "sgz.test.document"
    _description = "Test Document"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sgz.approval.mixin",
        "sgz.filing.mixin",
        "sgz.deadline.mixin",
    ]
    _check_company_auto = True

    _sgz_locked_states = ("confirmed", "done")
    _sgz_lock_writable = ("note",)
    _sgz_action_fields = ("state", "confirmed_by_id")
    _sgz_unlink_states = ("draft",)
    _sgz_approval_states = {"confirmed": "draft"}
    _sgz_masked_fields = ("id_number", "bank_partner_id")

    name = fields.Char(required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", check_company=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")], default="draft", required=True
    )
    amount = fields.Float(tracking=True)
    wage = fields.Float(sgz_limit="wage")
    count = fields.Integer()
    happened_on = fields.Date(sgz_not_future=True)
    id_number = fields.Char()
    bank_partner_id = fields.Many2one("res.partner", string="Bank")
    description = fields.Text()
    day = fields.Date()
    kind = fields.Selection([("a", "Kind A"), ("b", "Kind B")])
    note = fields.Char()
    file = fields.Binary(attachment=True)
    file_name = fields.Char()
    total = fields.Float(compute="_compute_total", store=True)
    confirmed_by_id = fields.Many2one("res.users")
    line_ids = fields.One2many("sgz.test.document.line", "document_id")

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for document in self:
            document.total = sum(document.line_ids.mapped("amount"))

    @sgz_action(lock_rows=True)
    def action_confirm(self):
        for document in self:
            if document.state != "draft":
                raise UserError(self.env._("Only a draft document can be confirmed."))
            if document._sgz_is_approved("confirmed"):
                document.write({"state": "confirmed", "confirmed_by_id": self.env.uid})
            else:
                document._sgz_request_approval("confirmed")
        return True

    @sgz_action(lock_rows=True)
    def action_done(self):
        """Moves the document on without approval (as a tender's cancellation does): a request pending for the
        state it leaves is void."""
        self.write({"state": "done"})
        return True

    def _sgz_approval_check_request(self, target):
        super()._sgz_approval_check_request(target)
        for document in self:
            if document.amount < 0:
                raise UserError(self.env._("A document with a negative amount cannot be sent for approval."))
        return True

    def _sgz_document_summary(self):
        return [*super()._sgz_document_summary(), (self.env._("Amount"), f"¥{self.amount:,.2f}")]

    def _sgz_approval_apply(self, target):
        with self._sgz_unlocked():
            self.write({"state": target, "confirmed_by_id": self.env.uid})


class SgzTestDocumentLine(models.Model):
    _name = "sgz.test.document.line"
    _description = "Test Document Line"
    _inherit = ["sgz.lock.mixin"]
    _sgz_lock_parent = "document_id"

    document_id = fields.Many2one("sgz.test.document", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="document_id.company_id", store=True)
    amount = fields.Float()
