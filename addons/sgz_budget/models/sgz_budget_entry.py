"""The budget ledger: one signed row per movement of money on a budget key.

A key is (company, fiscal year, fund source, expense category): the budget line that holds it is found by the
key, so a movement recorded before its budget exists still counts once the budget is made. Rows are never
edited: a release, a refund or a reset to draft adds reversing rows. Every figure of a budget line is one
``SUM`` over these rows (``_sgz_figures``, one query for any number of lines), and each row points to the
document behind it (agreement year, vendor bill, allocation, transfer, carry-forward).

    allocated = budget + allocations in/out + transfers + carried balances
    committed = commitments − releases (the part of the agreement years not yet billed)
    actual    = posted vendor bills − refunds
    available = allocated − committed − actual
    paid      = actual × the share of each bill paid on the date (from its reconciled payments)
"""

import datetime
import logging
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import psycopg2.errors

from odoo import api, fields, models, modules
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round

_logger = logging.getLogger(__name__)

ALLOCATED_KINDS = ("budget", "allocation_in", "allocation_out", "transfer", "carry", "surplus")
COMMITTED_KINDS = ("commitment", "release")
FIGURES = ("allocated", "received", "committed", "actual", "paid", "available")


def money(value):
    return float_round(value or 0.0, precision_digits=2)


