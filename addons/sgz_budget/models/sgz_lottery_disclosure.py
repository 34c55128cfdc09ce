import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from ..report import sgz_budget_xlsx
from .sgz_budget_entry import money

DISCLOSURE_CATEGORIES = [
    ("elderly", "Elderly welfare"),
    ("disabled", "Disability welfare"),
    ("children", "Child welfare"),
    ("public", "Public welfare"),
]


class SgzLotteryDisclosure(models.Model):
    """福彩公益金使用情况公告: each bureau discloses by 30 June how it used last year's welfare-lottery funds —
    scale, funded projects (the stations), execution and results, by category."""

    _name = "sgz.lottery.disclosure"
    _description = "Lottery-Fund Use Disclosure"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.lock.mixin", "sgz.deadline.mixin"]
    _order = "fiscal_year desc, company_id"
    _rec_names_search = ["company_id", "fiscal_year"]
    _check_company_auto = True
    _sgz_locked_states = ("published",)
    _sgz_action_fields = (
        "state",
        "publish_date",
        "amount_scale",
        "amount_committed",
        "amount_actual",
    )
    _sgz_unlink_states = ("draft",)

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        string="Bureau",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "in", ("province", "city", "county"))],
    )
    fiscal_year = fields.Integer(
        string="Year Disclosed",
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        aggregator=None,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_scale = fields.Monetary(
        string="Use Scale", readonly=True, help="Lottery funds allocated for the year."
    )
    amount_committed = fields.Monetary(string="Committed", readonly=True)
    amount_actual = fields.Monetary(string="Spent", readonly=True)
    execution_rate = fields.Float(
        compute="_compute_execution_rate", digits=(5, 2), string="Execution Rate (%)"
    )
    line_ids = fields.One2many(
        "sgz.lottery.disclosure.line", "disclosure_id", string="By Category", readonly=True
    )
    station_line_ids = fields.One2many(
        "sgz.lottery.disclosure.station", "disclosure_id", string="Funded Stations", readonly=True
    )
    results = fields.Html(
        string="Results", help="What the funded projects achieved (people served, activities…)."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    publish_date = fields.Date(readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        ("company_year_unique", "unique(company_id, fiscal_year)", "A bureau discloses each year once.")
    ]

    @api.depends("company_id.name", "fiscal_year")
    def _compute_name(self):
        for disclosure in self:
            disclosure.name = self.env._(
                "%(company)s: use of welfare-lottery funds in %(year)s",
                company=disclosure.company_id.name or "",
                year=disclosure.fiscal_year,
            )

    @api.depends("amount_scale", "amount_actual")
    def _compute_execution_rate(self):
        for disclosure in self:
            scale = disclosure.amount_scale
            disclosure.execution_rate = round(100.0 * disclosure.amount_actual / scale, 2) if scale else 0.0

    @api.constrains("company_id", "fiscal_year")
    def _check_company_year(self):
        for disclosure in self:
            twin = self.sudo().search_count(
                [
                    ("company_id", "=", disclosure.company_id.id),
                    ("fiscal_year", "=", disclosure.fiscal_year),
                    ("id", "!=", disclosure.id),
                ]
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "%(company)s already has a disclosure for %(year)s.",
                        company=disclosure.company_id.name,
                        year=disclosure.fiscal_year,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            year = vals.get("fiscal_year")
            if isinstance(year, int) and self.sudo().search_count(
                [("company_id", "=", company_id), ("fiscal_year", "=", year)], limit=1
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s already has a disclosure for %(year)s.",
                        company=self.env["res.company"].sudo().browse(company_id).name,
                        year=year,
                    )
                )
        disclosures = super().create(vals_list)
        for disclosure in disclosures:
            disclosure._sgz_deadline_set(
                "lottery_disclosure",
                self.env._(
                    "Publish the %(year)s welfare-lottery fund use disclosure", year=disclosure.fiscal_year
                ),
                "fixed",
                datetime.date(disclosure.fiscal_year + 1, 1, 1),
                month=6,
                day=30,
            )
        return disclosures

    @sgz_action
    def action_compute(self):
        for disclosure in self:
            if disclosure.state != "draft":
                raise UserError(self.env._("A published disclosure is not recomputed."))
            disclosure._sgz_compute()
        return True

    def _sgz_compute(self):
        self.ensure_one()
        Entry = self.env["sgz.budget.entry"]
        lottery = (
            self.env["sgz.fund.source"].with_context(active_test=False).search([("category", "=", "lottery")])
        )
        figures = Entry._sgz_figures(self.company_id.ids, [self.fiscal_year])
        by_category = defaultdict(float)
        scale = committed = actual = 0.0
        Category = self.env["sgz.budget.category"]
        for (_company, _year, fund_id, category_id), values in figures.items():
            if fund_id not in lottery.ids:
                continue
            scale += values["allocated"]
            committed += values["committed"]
            actual += values["actual"]
            by_category[Category.browse(category_id).disclosure_category] += values["actual"]
        carried_out = Entry.sudo()._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("fiscal_year", "=", self.fiscal_year),
                ("fund_source_id", "in", lottery.ids),
                ("kind", "=", "carry"),
                ("amount", "<", 0),
            ],
            [],
            ["amount:sum"],
        )[0][0]
        scale -= carried_out or 0.0  # the use scale is what the year had before its balance moved on
        stations = self._sgz_station_amounts(lottery)
        projects = defaultdict(set)
        for station, _partner, _amount, category in stations:
            projects[category].add(station)
        self.line_ids.sudo().unlink()
        self.station_line_ids.sudo().unlink()
        self.sudo().write(
            {
                "amount_scale": money(scale),
                "amount_committed": money(committed),
                "amount_actual": money(actual),
                "line_ids": [
                    fields.Command.create(
                        {
                            "category": code,
                            "amount": money(by_category.get(code, 0.0)),
                            "project_count": len(projects.get(code, ())),
                        }
                    )
                    for code, _label in DISCLOSURE_CATEGORIES
                ],
                "station_line_ids": [
                    fields.Command.create(
                        {"station_id": station, "partner_id": partner, "amount": money(amount)}
                    )
                    for station, partner, amount, _category in stations
                ],
            }
        )

    def _sgz_station_amounts(self, lottery):
        """[(station id, provider id, amount, disclosure category)] of posted bills paid by lottery funds."""
        lines = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("parent_state", "=", "posted"),
                    ("move_id.move_type", "in", ("in_invoice", "in_refund")),
                    ("date", ">=", datetime.date(self.fiscal_year, 1, 1)),
                    ("date", "<=", datetime.date(self.fiscal_year, 12, 31)),
                    ("sgz_fund_source_id", "in", lottery.ids),
                    ("sgz_station_id", "!=", False),
                ],
                ["sgz_station_id", "sgz_budget_category_id", "partner_id"],
                ["balance:sum"],
            )
        )
        return [
            (station.id, partner.id, balance, category.disclosure_category or "public")
            for station, category, partner, balance in lines
        ]

    @sgz_action(lock_rows=True)
    def action_publish(self):
        today = fields.Date.context_today(self)
        for disclosure in self:
            if disclosure.state != "draft":
                raise UserError(
                    self.env._("%(disclosure)s is already published.", disclosure=disclosure.name)
                )
            disclosure._sgz_compute()
            disclosure.write({"state": "published", "publish_date": today})
            disclosure._sgz_deadline_done("lottery_disclosure", today)
        return True

    def action_print(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref("sgz_budget.action_report_sgz_lottery_disclosure").report_action(self)

    def _sgz_export_content(self):
        """``(file name, xlsx bytes)`` of the disclosure, for a user who may read it (record rules)."""
        self.ensure_one()
        self.check_access("read")
        return f"{self.name}.xlsx", sgz_budget_xlsx.disclosure(self)

    def action_export_xlsx(self):
        """The download streamed by ``/sgz_budget/disclosure/<id>/xlsx`` (no attachment is stored)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/sgz_budget/disclosure/{self.id}/xlsx",
            "target": "self",
        }


class SgzLotteryDisclosureLine(models.Model):
    _name = "sgz.lottery.disclosure.line"
    _description = "Lottery-Fund Disclosure by Category"
    _order = "disclosure_id, id"

    disclosure_id = fields.Many2one("sgz.lottery.disclosure", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="disclosure_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="disclosure_id.currency_id")
    category = fields.Selection(DISCLOSURE_CATEGORIES, required=True)
    project_count = fields.Integer(string="Projects")
    amount = fields.Monetary()


class SgzLotteryDisclosureStation(models.Model):
    _name = "sgz.lottery.disclosure.station"
    _description = "Station Funded by Lottery Funds"
    _order = "disclosure_id, id"

    disclosure_id = fields.Many2one("sgz.lottery.disclosure", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="disclosure_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="disclosure_id.currency_id")
    station_id = fields.Many2one("sgz.station", string="Station", required=True)
    partner_id = fields.Many2one("res.partner", string="Provider")
    amount = fields.Monetary()
