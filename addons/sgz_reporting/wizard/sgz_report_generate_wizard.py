from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.periods import period_of


class SgzReportGenerateWizard(models.TransientModel):
    """On demand: create the expected reports of a type for the period that contains a date, for the
    organizations the user works for (a bureau: itself and the bureaus and agreements below it)."""

    _name = "sgz.report.generate.wizard"
    _description = "Create Expected Reports"

    report_type_id = fields.Many2one("sgz.report.type", string="Report Type", required=True)
    date = fields.Date(
        string="A Day of the Period",
        required=True,
        default=fields.Date.context_today,
        help="Any day of the period.",
    )

    @api.model
    def _sgz_authors(self):
        """The author organizations the current user may create reports for."""
        user = self.env.user
        if user.has_group("base.group_system"):
            return None
        groups = ("sgz_base.sgz_base_group_provider_manager", "sgz_base.sgz_base_group_county_officer")
        if not any(user.has_group(group) for group in groups):
            raise AccessError(self.env._("Only the authors of reports can create expected reports."))
        return user.company_ids

    def _sgz_due_periods(self, rtype, periods):
        """The periods whose report is expected today, as the daily cron has them: ended, or announced ahead of
        a due date inside the period (the self-evaluation of 30 November). A report of a period still running
        would be written and submitted before its figures exist (and a monthly brief would lock a month whose
        activities are still to be entered)."""
        today = fields.Date.context_today(self)
        due = [p for p in periods if p.date_to < today or rtype._sgz_announced(p, today)]
        if periods and not due:
            raise UserError(
                self.env._(
                    "The period of %(type)s that contains %(date)s has not ended yet (it ends on %(end)s): its "
                    "report can be created once the period is over.",
                    type=rtype.name,
                    date=self.date,
                    end=min(p.date_to for p in periods),
                )
            )
        return due

    def action_generate(self):
        self.ensure_one()
        rtype = self.report_type_id
        authors = self._sgz_authors()
        Report = self.env["sgz.report"]
        if rtype.period.startswith("agreement"):
            years = (
                self.env["sgz.agreement.year"]
                .sudo()
                .search(
                    [
                        ("state", "in", ("confirmed", "evaluated")),
                        ("date_start", "<=", self.date),
                        ("date_end", ">=", self.date),
                    ]
                )
            )
            periods = sorted(
                {rtype._sgz_agreement_year_period(year) for year in years}, key=lambda p: p.date_from
            )
        else:
            period = period_of(rtype.period, self.date)
            if not rtype._sgz_valid_for(period):
                raise UserError(self.env._("%(type)s is not in use for this period.", type=rtype.name))
            periods = [period]
        periods = self._sgz_due_periods(rtype, periods)
        reports = Report._sgz_generate(rtype, periods, authors)
        if not reports:
            raise UserError(
                self.env._("Every expected %(type)s of this period exists already.", type=rtype.name)
            )
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_reporting.sgz_report_action")
        action["domain"] = [("id", "in", reports.ids)]
        return action
