"""Report types (报告类型): who reports, for which period, to whom and by when — data, not code.

The shipped types follow 湘民发〔2018〕16号 §三(二)(三)(四), §七(四)(五): the provider's monthly work brief,
mid-term and final reports per agreement year; the county's quarterly implementation report and the annual
self-evaluation due 30 November; the city's quarterly inspection record per county and half-yearly report;
the province's quarterly overview. A province officer changes due days, adds a type or closes one
(validity dates) without an upgrade.
"""

import calendar

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.periods import agreement_periods, periods_between

AUTHOR_KINDS = [
    ("provider", "Provider"),
    ("county", "County Bureau"),
    ("city", "City Bureau"),
    ("province", "Province"),
]
SCOPES = [
    ("agreement", "Per Service Agreement"),
    ("agreement_year", "Per Agreement Year"),
    ("company", "Per Organization"),
    ("county", "Per County Below the Author"),
]
PERIOD_KINDS = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half_year", "Half-Year"),
    ("year", "Year"),
    ("agreement_mid", "First Half of the Agreement Year"),
    ("agreement_year", "Agreement Year"),
]
DUE_RULES = [
    ("next_month_day", "Day of the following month"),
    ("days", "Calendar days after the period"),
    ("working_days", "Working days after the period"),
    ("fixed", "Fixed day of the period's year"),
    ("none", "No deadline"),
]
TARGETS = [
    ("parent", "The author's higher bureau"),
    ("agreement_county", "The county bureau of the agreement"),
    ("none", "Not filed"),
]


