"""Periodic reports (报告) as documents with deadlines: expected, written, submitted, reviewed.

The expected reports of every type and period are created by a cron (and on demand, by the generation
wizard); each gets its deadline (``sgz.deadline``: an activity for its author, a stored overdue flag that
its reviewer sees too). The figures are prefilled from the records (``sgz.reporting.figures``) and frozen at
submission; the author writes the narrative; submission files the report with the reviewing organization
(``sgz.filing``), which acknowledges it or returns it with a reason. Submitting a monthly brief locks the
activities of its stations and month.
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_round, html2plaintext

from odoo.addons.sgz_base.lib import format_day
from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from ..lib.periods import Period

# the budget figures of bureau reports, per fund source (sgz_budget ledger)
BUDGET_FIGURES = ("allocated", "committed", "actual", "available")

STATES = [
    ("draft", "To Write"),
    ("submitted", "Submitted"),
    ("acknowledged", "Acknowledged"),
    ("returned", "Returned"),
]
# the default role writing each kind of author's reports (its deadline goes to a user holding it)
AUTHOR_GROUPS = {
    "provider": "sgz_base.sgz_base_group_provider_manager",
    "county": "sgz_base.sgz_base_group_county_officer",
    "city": "sgz_base.sgz_base_group_city_officer",
    "province": "sgz_base.sgz_base_group_province_officer",
}
AUTHOR_ROLES = "sgz_base.sgz_base_group_provider_manager,sgz_base.sgz_base_group_county_officer"
RESUBMIT_WORKING_DAYS = 5
DEADLINE_CODE = "submission"


class SgzReport(models.Model):
    _name = "sgz.report"
    _description = "Periodic Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.filing.mixin", "sgz.deadline.mixin"]
    _order = "date_from desc, report_type_id, company_id, id"
    _check_company_auto = True
    _rec_names_search = ["company_id.name", "report_type_id.name", "period_code"]

    _sgz_locked_states = ("submitted", "acknowledged")
    _sgz_action_fields = (
        "state",
        "report_type_id",
        "company_id",
        "target_company_id",
        "agreement_id",
        "agreement_year_id",
        "subject_company_id",
        "date_from",
        "date_to",
        "period_code",
        "due_date",
        "submit_date",
        "submitted_by_id",
        "figures_date",
        "station_ids",
    )
    _sgz_lock_writable = ("reviewer_id",)
    _sgz_unlink_states = ("draft",)
    _sgz_create_by_action = True

    report_type_id = fields.Many2one(
        "sgz.report.type", string="Report Type", required=True, index=True, readonly=True, ondelete="restrict"
    )
    type_code = fields.Char(related="report_type_id.code", string="Type Code")
    author_kind = fields.Selection(related="report_type_id.author_kind", string="Author Kind")
    period_kind = fields.Selection(related="report_type_id.period", string="Period Kind")
    company_id = fields.Many2one(
        "res.company", string="Author", required=True, index=True, readonly=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Written By",
        tracking=True,
        domain="[('company_ids', 'in', company_id)]",
        help="Who writes the report: the deadline's activity is theirs.",
    )
    target_company_id = fields.Many2one(
        "res.company", string="Reviewed By", index=True, readonly=True, tracking=True
    )
    reviewer_id = fields.Many2one(
        "res.users",
        string="Reviewer",
        tracking=True,
        help="The officer of the reviewing organization who reviews this report (optional).",
    )
    agreement_id = fields.Many2one(
        "sgz.agreement", string="Service Agreement", index="btree_not_null", readonly=True
    )
    agreement_year_id = fields.Many2one(
        "sgz.agreement.year", string="Agreement Year", index="btree_not_null", readonly=True
    )
    subject_company_id = fields.Many2one(
        "res.company", string="County Inspected", index="btree_not_null", readonly=True
    )
    date_from = fields.Date(string="Period Start", required=True, index=True, readonly=True)
    date_to = fields.Date(string="Period End", required=True, readonly=True)
    period_code = fields.Char(string="Period Code", index=True, readonly=True)
    period_label = fields.Char(string="Period", compute="_compute_period_label")
    due_date = fields.Date(string="Due Date", readonly=True, index=True, tracking=True)
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, index=True, tracking=True, copy=False
    )
    submit_date = fields.Date(string="Submitted On", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True, copy=False)
    figures_date = fields.Datetime(string="Figures Of", readonly=True, copy=False)
    station_ids = fields.Many2many("sgz.station", string="Stations Covered", readonly=True)
    station_count = fields.Integer(compute="_compute_station_count", string="Station Count")
    line_ids = fields.One2many("sgz.report.line", "report_id", string="Figures")
    highlights = fields.Html(string="Work and Highlights")
    problems = fields.Html(string="Problems and Difficulties")
    next_steps = fields.Html(string="Next Steps")
    return_reason = fields.Text(compute="_compute_return_reason", string="Reason for Return")
    can_review = fields.Boolean(compute="_compute_can_review")
    is_author = fields.Boolean(compute="_compute_can_review")
    activity_locked_count = fields.Integer(
        compute="_compute_activity_locked_count", string="Locked Activities"
    )

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sgz_report_unique_period ON sgz_report (report_type_id, company_id, "
            "COALESCE(agreement_id, 0), COALESCE(agreement_year_id, 0), COALESCE(subject_company_id, 0), date_from)"
        )

    # ---- computes ------------------------------------------------------------------------------------------------

    @api.depends("report_type_id.name", "company_id.name", "period_label", "subject_company_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for report in self:
            subject = report.sudo().subject_company_id.name
            report.display_name = " ".join(
                part
                for part in (
                    report.sudo().company_id.name,
                    report.period_label,
                    report.sudo().report_type_id.name,
                    subject and self.env._("(%(county)s)", county=subject),
                )
                if part
            )

    @api.depends("date_from", "date_to", "report_type_id.period")
    @api.depends_context("lang")
    def _compute_period_label(self):
        for report in self:
            report.period_label = report._sgz_period_label()

    def _sgz_period_label(self):
        self.ensure_one()
        if not self.date_from:
            return ""
        _ = self.env._
        kind = self.sudo().report_type_id.period
        start = self.date_from
        period = Period(kind, start, self.date_to)
        if kind == "month":
            return _("%(year)s-%(month)s", year=start.year, month=start.month)
        if kind == "quarter":
            return _("%(year)s Q%(quarter)s", year=start.year, quarter=period.index)
        if kind == "half_year":
            return (
                _("First half of %(year)s", year=start.year)
                if period.index == 1
                else _("Second half of %(year)s", year=start.year)
            )
        if kind == "year":
            return _("Year %(year)s", year=start.year)
        lang = self.env.lang or "en_US"
        return _("%(start)s to %(end)s", start=format_day(start, lang), end=format_day(self.date_to, lang))

    def _compute_station_count(self):
        for report in self:
            report.station_count = len(report.station_ids)

    @api.depends("sgz_filing_ids.state", "sgz_filing_ids.return_reason")
    def _compute_return_reason(self):
        for report in self:
            returned = (
                report.sudo().sgz_filing_ids.filtered(lambda f: f.state == "returned").sorted("id")[-1:]
            )
            report.return_reason = returned.return_reason if report.state == "returned" else False

    @api.depends("state", "target_company_id", "company_id")
    @api.depends_context("uid")
    def _compute_can_review(self):
        user = self.env.user
        officer = user.has_group("sgz_base.sgz_base_group_county_officer")
        for report in self:
            report.can_review = bool(
                officer and report.state == "submitted" and report.target_company_id in user.company_ids
            )
            report.is_author = report.company_id in user.company_ids

    def _compute_activity_locked_count(self):
        counts = dict(
            self.env["sgz.activity"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("brief_id", "in", self.ids)], ["brief_id"], ["__count"])
        )
        for report in self:
            report.activity_locked_count = counts.get(report, 0)

    # ---- checks --------------------------------------------------------------------------------------------------

    @api.constrains("reviewer_id", "target_company_id")
    def _check_reviewer(self):
        for report in self:
            reviewer = report.sudo().reviewer_id
            if not reviewer:
                continue
            target = report.sudo().target_company_id
            if not target or not (reviewer.company_ids & (target | target.parent_ids)):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot review %(report)s: the reviewer must be an officer of %(target)s or of a "
                        "bureau above it.",
                        user=reviewer.name,
                        report=report.display_name,
                        target=target.name or self.env._("the reviewing bureau"),
                    )
                )

    @api.constrains("user_id", "company_id")
    def _check_author(self):
        for report in self:
            author = report.sudo().user_id
            if author and report.company_id not in author.company_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work for %(company)s and cannot write its report.",
                        user=author.name,
                        company=report.sudo().company_id.name,
                    )
                )

    @api.model
    def _sgz_key(self, vals):
        return (
            vals.get("report_type_id"),
            vals.get("company_id"),
            vals.get("agreement_id") or False,
            vals.get("agreement_year_id") or False,
            vals.get("subject_company_id") or False,
            str(vals.get("date_from")),
        )

    @api.model
    def _sgz_check_unique(self, vals_list):
        """One report per type, author (agreement, year, county inspected) and period: a clear sentence."""
        keys = [self._sgz_key(vals) for vals in vals_list]
        duplicates = len(set(keys)) < len(keys)
        if not duplicates:
            existing = self.sudo().search(
                [
                    ("report_type_id", "in", [key[0] for key in keys]),
                    ("company_id", "in", [key[1] for key in keys]),
                    ("date_from", "in", [key[5] for key in keys]),
                ]
            )
            known = {
                (
                    r.report_type_id.id,
                    r.company_id.id,
                    r.agreement_id.id or False,
                    r.agreement_year_id.id or False,
                    r.subject_company_id.id or False,
                    str(r.date_from),
                )
                for r in existing
            }
            duplicates = bool(known & set(keys))
        if duplicates:
            vals = vals_list[0]
            raise ValidationError(
                self.env._(
                    "There is already a %(type)s of %(author)s for the period starting %(date)s: a second one "
                    "cannot be created.",
                    type=self.env["sgz.report.type"].sudo().browse(vals.get("report_type_id")).name,
                    author=self.env["res.company"].sudo().browse(vals.get("company_id")).name,
                    date=vals.get("date_from"),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self._sgz_lock_lifted():
            self._sgz_check_unique(vals_list)
        return super().create(vals_list)

    def _sgz_check_narrative(self):
        for report in self:
            if not report.sudo().report_type_id.narrative_required:
                continue
            missing = [
                str(report._fields[name]._description_string(self.env))
                for name in ("highlights", "problems", "next_steps")
                if not html2plaintext(report[name] or "").strip()
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "%(report)s cannot be submitted yet: write %(parts)s.",
                        report=report.display_name,
                        parts="、".join(missing),
                    )
                )

    # ---- expected reports -------------------------------------------------------------------------------------

    @api.model
    def _sgz_period_vals(self, rtype, period, company, **refs):
        return {
            "report_type_id": rtype.id,
            "company_id": company.id,
            "date_from": period.date_from,
            "date_to": period.date_to,
            "period_code": period.code(),
            **refs,
        }

    @api.model
    def _sgz_expected_vals(self, rtype, periods, authors=None):
        """The values of the reports ``rtype`` expects for ``periods`` (all authors, or those among
        ``authors``, a recordset of companies), existing ones included."""
        Company = self.env["res.company"].sudo()
        vals_list = []
        if rtype.scope in ("agreement", "agreement_year"):
            domain = [("state", "=", "active")]
            if authors is not None:
                domain += ["|", ("provider_id", "in", authors.ids), ("company_id", "in", authors.ids)]
            agreements = self.env["sgz.agreement"].sudo().search(domain)
            if rtype.scope == "agreement":
                for agreement in agreements:
                    end = max(agreement.year_ids.mapped("date_end") or [False]) or False
                    for period in periods:
                        start = agreement.date_start or agreement.sign_date
                        if start and start <= period.date_to and (not end or end >= period.date_from):
                            vals_list.append(
                                self._sgz_period_vals(
                                    rtype, period, agreement.provider_id, agreement_id=agreement.id
                                )
                            )
            else:
                for year in agreements.year_ids.filtered(lambda y: y.state in ("confirmed", "evaluated")):
                    period = rtype._sgz_agreement_year_period(year)
                    if period in periods:
                        vals_list.append(
                            self._sgz_period_vals(
                                rtype,
                                period,
                                year.agreement_id.provider_id,
                                agreement_id=year.agreement_id.id,
                                agreement_year_id=year.id,
                            )
                        )
            return vals_list
        companies = Company.search([("sgz_kind", "=", rtype.author_kind)])
        if authors is not None:
            companies &= authors
        for company in companies:
            if rtype.scope == "county":
                subjects = Company.search([("parent_id", "=", company.id), ("sgz_kind", "=", "county")])
                for subject in subjects:
                    for period in periods:
                        vals_list.append(
                            self._sgz_period_vals(rtype, period, company, subject_company_id=subject.id)
                        )
            else:
                for period in periods:
                    vals_list.append(self._sgz_period_vals(rtype, period, company))
        return vals_list

    @api.model
    def _sgz_agreement_year_periods(self, rtype, today, lookback_days=100):
        """The halves/years of the signed agreement years whose report is expected on ``today``."""
        years = (
            self.env["sgz.agreement.year"]
            .sudo()
            .search([("state", "in", ("confirmed", "evaluated")), ("agreement_id.state", "=", "active")])
        )
        periods = set()
        for year in years:
            period = rtype._sgz_agreement_year_period(year)
            if period.date_to < today - relativedelta(days=lookback_days) or not rtype._sgz_valid_for(period):
                continue
            if period.date_to < today or rtype._sgz_announced(period, today):
                periods.add(period)
        return sorted(periods, key=lambda p: p.date_from)

    @api.model
    def _sgz_generate(self, rtype, periods, authors=None):
        """Create the missing expected reports of ``rtype`` for ``periods``; returns the new reports."""
        if not periods:
            return self.browse()
        wanted = self._sgz_expected_vals(rtype, periods, authors)
        if not wanted:
            return self.browse()
        existing = self.sudo().search_read(
            [("report_type_id", "=", rtype.id), ("date_from", "in", [p.date_from for p in periods])],
            ["company_id", "agreement_id", "agreement_year_id", "subject_company_id", "date_from"],
            load=None,
        )
        keys = {
            (
                r["company_id"],
                r["agreement_id"] or False,
                r["agreement_year_id"] or False,
                r["subject_company_id"] or False,
                r["date_from"],
            )
            for r in existing
        }
        missing = []
        for vals in wanted:
            key = (
                vals["company_id"],
                vals.get("agreement_id", False),
                vals.get("agreement_year_id", False),
                vals.get("subject_company_id", False),
                vals["date_from"],
            )
            if key not in keys:
                keys.add(key)
                missing.append(vals)
        if not missing:
            return self.browse()
        self._sgz_complete_vals(rtype, missing)
        Report = self.sudo().with_context(mail_create_nosubscribe=True, tracking_disable=True)
        with Report._sgz_unlocked():
            reports = Report.create(missing)
            for report in reports:
                report._sgz_set_deadline()
            reports._sgz_refresh_figures()
        return reports.sudo(False)

    @api.model
    def _sgz_complete_vals(self, rtype, vals_list):
        """Author user, reviewing organization and due date of new expected reports."""
        Company = self.env["res.company"].sudo()
        Agreement = self.env["sgz.agreement"].sudo()
        group = rtype.author_group_id or self.env.ref(AUTHOR_GROUPS[rtype.author_kind])
        company_ids = {vals["company_id"] for vals in vals_list}
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.ids),
                    ("company_id", "in", list(company_ids)),
                    ("share", "=", False),
                ],
                order="id",
            )
        )
        author_of = {}
        for user in users:
            author_of.setdefault(user.company_id.id, user.id)
        for vals in vals_list:
            company = Company.browse(vals["company_id"])
            if rtype.target == "agreement_county":
                target = Agreement.browse(vals["agreement_id"]).company_id
            elif rtype.target == "parent":
                target = company.parent_id
            else:
                target = Company
            period = Period(rtype.period, vals["date_from"], vals["date_to"])
            due, _args = rtype._sgz_due(period)
            vals.update(
                {
                    "user_id": author_of.get(company.id, False),
                    "target_company_id": target.id,
                    "due_date": due,
                }
            )

    def _sgz_author_lang(self):
        """The language of the report's author (the cron runs in the robot's): names stored for people. Without
        an author yet, the language of the author organization."""
        self.ensure_one()
        report = self.sudo()
        return report.user_id.lang or report.company_id.partner_id.lang or self.env.lang

    def _sgz_set_deadline(self):
        self.ensure_one()
        rtype = self.report_type_id
        period = Period(rtype.period, self.date_from, self.date_to)
        due, args = rtype._sgz_due(period)
        if not due:
            return
        rule, start, value, month, day = args
        report = self.with_context(lang=self._sgz_author_lang())
        report._sgz_deadline_set(
            DEADLINE_CODE,
            report.env._("Submit %(report)s", report=report.display_name),
            rule,
            start,
            value,
            user=self.user_id or None,
            month=month,
            day=day,
        )

    @api.model
    def _cron_generate_expected(self, today=None):
        """Daily: create the expected reports of every active type whose period has ended (or whose due date
        is near), with their deadlines."""
        today = fields.Date.to_date(today) or fields.Date.context_today(self)
        created = self.browse()
        for rtype in self.env["sgz.report.type"].sudo().search([]):
            if rtype.period.startswith("agreement"):
                periods = self._sgz_agreement_year_periods(rtype, today)
            else:
                periods = rtype._sgz_calendar_periods(today)
            created |= self._sgz_generate(rtype, periods)
        return created

    @api.model
    def _sgz_claim_open_briefs(self, keys):
        """Write the rows of the briefs not yet submitted that would lock the (station id, month) ``keys``,
        without changing them: a submission running at the same moment then conflicts with this transaction
        (it waits for it, or its row lock fails at once, or it is retried after this one commits) instead of
        freezing the month without the activity being saved. One query."""
        keys = {(station, month) for station, month in keys if station and month}
        if not keys:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE sgz_report r SET write_date = r.write_date
                  FROM sgz_report_type t, sgz_report_sgz_station_rel rel
                 WHERE t.id = r.report_type_id AND t.locks_activities AND r.state IN ('draft', 'returned')
                   AND rel.sgz_report_id = r.id
                   AND (rel.sgz_station_id, r.date_from) IN (SELECT * FROM unnest(%s::int[], %s::date[]))
                """,
                [station for station, _month in keys],
                [month for _station, month in keys],
            ),
            # a conflict with a submission at the same moment is expected: Odoo retries the request, which then
            # reads the submitted brief and refuses with its sentence (no ERROR line in the server's log)
            log_exceptions=False,
        )

    @api.model
    def _sgz_locking_briefs(self, keys):
        """Submitted (or acknowledged) reports locking activities of the (station id, month) ``keys``."""
        keys = {(station, month) for station, month in keys if station and month}
        if not keys:
            return self.browse()
        briefs = self.sudo().search(
            [
                ("report_type_id.locks_activities", "=", True),
                ("state", "in", ("submitted", "acknowledged")),
                ("date_from", "in", list({month for _station, month in keys})),
                ("station_ids", "in", list({station for station, _month in keys})),
            ]
        )
        return briefs.filtered(lambda b: any((station.id, b.date_from) in keys for station in b.station_ids))

    # ---- figures -------------------------------------------------------------------------------------------------

    def _sgz_scope(self):
        self.ensure_one()
        Figures = self.env["sgz.reporting.figures"]
        report = self.sudo()
        if report.agreement_id:
            return Figures._sgz_scope_agreement(report.agreement_id)
        return Figures._sgz_scope_company(report.subject_company_id or report.company_id)

    def _sgz_budget_figures(self, company, date_from, date_to):
        """Budget execution by fund source of ``company`` as indicator rows, consolidated over the bureaus below
        it (a city's report counts its counties' budgets): the fiscal year of ``date_to`` as of ``date_to``,
        from one query on the budget ledger (sgz_budget). One row per fund source and figure (allocated,
        committed, actual, available): ``{"code": "budget_<fund source code>_<figure>", "label": ..., "value"}``.
        """
        bureaus = (
            self.env["res.company"]
            .sudo()
            .search([("id", "child_of", company.id), ("sgz_kind", "in", ("province", "city", "county"))])
        )
        figures = (
            self.env["sgz.budget.entry"]
            .sudo()
            ._sgz_figures(bureaus.ids, [date_to.year], as_of=date_to, group_by_company=False)
        )
        totals = defaultdict(lambda: defaultdict(float))
        for (_company, _year, fund_id, _category), values in figures.items():
            for name in BUDGET_FIGURES:
                totals[fund_id][name] += values[name]
        labels = {
            "allocated": self.env._("%(fund)s: budget"),
            "committed": self.env._("%(fund)s: committed"),
            "actual": self.env._("%(fund)s: actual expenditure"),
            "available": self.env._("%(fund)s: available"),
        }
        rows = []
        for fund in self.env["sgz.fund.source"].sudo().browse(list(totals)).sorted():
            for name in BUDGET_FIGURES:
                rows.append(
                    {
                        "code": f"budget_{fund.code}_{name}",
                        "label": labels[name] % {"fund": fund.name},
                        "value": float_round(totals[fund.id][name], precision_digits=2),
                    }
                )
        return rows

    def _sgz_refresh_figures(self):
        """Recompute the indicator lines (this period, previous period) of draft or returned reports."""
        Figures = self.env["sgz.reporting.figures"].sudo()
        Line = self.env["sgz.report.line"].sudo()
        now = fields.Datetime.now()
        for report in self.sudo():
            if report.state not in ("draft", "returned"):
                raise UserError(
                    self.env._(
                        "The figures of %(report)s are frozen since its submission.",
                        report=report.display_name,
                    )
                )
            scope = report._sgz_scope()
            period = Period(report.report_type_id.period, report.date_from, report.date_to)
            previous = period.previous()
            budget_company = report.company_id if report.company_id.sgz_kind != "provider" else None
            current_rows = Figures._sgz_indicator_rows(
                scope, period.date_from, period.date_to, budget_company
            )
            previous_rows = Figures._sgz_indicator_rows(
                scope, previous.date_from, previous.date_to, budget_company
            )
            previous_values = {self._sgz_row_key(row): row["value"] for row in previous_rows}
            # a pay figure withheld in either period is withheld (the change would give it away)
            withheld = {self._sgz_row_key(row) for row in current_rows + previous_rows if row.get("withheld")}
            lines = []
            for sequence, row in enumerate(current_rows):
                key = self._sgz_row_key(row)
                lines.append(
                    {
                        "report_id": report.id,
                        "sequence": sequence,
                        "section": row["section"],
                        "code": row["code"],
                        "measure": row["measure"],
                        "value": 0.0 if key in withheld else float(row["value"]),
                        "previous_value": 0.0 if key in withheld else float(previous_values.get(key, 0)),
                        "activity_type": row.get("activity_type", False),
                        "service_area_id": row.get("service_area_id", False),
                        "category_id": row.get("category_id", False),
                        "company_ref_id": row.get("company_ref_id", False),
                        "label": row.get("label", False),
                        "withheld": key in withheld,
                    }
                )
            with Line._sgz_unlocked("sgz.report"):
                report.line_ids.unlink()
                Line.create(lines)
                report.write({"station_ids": [fields.Command.set(scope.station_ids)], "figures_date": now})

    @staticmethod
    def _sgz_row_key(row):
        return (
            row["section"],
            row["code"],
            row.get("activity_type") or False,
            row.get("service_area_id") or False,
            row.get("category_id") or False,
            row.get("company_ref_id") or False,
        )

    # ---- filing hooks --------------------------------------------------------------------------------------------

    def _sgz_filing_target_company(self):
        return self.target_company_id

    def _sgz_filing_due_date(self):
        return self.due_date

    def _sgz_filing_period(self):
        return self.period_code or False

    def _sgz_filing_check(self):
        if self.state not in ("draft", "returned"):
            raise UserError(self.env._("%(report)s is already submitted.", report=self.display_name))

    def _sgz_filing_acknowledged(self, filing):
        for report in self:
            with report._sgz_unlocked():
                report.sudo().write({"state": "acknowledged"})
            report._sgz_deadline_cancel("resubmission")

    def _sgz_filing_returned(self, filing):
        for report in self:
            with report._sgz_unlocked():
                report.sudo().write({"state": "returned"})
            if report.report_type_id.locks_activities:
                activities = (
                    self.env["sgz.activity"]
                    .sudo()
                    .with_context(active_test=False)
                    .search([("brief_id", "=", report.id)])
                )
                activities._sgz_unlock()
            author = report.with_context(lang=report._sgz_author_lang())
            author._sgz_deadline_set(
                "resubmission",
                author.env._("Correct and submit %(report)s again", report=author.display_name),
                "working_days",
                filing.acknowledge_date or fields.Date.context_today(self),
                RESUBMIT_WORKING_DAYS,
                user=report.user_id or None,
            )

    # ---- actions ---------------------------------------------------------------------------------------------------

    @sgz_action(groups=AUTHOR_ROLES)
    def action_refresh_figures(self):
        """Button: read the figures again from the records (draft or returned reports), for their author."""
        if not self.env.su and self.filtered(lambda r: r.company_id not in self.env.user.company_ids):
            raise UserError(
                self.env._("Only the author's organization refreshes the figures of its reports.")
            )
        self._sgz_refresh_figures()
        return True

    @sgz_action(lock_rows=True, groups=AUTHOR_ROLES)
    def action_submit(self):
        """Author: freeze the figures, file the report with the reviewer, close its deadline, lock the month's
        activities (monthly brief)."""
        for report in self:
            if report.state not in ("draft", "returned"):
                raise UserError(self.env._("%(report)s is already submitted.", report=report.display_name))
            if report.company_id not in self.env.user.company_ids and not self.env.su:
                raise UserError(
                    self.env._("Only %(company)s submits this report.", company=report.sudo().company_id.name)
                )
            report._sgz_check_narrative()
            report._sgz_refresh_figures()
            today = fields.Date.context_today(self)
            if report.sudo().report_type_id.target != "none":
                report._sgz_file()
            report.write({"state": "submitted", "submit_date": today, "submitted_by_id": self.env.uid})
            report._sgz_deadline_done(DEADLINE_CODE, today)
            report._sgz_deadline_done("resubmission", today)
            if report.sudo().report_type_id.locks_activities:
                report._sgz_lock_activities()
            report.message_post(
                body=self.env._("Submitted by %(user)s; figures frozen.", user=self.env.user.name)
            )
        return True

    def action_sgz_file(self):
        """Filing a report is submitting it (figures frozen, checks made)."""
        return self.action_submit()

    def _sgz_lock_activities(self):
        self.ensure_one()
        # archived activities too: restoring one must not slip it back into the frozen month
        activities = (
            self.env["sgz.activity"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("station_id", "in", self.station_ids.ids),
                    ("company_id", "=", self.company_id.id),
                    ("month", "=", self.date_from),
                ]
            )
        )
        activities._sgz_lock_by(self)

    def _sgz_current_filing(self):
        self.ensure_one()
        filing = self.sudo().sgz_filing_ids.filtered(lambda f: f.state == "submitted").sorted("id")[-1:]
        if not filing:
            raise UserError(self.env._("%(report)s is not waiting for review.", report=self.display_name))
        return filing.sudo(False)

    @sgz_action(access="read")
    def action_acknowledge(self):
        """Reviewer: the report is received and on record."""
        for report in self:
            report._sgz_current_filing().action_acknowledge()
        return True

    @sgz_action(access="read")
    def action_return(self, reason=None):
        """Reviewer: send the report back to its author with a reason."""
        for report in self:
            report._sgz_current_filing().action_return(reason=reason)
        return True

    def action_open_return_wizard(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return the Report"),
            "res_model": "sgz.report.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id},
        }

    def action_open_activities(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_reporting.sgz_activity_action")
        action["domain"] = [
            ("station_id", "in", self.station_ids.ids),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        action["context"] = {"create": False}
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/sgz_reporting/report/{self.id}/xlsx",
            "target": "self",
        }

    def action_print(self):
        self.ensure_one()
        self.check_access("read")
        if self.state not in ("submitted", "acknowledged"):
            raise UserError(self.env._("Only a submitted report is printed: submit it first."))
        return self.env.ref("sgz_reporting.action_report_sgz_report").report_action(self)

    # ---- data for the outputs -----------------------------------------------------------------------------------

    def _sgz_sections(self):
        """[(section label, [lines])] in the order of the figures, for the PDF and the spreadsheet."""
        self.ensure_one()
        labels = dict(self.env["sgz.report.line"]._fields["section"]._description_selection(self.env))
        grouped = defaultdict(list)
        order = []
        for line in self.line_ids.sorted("sequence"):
            if line.section not in grouped:
                order.append(line.section)
            grouped[line.section].append(line)
        return [(labels[section], grouped[section]) for section in order]
