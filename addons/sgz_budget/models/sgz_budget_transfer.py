from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_budget_entry import money


class SgzBudgetTransfer(models.Model):
    """Money moved between two lines of one budget, with its reason, after approval."""

    _name = "sgz.budget.transfer"
    _description = "Budget Transfer"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.approval.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["budget_id", "reason"]
    _check_company_auto = True
    _sgz_locked_states = ("confirmed",)
    _sgz_action_fields = ("state",)
    _sgz_unlink_states = ("draft",)
    _sgz_approval_states = {"confirmed": "draft"}

    name = fields.Char(compute="_compute_name")
    budget_id = fields.Many2one("sgz.budget", required=True, index=True, check_company=True, tracking=True)
    company_id = fields.Many2one(related="budget_id.company_id", store=True, index=True, string="Bureau")
    source_line_id = fields.Many2one("sgz.budget.line", string="From Line", required=True, tracking=True)
    target_line_id = fields.Many2one("sgz.budget.line", string="To Line", required=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    currency_id = fields.Many2one(related="budget_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    reason = fields.Text(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    entry_ids = fields.One2many("sgz.budget.entry", "transfer_id", string="Ledger Entries")

    def _sgz_approval_steps(self):
        return {"confirmed": self.env._("Confirm the transfer between budget lines")}

    def _sgz_document_summary(self):
        rows = super()._sgz_document_summary() + self._sgz_summary_rows(
            ["budget_id", "source_line_id", "target_line_id", "amount", "date", "reason"]
        )
        return rows

    @api.depends(
        "source_line_id.fund_source_id.name",
        "source_line_id.category_id.name",
        "target_line_id.fund_source_id.name",
        "target_line_id.category_id.name",
    )
    @api.depends_context("lang")
    def _compute_name(self):
        """Named after its two lines (fund source and category each: two lines may share a fund source)."""
        for transfer in self:
            transfer.name = self.env._(
                "Transfer %(origin)s → %(destination)s",
                origin=transfer._sgz_line_label(transfer.source_line_id),
                destination=transfer._sgz_line_label(transfer.target_line_id),
            )

    def _sgz_line_label(self, line):
        return "·".join(name for name in (line.fund_source_id.name, line.category_id.name) if name)

    @api.constrains("amount", "source_line_id", "target_line_id", "budget_id")
    def _check_lines(self):
        for transfer in self:
            if money(transfer.amount) <= 0:
                raise ValidationError(self.env._("A transfer amount must be a positive sum of money."))
            if transfer.source_line_id == transfer.target_line_id:
                raise ValidationError(self.env._("A transfer moves money between two different lines."))
            if (transfer.source_line_id | transfer.target_line_id).budget_id != transfer.budget_id:
                raise ValidationError(
                    self.env._(
                        "A transfer moves money between two lines of one budget (%(budget)s); between two budgets "
                        "use an allocation.",
                        budget=transfer.budget_id.name,
                    )
                )

    def _sgz_validate(self):
        for transfer in self:
            if transfer.state != "draft":
                raise UserError(self.env._("%(transfer)s is not a draft.", transfer=transfer.name))
            if not (transfer.reason or "").strip():
                raise UserError(self.env._("Give the reason of the transfer."))
            if transfer.budget_id.state != "approved":
                raise UserError(
                    self.env._(
                        "Transfers are made on an approved budget (%(budget)s).",
                        budget=transfer.budget_id.name,
                    )
                )
            self.env["sgz.budget.restriction"]._sgz_check_pairs(
                [(transfer.target_line_id.fund_source_id, transfer.target_line_id.category_id)], transfer.date
            )
            # the decision reads today's ledger: a date the client sends for the figures shown (sgz_as_of) is
            # not the client's to set here
            available = transfer.source_line_id.with_context(sgz_as_of=False).available
            if money(transfer.amount) > money(available):
                raise UserError(
                    self.env._(
                        "The transfer of ¥%(amount)s is more than the ¥%(available)s available on %(line)s.",
                        amount=f"{transfer.amount:,.2f}",
                        available=f"{available:,.2f}",
                        line=transfer.source_line_id.display_name,
                    )
                )

    @sgz_action(lock_rows=True)
    def action_submit(self):
        """Request approval (tiers are data); without a tier the transfer is made at once."""
        self._sgz_validate()
        for transfer in self:
            if not transfer._sgz_request_approval("confirmed"):
                transfer._sgz_approval_apply("confirmed")
        return True

    def _sgz_approval_apply(self, target):
        if target != "confirmed":
            return super()._sgz_approval_apply(target)
        Entry = self.env["sgz.budget.entry"]
        for transfer in self:
            entries = Entry._sgz_record(
                [
                    transfer._sgz_entry_vals(transfer.source_line_id, -1),
                    transfer._sgz_entry_vals(transfer.target_line_id, 1),
                ]
            )
            with transfer._sgz_unlocked():
                transfer.sudo().write({"state": "confirmed"})
            Entry._sgz_check(entries, transfer)
            transfer.budget_id.sudo().message_post(
                body=self.env._(
                    "Transfer of ¥%(amount)s from %(origin)s to %(destination)s: %(reason)s",
                    amount=f"{transfer.amount:,.2f}",
                    origin=transfer.source_line_id.display_name,
                    destination=transfer.target_line_id.display_name,
                    reason=transfer.reason,
                )
            )
        return True

    def _sgz_entry_vals(self, line, sign):
        return {
            "name": self.name,
            "kind": "transfer",
            "company_id": line.company_id.id,
            "fiscal_year": line.fiscal_year,
            "fund_source_id": line.fund_source_id.id,
            "category_id": line.category_id.id,
            "date": self.date,
            "amount": sign * self.amount,
            "transfer_id": self.id,
            "budget_id": self.budget_id.id,
        }
