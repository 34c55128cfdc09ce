from odoo import api, fields, models

from .sgz_document_link import document_links


class SgzDeadlineMixin(models.AbstractModel):
    _name = "sgz.deadline.mixin"
    _description = "Deadline Mixin"

    sgz_deadline_ids = document_links("sgz.deadline", "Deadlines")
    sgz_overdue = fields.Boolean(
        compute="_compute_sgz_overdue",
        store=True,
        string="Overdue",
        help="A deadline of this document has passed.",
    )

    @api.depends("sgz_deadline_ids.overdue")
    def _compute_sgz_overdue(self):
        for record in self:
            record.sgz_overdue = any(record.sgz_deadline_ids.mapped("overdue"))

    def _sgz_deadline_set(self, code, name, rule, start, value=0, user=None, month=None, day=None):
        """Create (or replace the open) deadline ``code`` and schedule its activity; returns the deadline."""
        self.ensure_one()
        Deadline = self.env["sgz.deadline"].sudo()
        due = Deadline.rule_date(rule, start, value, month=month, day=day)
        self._sgz_deadline_cancel(code)
        user = user or self.env.user
        activity = self.env["mail.activity"]
        if "activity_ids" in self._fields:
            activity = self.sudo().activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=due, summary=name, user_id=user.id
            )
        company = self.company_id if "company_id" in self._fields else self.env["res.company"]
        return Deadline.create(
            {
                "name": name,
                "code": code,
                "res_model": self._name,
                "res_id": self.id,
                "document_name": self.display_name,
                "company_id": company.id,
                "user_id": user.id,
                "rule": rule,
                "rule_value": value,
                "date_start": fields.Date.to_date(start),
                "date_deadline": due,
                "activity_id": activity.id,
            }
        )

    def _sgz_open_deadlines(self, code):
        return self.sudo().sgz_deadline_ids.filtered(lambda d: d.code == code and d.state == "open")

    def _sgz_deadline_get(self, code):
        """The open deadline ``code`` (empty recordset if none)."""
        self.ensure_one()
        return self._sgz_open_deadlines(code)

    def _sgz_deadline_done(self, code, date_done=None):
        """Mark the open deadline ``code`` done (its activity too)."""
        for record in self:
            deadlines = record._sgz_open_deadlines(code)
            deadlines.write({"state": "done", "date_done": date_done or fields.Date.context_today(self)})
            deadlines.activity_id.exists().action_feedback()

    def _sgz_deadline_cancel(self, code=None):
        """Cancel the open deadline ``code`` (all open deadlines if None) and remove its activity."""
        for record in self:
            deadlines = record.sudo().sgz_deadline_ids.filtered(
                lambda d: d.state == "open" and (code is None or d.code == code)
            )
            deadlines.write({"state": "cancelled"})
            deadlines.activity_id.exists().unlink()
