from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzSupervision(models.Model):
    """A supervision session (督导服务, policy §三(一)) for a worker or a whole station."""

    _name = "sgz.supervision"
    _description = "Supervision Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "supervisor"

    supervisor = fields.Char(required=True, tracking=True, sgz_max_length=100)
    company_id = fields.Many2one(
        "res.company",
        string="Organized By",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    employee_id = fields.Many2one("hr.employee", string="Worker", index=True, tracking=True)
    station_id = fields.Many2one("sgz.station", string="Station", index=True, tracking=True)
    date = fields.Date(required=True, tracking=True, sgz_not_future=True)
    hours = fields.Float(required=True, tracking=True, sgz_limit="hours")
    issues = fields.Text(string="Issues Found", tracking=True)
    follow_up = fields.Text(string="Follow-up", tracking=True)

    @api.constrains("hours", "employee_id", "station_id", "company_id")
    def _check_session(self):
        for session in self:
            if session.hours <= 0 or session.hours > 24:
                raise ValidationError(
                    self.env._(
                        "A supervision session lasts more than zero hours and at most 24 hours in a day."
                    )
                )
            if not session.employee_id and not session.station_id:
                raise ValidationError(self.env._("A supervision session is for a worker or a station."))
            company = session.company_id
            employee = session.employee_id
            if company.sgz_kind == "provider" and employee and employee.company_id != company:
                raise ValidationError(
                    self.env._(
                        "%(worker)s works for another provider: a provider supervises its own workers.",
                        worker=session.employee_id.name,
                    )
                )
