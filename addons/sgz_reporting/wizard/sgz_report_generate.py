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
        reports = Report._sgz_generate(rtype, periods, authors)
        if not reports:
            raise UserError(
                self.env._("Every expected %(type)s of this period exists already.", type=rtype.name)
            )
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_reporting.sgz_report_action")
        action["domain"] = [("id", "in", reports.ids)]
        return action
