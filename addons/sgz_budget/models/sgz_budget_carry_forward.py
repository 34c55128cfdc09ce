from odoo import api, fields, models

from .sgz_budget_entry import COMMITTED_KINDS, money

# unused welfare-lottery money is carried forward for two years at most; at the closing of its second year
# forward what is left is surplus taken back by the finance department (国发〔2014〕45号; 国发〔2015〕35号)
SURPLUS_AFTER_YEARS = 2


def balance_by_origin(year, carried_in, allocated, actual):
    """``{origin year: unspent amount}`` of one budget line at the closing of ``year``.

    ``carried_in``: ``{origin year: amount}`` carried into the year; the rest of ``allocated`` is the year's own
    money (a line that gave away more than its own money by transfers takes it from the newest carried money).
    Spending uses the oldest money first. Worked: carried in 10,000 of 2023 and 50,000 of 2024, 20,000 of its
    own, 5,000 spent at the closing of 2025 → {2023: 5,000, 2024: 50,000, 2025: 20,000}."""
    pieces = {origin: amount for origin, amount in carried_in.items() if amount > 0}
    own = money(allocated - sum(pieces.values()))
    if own > 0:
        pieces[year] = pieces.get(year, 0) + own
    else:
        for origin in sorted(pieces, reverse=True):  # transferred away: from the newest money
            taken = min(pieces[origin], -own)
            pieces[origin] = money(pieces[origin] - taken)
            own = money(own + taken)
    spent = max(actual, 0)
    result = {}
    for origin in sorted(pieces):
        used = min(pieces[origin], spent)
        spent = money(spent - used)
        left = money(pieces[origin] - used)
        if left > 0:
            result[origin] = left
    return result


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
    amount_surplus = fields.Monetary(compute="_compute_amounts", store=True, string="Surplus Returned")
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
            carry.amount_surplus = sum(
                carry.line_ids.filtered(lambda line: line.kind == "surplus").mapped("amount")
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
        # the unspent welfare-lottery money (allocated − actual) carries forward by the year it came from; money
        # already carried twice is surplus the finance department takes back; other funds lapse
        Fund = self.env["sgz.fund.source"]
        carried_in = self._sgz_carried_in(budget_from)
        for (_company, _year, fund_id, category_id), values in figures.items():
            if Fund.browse(fund_id).category != "lottery":
                continue
            pieces = balance_by_origin(
                year,
                carried_in.get((fund_id, category_id), {}),
                money(values["allocated"]),
                money(values["actual"]),
            )
            for origin, amount in sorted(pieces.items()):
                lines.append(
                    {
                        "kind": "surplus" if year - origin >= SURPLUS_AFTER_YEARS else "balance",
                        "origin_year": origin,
                        "fund_source_id": fund_id,
                        "category_id": category_id,
                        "amount": amount,
                    }
                )
        return lines

    @api.model
    def _sgz_carried_in(self, budget):
        """``{(fund id, category id): {origin year: amount}}`` of the balances carried into ``budget``."""
        result = {}
        lines = (
            self.env["sgz.budget.carry.forward.line"]
            .sudo()
            .search([("carry_forward_id.budget_to_id", "=", budget.id), ("kind", "=", "balance")])
        )
        for line in lines:
            by_origin = result.setdefault((line.fund_source_id.id, line.category_id.id), {})
            origin = line.origin_year or line.carry_forward_id.budget_from_id.fiscal_year
            by_origin[origin] = money(by_origin.get(origin, 0) + line.amount)
        return result

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
            kind = {"commitment": "commitment", "surplus": "surplus"}.get(line.kind, "carry")
            moves = (
                ((budget_from, -1, date),)
                if line.kind == "surplus"
                else ((budget_from, -1, date), (budget_to, 1, date))
            )
            for budget, sign, when in moves:
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
        [
            ("balance", "Unused lottery-fund balance"),
            ("commitment", "Open commitment"),
            ("surplus", "Surplus returned (carried two years)"),
        ],
        required=True,
    )
    origin_year = fields.Integer(
        string="Money of Year",
        aggregator=None,
        help="The budget year the unused money was first allocated in: it is carried forward at most twice, "
        "then returned to the finance department as surplus (国发〔2014〕45号, 国发〔2015〕35号).",
    )
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", required=True)
    category_id = fields.Many2one("sgz.budget.category", string="Expense Category", required=True)
    agreement_year_id = fields.Many2one("sgz.agreement.year", string="Agreement Year")
    amount = fields.Monetary()
