import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_budget_entry import FIGURES, money


class SgzBudget(models.Model):
    """The budget of one bureau (province, city or county) for one fiscal year, by fund source and category."""

    _name = "sgz.budget"
    _description = "Budget"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.approval.mixin"]
    _order = "fiscal_year desc, company_id"
    _rec_names_search = ["company_id", "fiscal_year"]
    _check_company_auto = True
    _sgz_locked_states = ("approved", "closed")
    _sgz_lock_writable = ("note",)
    _sgz_action_fields = ("state", "approved_date", "lock_seq")
    _sgz_unlink_states = ("draft",)
    _sgz_approval_states = {"approved": "draft"}

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        string="Bureau",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "in", ("province", "city", "county"))],
        tracking=True,
    )
    company_kind = fields.Selection(related="company_id.sgz_kind", string="Level")
    fiscal_year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        aggregator=None,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    approved_date = fields.Date(readonly=True, copy=False)
    line_ids = fields.One2many("sgz.budget.line", "budget_id", string="Lines", copy=True)
    amount_planned = fields.Monetary(
        compute="_compute_amount_planned", store=True, string="Planned", tracking=True
    )
    allocated = fields.Monetary(compute="_compute_figures")
    received = fields.Monetary(compute="_compute_figures")
    committed = fields.Monetary(compute="_compute_figures")
    actual = fields.Monetary(compute="_compute_figures")
    paid = fields.Monetary(compute="_compute_figures")
    available = fields.Monetary(compute="_compute_figures")
    exception_ids = fields.One2many("sgz.budget.exception", "budget_id", string="Exceptions")
    transfer_ids = fields.One2many("sgz.budget.transfer", "budget_id", string="Transfers")
    carry_forward_ids = fields.One2many("sgz.budget.carry.forward", "budget_from_id", string="Carry-Forwards")
    note = fields.Text()
    lock_seq = fields.Integer(
        readonly=True, copy=False, help="Technical: bumped by every controlled posting."
    )

    _sql_constraints = [
        ("company_year_unique", "unique(company_id, fiscal_year)", "A bureau has one budget per fiscal year.")
    ]

    def _sgz_approval_steps(self):
        return {"approved": self.env._("Approve the budget")}

    def _sgz_document_summary(self):
        rows = super()._sgz_document_summary() + self._sgz_summary_rows(
            ["company_id", "fiscal_year", "amount_planned"]
        )
        for line in self.line_ids:
            rows.append((line.display_name, line._sgz_summary_rows(["amount"])[0][1]))
        return rows

    @api.depends("company_id.name", "fiscal_year")
    def _compute_name(self):
        for budget in self:
            budget.name = self.env._(
                "%(company)s %(year)s budget", company=budget.company_id.name or "", year=budget.fiscal_year
            )

    @api.depends("line_ids.amount")
    def _compute_amount_planned(self):
        for budget in self:
            budget.amount_planned = sum(budget.line_ids.mapped("amount"))

    @api.depends_context("sgz_as_of")
    def _compute_figures(self):
        as_of = self.env.context.get("sgz_as_of")
        figures = self.env["sgz.budget.entry"]._sgz_figures(
            self.company_id.ids, set(self.mapped("fiscal_year")), as_of=as_of
        )
        for budget in self:
            totals = dict.fromkeys(FIGURES, 0.0)
            for key, values in figures.items():
                if key[0] == budget.company_id.id and key[1] == budget.fiscal_year:
                    for name in FIGURES:
                        totals[name] += values[name]
            for name in FIGURES:
                budget[name] = money(totals[name])

    @api.constrains("company_id", "fiscal_year")
    def _check_company_year(self):
        for budget in self:
            if budget.company_id.sgz_kind not in ("province", "city", "county"):
                raise ValidationError(
                    self.env._("Only a civil-affairs bureau (province, city or county) keeps a budget.")
                )
            if not 2000 <= budget.fiscal_year <= 2100:
                raise ValidationError(
                    self.env._("The fiscal year %(year)s is not a valid year.", year=budget.fiscal_year)
                )
            # one budget per company and year: create and write refuse it first (_sgz_check_unique_vals, naming
            # the company and year), the database constraint backs them

    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_check_unique_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if {"company_id", "fiscal_year"} & set(vals):
            for budget in self:
                self._sgz_check_unique_vals(
                    [
                        {
                            "company_id": vals.get("company_id", budget.company_id.id),
                            "fiscal_year": vals.get("fiscal_year", budget.fiscal_year),
                        }
                    ],
                    exclude=budget.id,
                )
        return super().write(vals)

    @api.model
    def _sgz_check_unique_vals(self, vals_list, exclude=None):
        """Refuse a second budget for a company and year before the database does (a clear sentence)."""
        seen = set()
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            year = vals.get("fiscal_year") or fields.Date.context_today(self).year
            if not isinstance(year, int) or not isinstance(company_id, int):
                continue  # the input check of sgz_base refuses such values with its own sentence
            domain = [("company_id", "=", company_id), ("fiscal_year", "=", year)]
            if exclude:
                domain.append(("id", "!=", exclude))
            if (company_id, year) in seen or self.sudo().search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(company)s already has a budget for %(year)s: a bureau has one budget per fiscal year.",
                        company=self.env["res.company"].sudo().browse(company_id).name,
                        year=year,
                    )
                )
            seen.add((company_id, year))

    # ---- actions ------------------------------------------------------------------------------------------------

    @sgz_action(lock_rows=True)
    def action_submit(self):
        """Request approval (tiers are data); without a tier the budget is approved at once."""
        for budget in self:
            if budget.state != "draft":
                raise UserError(self.env._("%(budget)s is not a draft.", budget=budget.display_name))
            if not budget.line_ids:
                raise UserError(
                    self.env._(
                        "Add at least one line (fund source and category) to %(budget)s.", budget=budget.name
                    )
                )
            budget.line_ids._sgz_check_restrictions()
            if not budget._sgz_request_approval("approved"):
                budget._sgz_approval_apply("approved")
        return True

    def _sgz_approval_apply(self, target):
        if target != "approved":
            return super()._sgz_approval_apply(target)
        today = fields.Date.context_today(self)
        for budget in self:
            start = datetime.date(budget.fiscal_year, 1, 1)
            with budget._sgz_unlocked():
                budget.sudo().write({"state": "approved", "approved_date": today})
            self.env["sgz.budget.entry"]._sgz_record(
                [
                    {
                        "name": self.env._("Approved budget"),
                        "kind": "budget",
                        "company_id": budget.company_id.id,
                        "fiscal_year": budget.fiscal_year,
                        "fund_source_id": line.fund_source_id.id,
                        "category_id": line.category_id.id,
                        "date": max(start, min(today, datetime.date(budget.fiscal_year, 12, 31))),
                        "amount": line.amount,
                        "budget_id": budget.id,
                    }
                    for line in budget.line_ids
                ]
            )
        return True

    @sgz_action(lock_rows=True)
    def action_close(self, date=None):
        """Close the year: lottery-fund balances and open commitments move to next year's budget."""
        for budget in self:
            budget._sgz_close(date)
        return True

    def _sgz_close(self, date=None):
        self.ensure_one()
        if self.state != "approved":
            raise UserError(self.env._("Only an approved budget is closed (%(budget)s).", budget=self.name))
        drafts = (
            self.env["account.move"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", self.company_id.id),
                    ("move_type", "in", ("in_invoice", "in_refund")),
                    ("state", "=", "draft"),
                    "|",
                    ("invoice_date", "=", False),
                    "&",
                    ("invoice_date", ">=", datetime.date(self.fiscal_year, 1, 1)),
                    ("invoice_date", "<=", datetime.date(self.fiscal_year, 12, 31)),
                ]
            )
        )
        if drafts:
            raise UserError(
                self.env._(
                    "%(budget)s cannot be closed: %(count)s vendor bill(s) of the year are still drafts. Post or "
                    "cancel them first.",
                    budget=self.name,
                    count=drafts,
                )
            )
        following = self.sudo().search(
            [("company_id", "=", self.company_id.id), ("fiscal_year", "=", self.fiscal_year + 1)]
        )
        if not following or following.state != "approved":
            raise UserError(
                self.env._(
                    "Approve the %(year)s budget of %(company)s first: balances and open commitments carry "
                    "forward into it.",
                    year=self.fiscal_year + 1,
                    company=self.company_id.name,
                )
            )
        date = fields.Date.to_date(date) or datetime.date(self.fiscal_year, 12, 31)
        carry = self.env["sgz.budget.carry.forward"]._sgz_make(self, following, date)
        with self._sgz_unlocked():
            self.sudo().write({"state": "closed"})
        self.message_post(
            body=self.env._(
                "Year closed; carried forward to %(budget)s: %(carry)s.",
                budget=following.name,
                carry=carry.display_name,
            )
        )
        return carry

    def _sgz_ensure_lines(self, pairs):
        """Lines for these (fund source, category) pairs, created at zero where missing (internal)."""
        self.ensure_one()
        existing = {(line.fund_source_id, line.category_id) for line in self.line_ids}
        missing = [pair for pair in pairs if pair not in existing]
        if missing:
            Line = self.env["sgz.budget.line"]
            with Line._sgz_unlocked():
                Line.sudo().create(
                    [
                        {
                            "budget_id": self.id,
                            "fund_source_id": fund.id,
                            "category_id": category.id,
                            "amount": 0.0,
                        }
                        for fund, category in missing
                    ]
                )
        return self.line_ids

    def _sgz_log_refusal(self, document_name, sentence, user=None):
        """Keep a refused commitment or posting in the budget's chatter."""
        self.ensure_one()
        user = user or self.env.user
        self.sudo().message_post(
            body=self.env._(
                "Refused for %(document)s (by %(user)s): %(sentence)s",
                document=document_name,
                user=user.name,
                sentence=sentence,
            ),
            author_id=user.partner_id.id,
        )

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_budget.sgz_budget_line_action")
        action["domain"] = [("budget_id", "=", self.id)]
        return action

    def action_open_entries(self):
        self.ensure_one()
        Entry = self.env["sgz.budget.entry"]
        return Entry._sgz_open(Entry._sgz_domain(self.company_id.ids, self.fiscal_year), "entries")
