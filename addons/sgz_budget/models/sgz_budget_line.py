from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_budget_entry import ALLOCATED_KINDS, COMMITTED_KINDS, FIGURES, money


class SgzBudgetLine(models.Model):
    """One fund source × expense category of a budget; its figures are read from the ledger, as of a date."""

    _name = "sgz.budget.line"
    _description = "Budget Line"
    _inherit = ["sgz.lock.mixin"]
    _order = "budget_id, fund_source_id, category_id"
    _rec_names_search = ["budget_id", "fund_source_id", "category_id"]
    _check_company_auto = True
    _sgz_lock_parent = "budget_id"
    _sgz_lock_writable = ("note",)

    budget_id = fields.Many2one("sgz.budget", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="budget_id.company_id", store=True, index=True, string="Bureau")
    fiscal_year = fields.Integer(related="budget_id.fiscal_year", store=True, aggregator=None)
    state = fields.Selection(related="budget_id.state", string="Budget Status")
    currency_id = fields.Many2one(related="budget_id.currency_id")
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", required=True, index=True)
    category_id = fields.Many2one("sgz.budget.category", string="Expense Category", required=True, index=True)
    amount = fields.Monetary(string="Planned")
    allocated = fields.Monetary(
        compute="_compute_figures", help="Planned + allocations + transfers + carried."
    )
    received = fields.Monetary(compute="_compute_figures", help="Allocations received from higher levels.")
    committed = fields.Monetary(compute="_compute_figures", help="Signed agreement years not yet billed.")
    actual = fields.Monetary(compute="_compute_figures", help="Posted vendor bills less refunds.")
    paid = fields.Monetary(
        compute="_compute_figures", help="Part of the actual paid, from the bills' payments."
    )
    available = fields.Monetary(compute="_compute_figures", help="Allocated − committed − actual.")
    allocation_ids = fields.One2many("sgz.budget.allocation", "target_line_id", string="Allocations Received")
    exception_ids = fields.One2many("sgz.budget.exception", "budget_line_id", string="Exceptions")
    note = fields.Char()

    _sql_constraints = [
        (
            "key_unique",
            "unique(budget_id, fund_source_id, category_id)",
            "A budget has one line per fund source and expense category.",
        )
    ]

    @api.depends("budget_id.name", "fund_source_id.name", "category_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(budget)s / %(fund)s / %(category)s",
                budget=line.budget_id.name or "",
                fund=line.fund_source_id.name or "",
                category=line.category_id.name or "",
            )

    @api.depends_context("sgz_as_of")
    def _compute_figures(self):
        as_of = self.env.context.get("sgz_as_of")
        figures = self.env["sgz.budget.entry"]._sgz_figures(
            self.company_id.ids, set(self.mapped("fiscal_year")), as_of=as_of
        )
        for line in self:
            values = figures.get(line._sgz_key(), {})
            for name in FIGURES:
                line[name] = values.get(name, 0.0)

    def _sgz_key(self):
        self.ensure_one()
        return (self.company_id.id, self.fiscal_year, self.fund_source_id.id, self.category_id.id)

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if money(line.amount) < 0:
                raise ValidationError(
                    self.env._("The planned amount of %(line)s cannot be negative.", line=line.display_name)
                )

    @api.constrains("fund_source_id", "category_id")
    def _check_restrictions_constraint(self):
        self._sgz_check_restrictions()

    def _sgz_check_restrictions(self):
        Restriction = self.env["sgz.budget.restriction"]
        for line in self:
            Restriction._sgz_check_pairs([(line.fund_source_id, line.category_id)])

    def _sgz_check_not_locked(self, changed):
        locked = self._sgz_locked_records().filtered(lambda line: line.budget_id.state == "approved")
        if locked and set(changed) - set(self._sgz_lock_writable):
            raise UserError(
                self.env._(
                    "%(budget)s is approved: its amounts change only through a budget transfer (or an allocation "
                    "from a higher level), never by editing.",
                    budget=locked[0].budget_id.name,
                )
            )
        return super()._sgz_check_not_locked(changed)

    # ---- drill-down ------------------------------------------------------------------------------------------------

    def _sgz_drill(self, kinds, what):
        self.ensure_one()
        self.check_access("read")
        Entry = self.env["sgz.budget.entry"]
        domain = Entry._sgz_domain(
            self.company_id.ids,
            self.fiscal_year,
            self.fund_source_id.id,
            self.category_id.id,
            kinds,
            self.env.context.get("sgz_as_of"),
        )
        return Entry._sgz_open(domain, what, title=self.display_name)

    def action_open_allocated(self):
        return self._sgz_drill(ALLOCATED_KINDS, "entries")

    def action_open_committed(self):
        return self._sgz_drill(COMMITTED_KINDS, "years")

    def action_open_actual(self):
        """The bill rows of this line, whose sum is its actual figure (a bill split over several fund sources
        counts here with its part on this line only)."""
        return self._sgz_drill(("actual",), "actual")

    def action_open_paid(self):
        """The bill rows of this line with the share of each paid by its payments, summing to the paid figure."""
        return self._sgz_drill(("actual",), "paid")

    def action_open_entries(self):
        return self._sgz_drill(None, "entries")
