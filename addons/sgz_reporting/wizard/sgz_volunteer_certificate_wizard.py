import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_base.lib import format_day


class SgzVolunteerCertificateWizard(models.TransientModel):
    """The period of a volunteer's hour certificate (志愿服务时长证明), printed by the provider running the
    volunteer's station: the confirmed records of the period, their total, the issuing organization."""

    _name = "sgz.volunteer.certificate.wizard"
    _description = "Volunteer Service Hours Certificate"

    volunteer_id = fields.Many2one("sgz.volunteer", string="Volunteer", required=True, ondelete="cascade")
    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.model
    def _default_date_from(self):
        return datetime.date(fields.Date.context_today(self).year, 1, 1)

    def _sgz_records(self):
        """The confirmed service records of the period, oldest first."""
        self.ensure_one()
        return self.env["sgz.volunteer.hour"].search(
            [
                ("volunteer_id", "=", self.volunteer_id.id),
                ("state", "=", "confirmed"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date, id",
        )

    def _sgz_total_hours(self):
        return round(sum(self._sgz_records().mapped("hours")), 1)

    def _sgz_day(self, day):
        """A day as the certificate prints it (2026年9月20日)."""
        return format_day(day, self.env.lang or "zh_CN") if day else ""

    def _sgz_issue_date(self):
        return fields.Date.context_today(self)

    def action_print(self):
        self.ensure_one()
        self.volunteer_id.check_access("read")
        if self.date_from > self.date_to:
            raise UserError(
                self.env._("The period of the certificate ends before it begins: check the dates.")
            )
        return self.env.ref("sgz_reporting.action_report_sgz_volunteer_certificate").report_action(self)
