from odoo import api, fields, models
from odoo.exceptions import UserError

from .sgz_document_link_mixin import document_links


class SgzDeadlineMixin(models.AbstractModel):
    _name = "sgz.deadline.mixin"
    _description = "Deadline Mixin"

    #: codes of the deadlines a user records as met, with the day it happened and the evidence
    _sgz_deadline_recordable_codes = ()

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

    # ---- recorded by the user ----------------------------------------------------------------------------------

    def _sgz_deadline_recordable(self, code):
        """Whether a user records the deadline ``code`` as met (override for codes built at run time)."""
        return code in self._sgz_deadline_recordable_codes

    def _sgz_deadline_wizard(self, code):
        """The action of the document's button for the deadline ``code``: a dialog asking for the day the step
        was taken and its evidence."""
        self.ensure_one()
        deadline = self._sgz_deadline_get(code)
        if not deadline or not self._sgz_deadline_recordable(code):
            raise UserError(self.env._("This step is already recorded."))
        return {
            "type": "ir.actions.act_window",
            "name": deadline.name,
            "res_model": "sgz.deadline.done.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_deadline_id": deadline.id},
        }

    def _sgz_deadline_record(
        self, code, date_done, evidence=None, evidence_file=None, evidence_file_name=None
    ):
        """The user records the deadline ``code`` as met on ``date_done``, neither in the future nor before the
        day the deadline counts from, with its evidence (a text, a file or both). Override to write the
        document's own field, calling super."""
        self.ensure_one()
        self.check_access("write")
        deadline = self._sgz_deadline_get(code)
        if not deadline or not self._sgz_deadline_recordable(code):
            raise UserError(self.env._("This step is already recorded."))
        date_done = fields.Date.to_date(date_done)
        today = fields.Date.context_today(self)
        if not date_done or date_done > today:
            raise UserError(
                self.env._("%(task)s: give the day it was done, today at the latest.", task=deadline.name)
            )
        if date_done < deadline.date_start:
            raise UserError(
                self.env._(
                    "%(task)s counts from %(start)s: it cannot have been done on %(date)s.",
                    task=deadline.name,
                    start=deadline.date_start,
                    date=date_done,
                )
            )
        if not ((evidence or "").strip() or evidence_file):
            raise UserError(
                self.env._("%(task)s: give the evidence (a text, a file or both).", task=deadline.name)
            )
        self._sgz_deadline_done(code, date_done)
        deadline.write(
            {
                "done_by_id": self.env.user.id,
                "evidence": (evidence or "").strip() or False,
                "evidence_file": evidence_file or False,
                "evidence_file_name": evidence_file_name or False,
            }
        )
        if "message_ids" not in self._fields:
            return
        self.sudo().message_post(
            body=self.env._(
                "%(task)s: done on %(date)s, recorded by %(user)s. Evidence: %(evidence)s",
                task=deadline.name,
                date=date_done,
                user=self.env.user.name,
                evidence=(evidence or "").strip() or evidence_file_name or "—",
            ),
            author_id=self.env.user.partner_id.id,
        )
