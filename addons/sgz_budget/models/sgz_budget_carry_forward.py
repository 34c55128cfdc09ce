from odoo import api, fields, models

from .sgz_budget_entry import COMMITTED_KINDS, money


class SgzBudgetCarryForward(models.Model):
    """What closing a year moved into the next one (结余结转下年使用): unused welfare-lottery balances and the
    open commitments of signed agreement years. Made by closing the budget, never typed, never deleted."""

    _name = "sgz.budget.carry.forward"
    _description = "Budget Carry-Forward"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["company_id", "budget_from_id"]
    _check_company_auto = True
    _sgz_locked_states = ("done",)
    _sgz_unlink_states = ()
    _sgz_create_by_action = True

    name = fields.Char(compute="_compute_name")
    budget_from_id = fields.Many2one(
        "sgz.budget", string="From Budget", required=True, readonly=True, index=True
    )
    budget_to_id = fields.Many2one("sgz.budget", string="To Budget", required=True, readonly=True, index=True)
    company_id = fields.Many2one(related="budget_from_id.company_id", store=True, index=True, string="Bureau")
    currency_id = fields.Many2one(related="budget_from_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    line_ids = fields.One2many(
        "sgz.budget.carry.forward.line", "carry_forward_id", string="Lines", readonly=True
    )
    amount_balance = fields.Monetary(compute="_compute_amounts", store=True, string="Balances Carried")
    amount_commitment = fields.Monetary(compute="_compute_amounts", store=True, string="Commitments Moved")
    state = fields.Selection([("done", "Done")], default="done", required=True, readonly=True)
    entry_ids = fields.One2many("sgz.budget.entry", "carry_forward_id", string="Ledger Entries")

    @api.depends("budget_from_id.fiscal_year", "budget_to_id.fiscal_year", "company_id.name")
    def _compute_name(self):
        for carry in self:
            carry.name = self.env._(
                "%(company)s: carry-forward %(from)s → %(to)s",
                company=carry.company_id.name or "",
                **{"from": carry.budget_from_id.fiscal_year, "to": carry.budget_to_id.fiscal_year},
            )

    @api.depends("line_ids.amount", "line_ids.kind")
    def _compute_amounts(self):
        for carry in self:
            carry.amount_balance = sum(
                carry.line_ids.filtered(lambda line: line.kind == "balance").mapped("amount")
            )
            carry.amount_commitment = sum(
                carry.line_ids.filtered(lambda line: line.kind == "commitment").mapped("amount")
            )

    @api.model
    def _sgz_carried_lines(self, budget_from):
        """The carry-forward lines of ``budget_from``: its open commitments and its unspent lottery money."""
        Entry = self.env["sgz.budget.entry"].sudo()
        company, year = budget_from.company_id, budget_from.fiscal_year
        figures = Entry._sgz_figures(company.ids, [year])
        lines = []
        # open commitments of the agreement years move with them
        groups = Entry._read_group(
            [("company_id", "=", company.id), ("fiscal_year", "=", year), ("kind", "in", COMMITTED_KINDS)],
            ["agreement_year_id", "fund_source_id", "category_id"],
            ["amount:sum"],
        )
        for agreement_year, fund, category, amount in groups:
            if agreement_year and money(amount) > 0:
                lines.append(
                    {
                        "kind": "commitment",
                        "agreement_year_id": agreement_year.id,
                        "fund_source_id": fund.id,
                        "category_id": category.id,
                        "amount": money(amount),
                    }
                )
        # the unspent welfare-lottery money (allocated − actual) carries forward; other funds lapse
        Fund = self.env["sgz.fund.source"]
        for (_company, _year, fund_id, category_id), values in figures.items():
            fund = Fund.browse(fund_id)
            balance = money(values["allocated"] - values["actual"])
            if fund.category == "lottery" and balance > 0:
                lines.append(
                    {
                        "kind": "balance",
                        "fund_source_id": fund_id,
                        "category_id": category_id,
                        "amount": balance,
                    }
                )
        return lines

    @api.model
    def _sgz_make(self, budget_from, budget_to, date):
        """Build the carry-forward of ``budget_from`` into ``budget_to`` and write its ledger rows."""
        Entry = self.env["sgz.budget.entry"].sudo()
        lines = self._sgz_carried_lines(budget_from)
        with self._sgz_unlocked("sgz.budget.carry.forward.line"):
            carry = self.sudo().create(
                {
                    "budget_from_id": budget_from.id,
                    "budget_to_id": budget_to.id,
                    "date": date,
                    "line_ids": [fields.Command.create(vals) for vals in lines],
                }
            )
        entry_vals = self._sgz_carry_entries(carry, budget_from, budget_to, date)
        Entry._sgz_record(entry_vals)
        carry.line_ids.agreement_year_id.sudo().write({"sgz_budget_year": budget_to.fiscal_year})
        budget_to._sgz_ensure_lines({(line.fund_source_id, line.category_id) for line in carry.line_ids})
        return carry

    @api.model
    def _sgz_carry_entries(self, carry, budget_from, budget_to, date):
        """The ledger rows of ``carry``: each line leaves ``budget_from`` and enters ``budget_to`` on ``date``."""
        company = budget_from.company_id
        entry_vals = []
        for line in carry.line_ids:
            kind = "commitment" if line.kind == "commitment" else "carry"
            for budget, sign, when in ((budget_from, -1, date), (budget_to, 1, date)):
                entry_vals.append(
                    {
                        "name": carry.name,
                        "kind": kind,
                        "company_id": company.id,
                        "fiscal_year": budget.fiscal_year,
                        "fund_source_id": line.fund_source_id.id,
                        "category_id": line.category_id.id,
                        "date": when,
                        "amount": sign * line.amount,
                        "agreement_year_id": line.agreement_year_id.id,
                        "carry_forward_id": carry.id,
                        "budget_id": budget.id,
                    }
                )
        return entry_vals


class SgzBudgetCarryForwardLine(models.Model):
    _name = "sgz.budget.carry.forward.line"
    _description = "Carry-Forward Line"
    _inherit = ["sgz.lock.mixin"]
    _order = "carry_forward_id, kind, id"
    _sgz_lock_parent = "carry_forward_id"
    _sgz_create_by_action = True

    carry_forward_id = fields.Many2one(
        "sgz.budget.carry.forward", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="carry_forward_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="carry_forward_id.currency_id")
    kind = fields.Selection(
        [("balance", "Unused lottery-fund balance"), ("commitment", "Open commitment")], required=True
    )
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", required=True)
    category_id = fields.Many2one("sgz.budget.category", string="Expense Category", required=True)
    agreement_year_id = fields.Many2one("sgz.agreement.year", string="Agreement Year")
    amount = fields.Monetary()
