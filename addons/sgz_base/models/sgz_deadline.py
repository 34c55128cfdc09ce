"""Deadlines of the program, computed with the Chinese working-day calendar.

A rule becomes a date with :meth:`sgz.deadline.rule_date`::

    Deadline = env["sgz.deadline"]
    Deadline.rule_date("working_days", signed_on, 15)   # 15 Chinese working days after (§七(三))
    Deadline.rule_date("months", signed_on, 1)          # 1 calendar month after (§七(四))
    Deadline.rule_date("days", awarded_on, 30)          # 30 calendar days after
    Deadline.rule_date("fixed", some_day, month=11, day=30)  # 30 November of some_day's year

A document inheriting ``sgz.deadline.mixin`` (and ``mail.activity.mixin``) keeps its deadlines as
``sgz.deadline`` records::

    record._sgz_deadline_set("filing", _("File the signed agreement with the city"), "working_days",
                            signed_on, 15, user=record.user_id)
    record._sgz_deadline_done("filing")      # or _sgz_deadline_cancel("filing")

A step the user takes outside the system (publishing a contract, stationing the workers…) is recorded as met
with the day it happened and its evidence: the document declares the codes in
``_sgz_deadline_recordable_codes``, its button returns ``record._sgz_deadline_wizard(code)`` (a dialog,
``sgz.deadline.done.wizard``), which calls ``record._sgz_deadline_record(code, day, evidence…)``.

Setting a deadline schedules a to-do activity for the responsible user on the document (replacing the
previous one of the same code); finishing it marks the activity done, cancelling removes it. Each deadline
has a stored ``overdue`` flag, refreshed on every change and every night by one cron; the document gets a
stored, searchable ``sgz_overdue``.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

RULES = [
    ("working_days", "Working days after"),
    ("days", "Calendar days after"),
    ("months", "Calendar months after"),
    ("fixed", "Fixed day of the year"),
]


class SgzDeadline(models.Model):
    _name = "sgz.deadline"
    _inherit = ["sgz.document.link.mixin"]
    _description = "Deadline"
    _order = "date_deadline, id"

    name = fields.Char(string="Task", required=True)
    code = fields.Char(required=True, index=True, help="Technical name of the deadline on its document.")
    document_name = fields.Char(string="Document")
    company_id = fields.Many2one("res.company", string="Company", index=True)
    user_id = fields.Many2one("res.users", string="Responsible")
    rule = fields.Selection(RULES, required=True)
    rule_value = fields.Integer(string="Rule Value")
    date_start = fields.Date(string="Counted From", required=True)
    date_deadline = fields.Date(string="Due Date", required=True, index=True)
    date_done = fields.Date(string="Done On")
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        index=True,
    )
    overdue = fields.Boolean(index=True, readonly=True, help="Open and past its due date; refreshed daily.")
    done_by_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    evidence = fields.Text(
        readonly=True, help="What shows the step was taken: the address of a publication, a receipt's number…"
    )
    evidence_file = fields.Binary(string="Evidence File", attachment=True, readonly=True)
    evidence_file_name = fields.Char(readonly=True)
    late = fields.Boolean(compute="_compute_late", store=True, string="Done Late")
    activity_id = fields.Many2one("mail.activity", string="Activity", ondelete="set null")

    @api.depends("date_done", "date_deadline")
    def _compute_late(self):
        for deadline in self:
            deadline.late = bool(deadline.date_done and deadline.date_done > deadline.date_deadline)

    @api.model
    def rule_date(self, rule, start, value=0, month=None, day=None):
        """The due date of ``rule`` counted from ``start`` (a clear UserError beyond the known calendar)."""
        start = fields.Date.to_date(start)
        if not start:
            raise UserError(self.env._("A deadline needs the date it is counted from."))
        if rule == "working_days":
            return self.env["sgz.calendar.year"].add_working_days(start, value)
        if rule == "days":
            return start + relativedelta(days=value)
        if rule == "months":
            return start + relativedelta(months=value)
        if rule == "fixed":
            if not (month and day):
                raise UserError(self.env._("A fixed-day deadline needs a month and a day."))
            return start.replace(month=month, day=day)
        raise UserError(self.env._("Unknown deadline rule %(rule)s.", rule=rule))

    @api.model_create_multi
    def create(self, vals_list):
        deadlines = super().create(vals_list)
        deadlines._sgz_refresh_overdue()
        return deadlines

    def write(self, vals):
        result = super().write(vals)
        if {"state", "date_deadline"} & set(vals):
            self._sgz_refresh_overdue()
        return result

    def _sgz_refresh_overdue(self):
        today = fields.Date.context_today(self)
        late = self.filtered(lambda d: d.state == "open" and d.date_deadline < today)
        (late.filtered(lambda d: not d.overdue)).sudo().write({"overdue": True})
        (self - late).filtered("overdue").sudo().write({"overdue": False})

    @api.model
    def _cron_refresh_overdue(self):
        """The one cron: flag open deadlines that passed, unflag the others."""
        today = fields.Date.context_today(self)
        self.sudo().search(
            ["|", ("overdue", "=", True), "&", ("state", "=", "open"), ("date_deadline", "<", today)]
        )._sgz_refresh_overdue()
