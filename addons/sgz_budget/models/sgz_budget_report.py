from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.sgz_base.lib import format_day

from ..report import sgz_budget_xlsx
from .sgz_budget_entry import ALLOCATED_KINDS, COMMITTED_KINDS, FIGURES, money


class SgzBudgetReport(models.TransientModel):
    """Budget execution per fund source for a bureau and year, as of a date; consolidated over the bureaus
    below it for a city or the province. Every figure opens to the documents behind it."""

    _name = "sgz.budget.report"
    _description = "Budget Execution Report"

    company_id = fields.Many2one(
        "res.company",
        string="Bureau",
        required=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "in", ("province", "city", "county"))],
    )
    fiscal_year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, aggregator=None
    )
    date_as_of = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    scope = fields.Selection(
        [("company", "This bureau only"), ("consolidated", "Consolidated with the bureaus below")],
        required=True,
        default="company",
    )
    by_company = fields.Boolean(string="One row per bureau")
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("sgz.budget.report.line", "report_id", string="Lines", readonly=True)
    computed = fields.Boolean(readonly=True)

    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "Budget execution of %(company)s, %(year)s, as of %(date)s",
                company=report.company_id.name or "",
                year=report.fiscal_year,
                date=report.date_as_of or "",
            )

    def _sgz_companies(self):
        """The bureaus of the report, within the companies the user may see."""
        self.ensure_one()
        allowed = self.env.user.company_ids
        if self.company_id not in allowed:
            raise AccessError(self.env._("You may not read the budget of this bureau."))
        if self.scope == "company":
            return self.company_id
        below = self.env["res.company"].sudo().search([("id", "child_of", self.company_id.id)])
        return below.filtered(lambda company: company.sgz_kind in ("province", "city", "county")) & allowed

    def _sgz_rows(self):
        """[(company or None, fund source, {figure: amount})] sorted, from one ledger query."""
        self.ensure_one()
        companies = self._sgz_companies()
        figures = self.env["sgz.budget.entry"]._sgz_figures(
            companies.ids, [self.fiscal_year], as_of=self.date_as_of, group_by_company=self.by_company
        )
        rows = defaultdict(lambda: dict.fromkeys(FIGURES, 0.0))
        for (company_id, _year, fund_id, _category), values in figures.items():
            row = rows[(company_id, fund_id)]
            for name in FIGURES:
                row[name] += values[name]
        Fund = self.env["sgz.fund.source"]
        Company = self.env["res.company"]
        result = []
        for (company_id, fund_id), values in rows.items():
            result.append(
                (
                    Company.browse(company_id) if company_id else Company,
                    Fund.browse(fund_id),
                    {name: money(value) for name, value in values.items()},
                )
            )
        result.sort(key=lambda row: (row[0].name or "", row[1].sequence, row[1].id))
        return result

    def action_compute(self):
        """Compute the lines and show them: a read-only list and pivot named after the report."""
        self.ensure_one()
        rows = self._sgz_rows()
        self.line_ids.unlink()
        self.write(
            {
                "computed": True,
                "line_ids": [
                    fields.Command.create({"company_id": company.id, "fund_source_id": fund.id, **values})
                    for company, fund, values in rows
                ],
            }
        )
        return self._sgz_lines_action()

    def _sgz_lines_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Budget execution %(year)s (%(company)s, as of %(date)s)",
                year=self.fiscal_year,
                company=self.company_id.name,
                date=format_day(self.date_as_of, self.env.lang),
            ),
            "res_model": "sgz.budget.report.line",
            "view_mode": "list,pivot",
            "views": [
                (self.env.ref("sgz_budget.sgz_budget_report_line_view_list").id, "list"),
                (self.env.ref("sgz_budget.sgz_budget_report_line_view_pivot").id, "pivot"),
            ],
            "search_view_id": self.env.ref("sgz_budget.sgz_budget_report_line_view_search").id,
            "domain": [("report_id", "=", self.id)],
            # active_id: the report of the list, for its export button when no line is selected (a default only:
            # the export reads the report as the user, whose record rules decide)
            "context": {"create": False, "edit": False, "delete": False, "active_id": self.id},
            # the report starts the breadcrumb: its options were a dialog, not a page to go back to
            "target": "main",
        }

    def _sgz_export_content(self):
        """``(file name, xlsx bytes)`` of the report, for the user who asks: record rules decide whether they
        may read it (their own computation, their bureau), before any figure is read."""
        self.ensure_one()
        self.check_access("read")
        content = sgz_budget_xlsx.execution(self, self._sgz_rows())
        filename = self.env._(
            "Budget execution %(company)s %(year)s as of %(date)s.xlsx",
            company=self.company_id.name,
            year=self.fiscal_year,
            date=self.date_as_of,
        )
        return filename, content

    def action_export_xlsx(self):
        """The download streamed by ``/sgz_budget/execution/<id>/xlsx`` (no attachment is stored)."""
        self.ensure_one()
        self.check_access("read")
        self._sgz_companies()  # refuses now, with its sentence, what the download would refuse
        return {
            "type": "ir.actions.act_url",
            "url": f"/sgz_budget/execution/{self.id}/xlsx",
            "target": "self",
        }


class SgzBudgetReportLine(models.TransientModel):
    _name = "sgz.budget.report.line"
    _description = "Budget Execution Report Line"
    _order = "id"

    report_id = fields.Many2one("sgz.budget.report", required=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Bureau")
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source")
    currency_id = fields.Many2one(related="report_id.currency_id")
    allocated = fields.Monetary()
    received = fields.Monetary()
    committed = fields.Monetary()
    actual = fields.Monetary()
    paid = fields.Monetary()
    available = fields.Monetary()

    def _sgz_drill(self, kinds, what):
        self.ensure_one()
        report = self.report_id
        companies = self.company_id or report._sgz_companies()
        Entry = self.env["sgz.budget.entry"]
        domain = Entry._sgz_domain(
            companies.ids, report.fiscal_year, self.fund_source_id.id, kinds=kinds, as_of=report.date_as_of
        )
        title = (
            f"{self.company_id.name} / {self.fund_source_id.name}"
            if self.company_id
            else self.fund_source_id.name
        )
        return Entry.with_context(sgz_as_of=report.date_as_of)._sgz_open(domain, what, title=title)

    def action_open_entries(self):
        return self._sgz_drill(None, "entries")

    def action_open_allocated(self):
        return self._sgz_drill(ALLOCATED_KINDS, "entries")

    def action_open_received(self):
        return self._sgz_drill(("allocation_in",), "entries")

    def action_open_committed(self):
        return self._sgz_drill(COMMITTED_KINDS, "years")

    def action_open_actual(self):
        return self._sgz_drill(("actual",), "actual")

    def action_open_paid(self):
        return self._sgz_drill(("actual",), "paid")

    def action_export_xlsx(self):
        """The list's export button: the report of the selected lines, or of the list shown."""
        report = self.report_id or self.env["sgz.budget.report"].browse(self.env.context.get("active_id"))
        if len(report) != 1:
            raise UserError(self.env._("Export the lines of one budget execution report at a time."))
        return report.action_export_xlsx()