def fen(value):
    """A Decimal rounded half away from zero to the fen, as PostgreSQL's ROUND(numeric, 2)."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# The share of each bill paid on a date (its payable lines' reconciliations): its actual rows are paid in this
# proportion, rounded to the fen row by row (the paid figure and its drill-down both read it).
PAID_SQL = """
        SELECT m.id AS move_id,
               LEAST(1.0, COALESCE(SUM(p.amount), 0) / NULLIF(ABS(m.amount_total), 0)) AS ratio
          FROM account_move m
          JOIN account_move_line l ON l.move_id = m.id
          JOIN account_account a ON a.id = l.account_id AND a.account_type = 'liability_payable'
          LEFT JOIN account_partial_reconcile p
            ON (p.credit_move_id = l.id OR p.debit_move_id = l.id) AND p.max_date <= %(as_of)s
         WHERE m.id IN (%(moves)s)
         GROUP BY m.id, m.amount_total
    """

# The figures of the ledger, one row per (company, year, fund source, category): see _sgz_figures.
FIGURES_SQL = """
    WITH entries AS (
        SELECT * FROM sgz_budget_entry e WHERE %(where)s
    ), paid AS (%(paid)s)
    SELECT %(company)s, e.fiscal_year, e.fund_source_id, e.category_id,
           SUM(CASE WHEN e.kind IN %(allocated)s THEN e.amount ELSE 0 END),
           SUM(CASE WHEN e.kind = 'allocation_in' THEN e.amount ELSE 0 END),
           SUM(CASE WHEN e.kind IN %(committed)s THEN e.amount ELSE 0 END),
           SUM(CASE WHEN e.kind = 'actual' THEN e.amount ELSE 0 END),
           SUM(CASE WHEN e.kind = 'actual' THEN ROUND(e.amount * COALESCE(p.ratio, 0), 2) ELSE 0 END)
      FROM entries e
      LEFT JOIN paid p ON p.move_id = e.move_id
     GROUP BY 1, 2, 3, 4
    """


class SgzBudgetEntry(models.Model):
    _name = "sgz.budget.entry"
    _description = "Budget Ledger Entry"
    _inherit = ["sgz.lock.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _sgz_create_by_action = True
    _sgz_unlink_states = ()
    _sgz_lock_field = "kind"
    _sgz_locked_states = ALLOCATED_KINDS + COMMITTED_KINDS + ("actual",)

    name = fields.Char(string="Description", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    fiscal_year = fields.Integer(required=True, readonly=True, aggregator=None)
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", required=True, readonly=True)
    category_id = fields.Many2one(
        "sgz.budget.category", string="Expense Category", required=True, readonly=True
    )
    date = fields.Date(required=True, readonly=True, index=True)
    kind = fields.Selection(
        [
            ("budget", "Approved budget"),
            ("allocation_in", "Allocation received"),
            ("allocation_out", "Allocation given"),
            ("transfer", "Transfer"),
            ("carry", "Balance carried forward"),
            ("surplus", "Surplus returned to the finance department"),
            ("commitment", "Commitment"),
            ("release", "Commitment released by a bill"),
            ("actual", "Actual (vendor bill)"),
        ],
        required=True,
        readonly=True,
    )
    amount = fields.Monetary(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    agreement_year_id = fields.Many2one(
        "sgz.agreement.year", string="Agreement Year", readonly=True, index=True
    )
    provider_id = fields.Many2one(related="agreement_year_id.provider_id", string="Provider")
    move_id = fields.Many2one("account.move", string="Vendor Bill", readonly=True, index=True)
    allocation_id = fields.Many2one("sgz.budget.allocation", string="Allocation", readonly=True, index=True)
    transfer_id = fields.Many2one("sgz.budget.transfer", string="Transfer", readonly=True, index=True)
    carry_forward_id = fields.Many2one(
        "sgz.budget.carry.forward", string="Carry-Forward", readonly=True, index=True
    )
    budget_id = fields.Many2one("sgz.budget", string="Budget", readonly=True, index=True)
    move_partner_id = fields.Many2one(related="move_id.partner_id", string="Vendor")
    move_payment_state = fields.Selection(related="move_id.payment_state", string="Payment Status")
    paid_amount = fields.Monetary(
        string="Paid Share",
        compute="_compute_paid_amount",
        help="The part of this row paid on the date read: the row times the share of its bill paid by then.",
    )

    @api.depends("kind", "amount", "move_id")
    @api.depends_context("sgz_as_of")
    def _compute_paid_amount(self):
        actual = self.filtered(lambda entry: entry.kind == "actual" and entry.move_id)
        ratios = self._sgz_paid_ratios(actual.move_id.ids, self.env.context.get("sgz_as_of"))
        for entry in self:
            ratio = ratios.get(entry.move_id.id, 0) if entry in actual else 0
            entry.paid_amount = float(fen(Decimal(str(entry.amount)) * ratio))

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS sgz_budget_entry_key_idx ON sgz_budget_entry "
                "(company_id, fiscal_year, fund_source_id, category_id)"
            )
        )

    # ---- writing the ledger ------------------------------------------------------------------------------------

    @api.model
    def _sgz_record(self, vals_list):
        """Add rows (internal: the documents' actions call it after checking the user's rights)."""
        vals_list = [vals for vals in vals_list if money(vals.get("amount"))]
        if not vals_list:
            return self.browse()
        Budget = self.env["sgz.budget"].sudo()
        budgets = Budget.search(
            [
                ("company_id", "in", list({vals["company_id"] for vals in vals_list})),
                ("fiscal_year", "in", list({vals["fiscal_year"] for vals in vals_list})),
            ]
        )
        by_key = {(b.company_id.id, b.fiscal_year): b.id for b in budgets}
        for vals in vals_list:
            vals["amount"] = money(vals["amount"])
            vals.setdefault("budget_id", by_key.get((vals["company_id"], vals["fiscal_year"])))
        return self.sudo().create(vals_list)

    # ---- reading the figures -----------------------------------------------------------------------------------

    @api.model
    def _sgz_figures(self, companies, years, as_of=None, keys=None, group_by_company=True):
        """{(company id or None, fiscal year, fund source id, category id): {figure: amount}} in one query.

        ``as_of``: only rows dated on or before it (and payments reconciled by then); ``keys``: restrict to these
        (company, year, fund, category) tuples; without ``group_by_company`` companies are summed (key[0] None).
        """
        as_of = fields.Date.to_date(as_of) or datetime.date(9999, 12, 31)
        self.env.flush_all()
        conditions = [
            SQL("e.company_id IN %s", tuple(companies) or (0,)),
            SQL("e.fiscal_year IN %s", tuple(years) or (0,)),
            SQL("e.date <= %s", as_of),
        ]
        if keys:
            conditions.append(
                SQL(
                    "(e.company_id, e.fiscal_year, e.fund_source_id, e.category_id) IN %s",
                    tuple(tuple(key) for key in keys),
                )
            )
        company = SQL("e.company_id") if group_by_company else SQL("NULL::integer")
        query = SQL(
            FIGURES_SQL,
            where=SQL(" AND ").join(conditions),
            paid=SQL(
                PAID_SQL, as_of=as_of, moves=SQL("SELECT DISTINCT move_id FROM entries WHERE kind = 'actual'")
            ),
            company=company,
            allocated=ALLOCATED_KINDS,
            committed=COMMITTED_KINDS,
        )
        self.env.cr.execute(query)
        return {tuple(row[:4]): self._sgz_figures_of_row(*row[4:]) for row in self.env.cr.fetchall()}

    @api.model
    def _sgz_paid_ratios(self, move_ids, as_of=None):
        """{bill id: Decimal share paid on ``as_of``}, as the paid figure reads it."""
        if not move_ids:
            return {}
        as_of = fields.Date.to_date(as_of) or datetime.date(9999, 12, 31)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(PAID_SQL, as_of=as_of, moves=SQL("SELECT unnest(%s::integer[])", list(move_ids)))
        )
        return {move_id: Decimal(ratio or 0) for move_id, ratio in self.env.cr.fetchall()}

    @api.model
    def _sgz_figures_of_row(self, allocated, received, committed, actual, paid):
        allocated, committed, actual = money(allocated), money(committed), money(actual)
        return {
            "allocated": allocated,
            "received": money(received),
            "committed": committed,
            "actual": actual,
            "paid": money(paid),
            "available": money(allocated - committed - actual),
        }

    # ---- hard control --------------------------------------------------------------------------------------------

    @api.model
    def _sgz_lock_budgets(self, company_year_pairs):
        """Lock the budgets of these (company, year) pairs for the rest of the transaction and return them.

        The ``UPDATE`` takes the row lock and marks the row changed: a simultaneous transaction checking the same
        budget waits, then fails with a serialization error and is retried by Odoo with fresh figures — so of two
        bills posted at the same moment only those that still fit pass. One query, whatever the ledger holds."""
        if not company_year_pairs:
            return self.env["sgz.budget"]
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("SET LOCAL lock_timeout = '20s'"))
                self.env.cr.execute(
                    SQL(
                        "UPDATE sgz_budget SET lock_seq = COALESCE(lock_seq, 0) + 1 "
                        "WHERE (company_id, fiscal_year) IN %s RETURNING id",
                        tuple(sorted(company_year_pairs)),
                    ),
                    log_exceptions=False,
                )
                ids = [row[0] for row in self.env.cr.fetchall()]
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "The budget is being used by another posting at this moment: try again in a few seconds."
                )
            ) from None
        return self.env["sgz.budget"].sudo().browse(ids)

    @api.model
    def _sgz_check(self, entries, document):
        """The check after the write: lock the budgets the new ``entries`` touch, then refuse (rolling the whole
        transaction back) when a key they lower ends below zero, unless an approved exception for ``document``
        covers the shortfall. A constant number of queries whatever the number of rows already posted."""
        deltas = defaultdict(float)
        for entry in entries:
            sign = 1 if entry.kind in ALLOCATED_KINDS else -1
            deltas[entry._sgz_key()] += sign * entry.amount
        lowered = {key: -delta for key, delta in deltas.items() if money(delta) < 0}
        if not lowered:
            return True
        budgets = self._sgz_lock_budgets({(key[0], key[1]) for key in lowered})
        budget_of = {(b.company_id.id, b.fiscal_year): b for b in budgets}
        self._sgz_check_budget_adopted(lowered, budget_of)
        for key in lowered:
            budget = budget_of.get((key[0], key[1]))
            if budget and budget.state != "approved":
                raise UserError(
                    self.env._(
                        "%(budget)s is %(state)s: money can only be committed or spent on an approved budget.",
                        budget=budget.display_name,
                        state=budget._sgz_state_label(budget.state),
                    )
                )
        keys = [key for key in lowered if (key[0], key[1]) in budget_of]
        figures = self._sgz_figures({k[0] for k in keys}, {k[1] for k in keys}, keys=keys)
        short = {}
        for key in keys:
            available = figures.get(key, {}).get("available", 0.0)
            if available < 0:
                short[key] = -available
        if not short:
            return True
        exceptions = self.env["sgz.budget.exception"]._sgz_covering(document, short)
        for key, shortfall in short.items():
            if key in exceptions:
                continue
            needed = lowered[key]
            fund = self.env["sgz.fund.source"].browse(key[2])
            category = self.env["sgz.budget.category"].browse(key[3])
            sentence = self.env._(
                "%(fund)s (%(category)s) is short by ¥%(short)s on %(budget)s (available ¥%(available)s, "
                "needed ¥%(needed)s).",
                fund=fund.name,
                category=category.name,
                short=f"{shortfall:,.2f}",
                budget=budget_of[(key[0], key[1])].display_name,
                available=f"{needed - shortfall:,.2f}",
                needed=f"{needed:,.2f}",
            )
            self._sgz_log_refusal_apart(budget_of[(key[0], key[1])], document, sentence)
            raise UserError(sentence)
        for exception in set(exceptions.values()):
            exception._sgz_use(document)
        return True

    @api.model
    def _sgz_check_budget_adopted(self, lowered, budget_of):
        """A bureau that controls its money by budgets (it has adopted one, any year) spends or commits only on
        an adopted budget of that year: no spending in a year without budget. A bureau that never adopted a
        budget is not controlled yet."""
        companies = {key[0] for key in lowered if (key[0], key[1]) not in budget_of}
        if not companies:
            return
        adopted = (
            self.env["sgz.budget"]
            .sudo()
            .search([("company_id", "in", list(companies)), ("state", "in", ("approved", "closed"))])
        )
        for key in lowered:
            if (key[0], key[1]) not in budget_of and key[0] in adopted.company_id.ids:
                raise UserError(
                    self.env._(
                        "%(company)s has no approved budget for %(year)s: money is committed or spent only on an "
                        "approved budget of its year.",
                        company=self.env["res.company"].sudo().browse(key[0]).name,
                        year=key[1],
                    )
                )

    @api.model
    def _sgz_log_refusal_apart(self, budget, document, sentence):
        """The refusal rolls the transaction back: keep its trace in the budget's chatter from a transaction of
        its own. Not while modules load, nor under tests (whose data the other transaction cannot see) unless
        the test committed its data and asks for it."""
        testing = modules.module.current_test and not self.env.context.get("sgz_budget_log_refusal")
        if testing or not document or not self.env.registry.ready:
            return
        document_name = document.sudo().display_name
        try:
            with self.env.registry.cursor() as cr:
                cr.execute(
                    SQL("SET LOCAL lock_timeout = '2s'")
                )  # never wait for the transaction being refused
                env = self.env(cr=cr)
                env["sgz.budget"].browse(budget.id)._sgz_log_refusal(document_name, sentence, user=env.user)
        except Exception:
            _logger.warning("Could not log the budget refusal on %s", budget.display_name, exc_info=True)

    def _sgz_key(self):
        self.ensure_one()
        return (self.company_id.id, self.fiscal_year, self.fund_source_id.id, self.category_id.id)

    # ---- drill-down ----------------------------------------------------------------------------------------------

    @api.model
    def _sgz_domain(self, companies, year, fund=None, category=None, kinds=None, as_of=None):
        domain = [("company_id", "in", list(companies)), ("fiscal_year", "=", year)]
        if fund:
            domain.append(("fund_source_id", "=", fund))
        if category:
            domain.append(("category_id", "=", category))
        if kinds:
            domain.append(("kind", "in", list(kinds)))
        if as_of:
            domain.append(("date", "<=", fields.Date.to_date(as_of)))
        return domain

    @api.model
    def _sgz_open(self, domain, what, title=None):
        """The documents behind a figure: ``what`` = entries, agreement years, actual (the bill rows whose sum is
        the actual figure) or paid (the paid share of those rows, summing to the paid figure)."""
        entries = self.search(domain)
        as_of = self.env.context.get("sgz_as_of")
        if what == "years":
            records = entries.agreement_year_id
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Agreement Years"),
                "res_model": "sgz.agreement.year",
                "view_mode": "list,form",
                "domain": [("id", "in", records.ids)],
                "context": {"create": False},
            }
        if what in ("actual", "paid"):
            if what == "paid":
                ratios = self._sgz_paid_ratios(entries.move_id.ids, as_of)
                entries = entries.filtered(lambda entry: ratios.get(entry.move_id.id))
                name = self.env._("Paid: %(what)s", what=title) if title else self.env._("Paid")
            else:
                name = self.env._("Actual: %(what)s", what=title) if title else self.env._("Actual")
            view = self.env.ref(f"sgz_budget.sgz_budget_entry_view_list_{what}")
            return {
                "type": "ir.actions.act_window",
                "name": name,
                "res_model": "sgz.budget.entry",
                "view_mode": "list,form",
                "views": [(view.id, "list"), (False, "form")],
                "domain": [("id", "in", entries.ids)],
                "context": {
                    "create": False,
                    "sgz_as_of": fields.Date.to_string(fields.Date.to_date(as_of)) if as_of else False,
                },
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Budget Ledger"),
            "res_model": "sgz.budget.entry",
            "view_mode": "list,pivot,form",
            "domain": [("id", "in", entries.ids)],
            "context": {"create": False},
        }

    def action_open_move(self):
        """The vendor bill of a ledger row."""
        self.ensure_one()
        self.move_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"create": False},
        }

    def action_open_payments(self):
        """The payments reconciled with the bill of a ledger row."""
        self.ensure_one()
        self.move_id.check_access("read")
        payments = self.move_id._get_reconciled_payments()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payments of %(bill)s", bill=self.move_id.display_name),
            "res_model": "account.payment",
            "view_mode": "list,form",
            "domain": [("id", "in", payments.ids)],
            "context": {"create": False},
        }