class SgzReportType(models.Model):
    _name = "sgz.report.type"
    _description = "Report Type"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    author_kind = fields.Selection(AUTHOR_KINDS, string="Author", required=True, tracking=True)
    scope = fields.Selection(SCOPES, required=True, default="company", tracking=True)
    period = fields.Selection(PERIOD_KINDS, required=True, default="month", tracking=True)
    target = fields.Selection(TARGETS, string="Filed With", required=True, default="parent", tracking=True)
    due_rule = fields.Selection(DUE_RULES, required=True, default="next_month_day", tracking=True)
    due_value = fields.Integer(
        string="Due Day or Days",
        default=5,
        tracking=True,
        help="The day of the following month, or the number of days after the period ends.",
    )
    due_month = fields.Integer(string="Due Month", tracking=True, help="For a fixed day: its month (11).")
    due_day = fields.Integer(string="Due Day of Month", tracking=True, help="For a fixed day: its day (30).")
    due_shift = fields.Boolean(
        string="Move Off Rest Days",
        default=True,
        tracking=True,
        help="A due date that falls on a weekend or public holiday moves to the next working day (调休 "
        "working days count as working days).",
    )
    lead_days = fields.Integer(
        string="Created Days Before Due",
        default=0,
        help="The expected report is created when its period ends, or this many days before it is due, "
        "whichever comes first (e.g. the self-evaluation, due before the year ends).",
    )
    narrative_required = fields.Boolean(string="Narrative Required", default=True)
    locks_activities = fields.Boolean(
        string="Locks the Month's Activities",
        help="Submitting the report locks the activities of its stations and month (the monthly brief).",
    )
    author_group_id = fields.Many2one(
        "res.groups", string="Author Role", help="The role of the user who writes the report (its deadline)."
    )
    date_from = fields.Date(string="Valid From", required=True, default="2025-01-01", tracking=True)
    date_to = fields.Date(string="Valid Until", tracking=True)
    report_count = fields.Integer(compute="_compute_report_count", string="Reports")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The report type code must be unique.")]

    def _compute_report_count(self):
        counts = dict(
            self.env["sgz.report"]._read_group(
                [("report_type_id", "in", self.ids)], ["report_type_id"], ["__count"]
            )
        )
        for report_type in self:
            report_type.report_count = counts.get(report_type, 0)

    @api.constrains("due_rule", "due_value", "due_month", "due_day", "date_from", "date_to", "lead_days")
    def _check_rule(self):
        for rtype in self:
            if rtype.due_rule == "next_month_day" and not 1 <= rtype.due_value <= 31:
                raise ValidationError(
                    self.env._("The due day of %(type)s must be a day of the month (1–31).", type=rtype.name)
                )
            if rtype.due_rule in ("days", "working_days") and rtype.due_value < 0:
                raise ValidationError(
                    self.env._("The number of days of %(type)s cannot be negative.", type=rtype.name)
                )
            if rtype.due_rule == "fixed":
                try:
                    fields.Date.to_date(f"2024-{rtype.due_month:02d}-{rtype.due_day:02d}")
                except ValueError:
                    raise ValidationError(
                        self.env._(
                            "%(type)s: give a real month and day for the fixed due date.", type=rtype.name
                        )
                    ) from None
            if rtype.date_to and rtype.date_to < rtype.date_from:
                raise ValidationError(self.env._("%(type)s cannot end before it starts.", type=rtype.name))
            if rtype.lead_days < 0:
                raise ValidationError(self.env._("The days before due cannot be negative."))
            if rtype.period.startswith("agreement") != rtype.scope.startswith("agreement_year"):
                raise ValidationError(
                    self.env._(
                        "%(type)s: the halves of an agreement year go with the scope “per agreement year”.",
                        type=rtype.name,
                    )
                )

    # ---- due dates ---------------------------------------------------------------------------------------------

    def _sgz_due_rule(self, period):
        """``(rule, start, value, month, day)`` for ``sgz.deadline.rule_date``, before moving off rest days."""
        self.ensure_one()
        rule = self.due_rule
        if rule == "next_month_day":
            first = period.date_to + relativedelta(days=1)
            last_day = calendar.monthrange(first.year, first.month)[1]
            return "days", period.date_to, min(self.due_value, last_day), None, None
        if rule == "fixed":
            return "fixed", period.date_from, 0, self.due_month, self.due_day
        if rule in ("days", "working_days"):
            return rule, period.date_to, self.due_value, None, None
        return None

    def _sgz_due(self, period):
        """``(due date, deadline rule args)`` of the report of ``period`` (``(False, None)`` without deadline).

        A due date on a rest day moves to the next working day when the type says so; when the holiday
        schedule of that year is not known yet the date stays (and the deadline says so in its rule)."""
        self.ensure_one()
        args = self._sgz_due_rule(period)
        if not args:
            return False, None
        Deadline = self.env["sgz.deadline"]
        rule, start, value, month, day = args
        due = Deadline.rule_date(rule, start, value, month=month, day=day)
        if self.due_shift and rule != "working_days":
            try:
                shifted = Deadline.rule_date("working_days", due - relativedelta(days=1), 1)
            except UserError:
                return due, args
            return shifted, ("working_days", due - relativedelta(days=1), 1, None, None)
        return due, args

    # ---- expected periods --------------------------------------------------------------------------------------

    def _sgz_calendar_periods(self, today, lookback_days=100):
        """The calendar periods whose report is expected on ``today``: ended within ``lookback_days``, or
        due within ``lead_days``."""
        self.ensure_one()
        periods = []
        horizon = today + relativedelta(days=self.lead_days + 370)
        for period in periods_between(self.period, today - relativedelta(days=lookback_days), horizon):
            if not self._sgz_valid_for(period):
                continue
            if period.date_to < today or self._sgz_announced(period, today):
                periods.append(period)
        return periods

    def _sgz_announced(self, period, today):
        if not self.lead_days:
            return False
        due, _args = self._sgz_due(period)
        return bool(due) and today >= due - relativedelta(days=self.lead_days)

    def _sgz_valid_for(self, period):
        return period.date_from >= self.date_from.replace(day=1) and (
            not self.date_to or period.date_from <= self.date_to
        )

    def _sgz_agreement_year_period(self, year):
        return agreement_periods(self.period, year.date_start, year.date_end)
