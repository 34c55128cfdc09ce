from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_budget_entry import money


class SgzBudgetAllocation(models.Model):
    """Money a higher level (province, city) gives to a lower one's budget line; seen by both sides."""

    _name = "sgz.budget.allocation"
    _description = "Budget Allocation"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["company_id", "target_company_id", "fund_source_id"]
    _check_company_auto = True
    _sgz_locked_states = ("confirmed",)
    _sgz_lock_writable = ("note",)
    _sgz_action_fields = ("state", "target_line_id", "reward_round_id")
    _sgz_unlink_states = ("draft",)

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        string="Giver",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "in", ("province", "city"))],
        tracking=True,
    )
    target_company_id = fields.Many2one(
        "res.company",
        string="Receiver",
        required=True,
        index=True,
        domain=[("sgz_kind", "in", ("city", "county"))],
        tracking=True,
    )
    fiscal_year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        aggregator=None,
        tracking=True,
    )
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", required=True, tracking=True)
    category_id = fields.Many2one(
        "sgz.budget.category",
        string="Expense Category",
        required=True,
        default=lambda self: self.env.ref("sgz_budget.budget_category_service", raise_if_not_found=False),
        tracking=True,
    )
    source_line_id = fields.Many2one(
        "sgz.budget.line",
        string="Paid From",
        check_company=True,
        help="The giver's budget line the money leaves (optional: money outside the giver's budget).",
    )
    target_line_id = fields.Many2one("sgz.budget.line", string="Receiving Line", readonly=True)
    amount = fields.Monetary(required=True, tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    reward_round_id = fields.Many2one(
        "sgz.budget.reward.round", string="Reward Round", readonly=True, index=True
    )
    evaluation_ids = fields.Many2many(
        "sgz.agreement.evaluation",
        string="Evaluations",
        readonly=True,
        help="Evaluations a reward comes from.",
    )
    note = fields.Text(string="Purpose")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    entry_ids = fields.One2many("sgz.budget.entry", "allocation_id", string="Ledger Entries")

    @api.depends("company_id.name", "target_company_id.name", "fund_source_id.name", "fiscal_year")
    def _compute_name(self):
        for allocation in self:
            allocation.name = self.env._(
                "%(giver)s → %(receiver)s, %(fund)s %(year)s",
                giver=allocation.company_id.name or "",
                receiver=allocation.target_company_id.name or "",
                fund=allocation.fund_source_id.name or "",
                year=allocation.fiscal_year,
            )

    @api.constrains("amount")
    def _check_amount(self):
        for allocation in self:
            if money(allocation.amount) <= 0:
                raise ValidationError(self.env._("An allocation amount must be a positive sum of money."))

    @api.constrains("company_id", "target_company_id")
    def _check_below(self):
        for allocation in self.sudo():
            giver, receiver = allocation.company_id, allocation.target_company_id
            if receiver == giver or giver not in receiver.parent_ids:
                raise ValidationError(
                    self.env._(
                        "%(receiver)s is not below %(giver)s: money is allocated only to a lower level.",
                        receiver=receiver.name,
                        giver=giver.name,
                    )
                )

    @api.constrains("source_line_id", "company_id", "fiscal_year")
    def _check_source(self):
        for allocation in self:
            line = allocation.source_line_id
            if line and (
                line.company_id != allocation.company_id or line.fiscal_year != allocation.fiscal_year
            ):
                raise ValidationError(
                    self.env._("The line the money leaves must be in the giver's budget of the same year.")
                )

    @sgz_action(lock_rows=True)
    def action_confirm(self):
        return self._sgz_confirm()

    def _sgz_confirm(self):
        """Credit the receiver's line (created on its approved budget if missing), debit the giver's line."""
        Entry = self.env["sgz.budget.entry"]
        for allocation in self:
            if allocation.state != "draft":
                raise UserError(
                    self.env._("%(allocation)s is already confirmed.", allocation=allocation.name)
                )
            self.env["sgz.budget.restriction"]._sgz_check_pairs(
                [(allocation.fund_source_id, allocation.category_id)], allocation.date
            )
            target_line = allocation._sgz_receiving_line()
            vals_list = [
                allocation._sgz_entry_vals(
                    allocation.target_company_id,
                    allocation.fund_source_id,
                    allocation.category_id,
                    "allocation_in",
                    1,
                )
            ]
            source = allocation.source_line_id
            if source:
                vals_list.append(
                    allocation._sgz_entry_vals(
                        allocation.company_id, source.fund_source_id, source.category_id, "allocation_out", -1
                    )
                )
            entries = Entry._sgz_record(vals_list)
            allocation.sudo().write({"state": "confirmed", "target_line_id": target_line.id})
            Entry._sgz_check(entries, allocation)
            target_line.budget_id.sudo().message_post(
                body=self.env._(
                    "Allocation received from %(giver)s: ¥%(amount)s (%(allocation)s).",
                    giver=allocation.company_id.name,
                    amount=f"{allocation.amount:,.2f}",
                    allocation=allocation.name,
                )
            )
        return True

    def _sgz_entry_vals(self, company, fund, category, kind, sign):
        return {
            "name": self.name,
            "kind": kind,
            "company_id": company.id,
            "fiscal_year": self.fiscal_year,
            "fund_source_id": fund.id,
            "category_id": category.id,
            "date": self.date,
            "amount": sign * self.amount,
            "allocation_id": self.id,
        }

    def _sgz_receiving_line(self):
        self.ensure_one()
        budget = (
            self.env["sgz.budget"]
            .sudo()
            .search([("company_id", "=", self.target_company_id.id), ("fiscal_year", "=", self.fiscal_year)])
        )
        if not budget or budget.state != "approved":
            raise UserError(
                self.env._(
                    "%(company)s has no approved budget for %(year)s to receive the allocation.",
                    company=self.target_company_id.name,
                    year=self.fiscal_year,
                )
            )
        line = budget.line_ids.filtered(
            lambda line: line.fund_source_id == self.fund_source_id and line.category_id == self.category_id
        )
        if not line:
            with line._sgz_unlocked():
                line = (
                    self.env["sgz.budget.line"]
                    .sudo()
                    .create(
                        {
                            "budget_id": budget.id,
                            "fund_source_id": self.fund_source_id.id,
                            "category_id": self.category_id.id,
                            "amount": 0.0,
                        }
                    )
                )
        return line

    def action_open_entries(self):
        self.ensure_one()
        return self.env["sgz.budget.entry"]._sgz_open([("allocation_id", "=", self.id)], "entries")
