from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzTraining(models.Model):
    """A training (业务培训, policy §三(一)) organized by the province, a city or a provider, with the hours each
    stationed worker attended."""

    _name = "sgz.training"
    _description = "Worker Training"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Topic", required=True, tracking=True, sgz_max_length=200)
    company_id = fields.Many2one(
        "res.company",
        string="Organizer",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    date = fields.Date(required=True, tracking=True, sgz_not_future=True)
    hours = fields.Float(required=True, tracking=True, sgz_limit="hours")
    trainer = fields.Char(tracking=True, sgz_max_length=100)
    note = fields.Text()
    attendance_ids = fields.One2many(
        "sgz.training.attendance", "training_id", string="Attendance", copy=False
    )
    attendee_count = fields.Integer(compute="_compute_attendee_count", string="Attendees")

    @api.depends("attendance_ids")
    def _compute_attendee_count(self):
        for training in self:
            training.attendee_count = len(training.attendance_ids)

    @api.constrains("hours")
    def _check_hours(self):
        for training in self:
            if training.hours <= 0:
                raise ValidationError(self.env._("A training lasts more than zero hours."))


class SgzTrainingAttendance(models.Model):
    """One worker's attendance of a training, with the hours attended."""

    _name = "sgz.training.attendance"
    _description = "Training Attendance"
    _order = "training_id, employee_id"
    _rec_name = "employee_id"

    training_id = fields.Many2one("sgz.training", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="training_id.company_id", store=True, index=True)
    employee_company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    date = fields.Date(related="training_id.date", store=True)
    hours = fields.Float(string="Hours Attended", required=True, sgz_limit="hours")

    _sql_constraints = [
        ("worker_unique", "unique(training_id, employee_id)", "A worker attends a training once."),
    ]

    @api.constrains("hours", "employee_id", "training_id")
    def _check_attendance(self):
        for line in self:
            training = line.training_id
            if line.hours <= 0 or line.hours > training.hours:
                raise ValidationError(
                    self.env._(
                        "%(worker)s attended between zero and the training's %(hours)s hours.",
                        worker=line.employee_id.name,
                        hours=training.hours,
                    )
                )
            if (
                training.company_id.sgz_kind == "provider"
                and line.employee_id.company_id != training.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(worker)s works for another provider: a provider's training is for its own workers.",
                        worker=line.employee_id.name,
                    )
                )
