from odoo import fields, models


class SgzDeadlineDoneWizard(models.TransientModel):
    """Record a deadline as met: the day the step was taken (not today by default when it was earlier) and its
    evidence. The document decides (``_sgz_deadline_record``): its rights, its codes, its own field."""

    _name = "sgz.deadline.done.wizard"
    _description = "Record a Deadline as Met"

    deadline_id = fields.Many2one("sgz.deadline", required=True, ondelete="cascade")
    name = fields.Char(related="deadline_id.name", string="Task")
    document_name = fields.Char(related="deadline_id.document_name")
    date_start = fields.Date(related="deadline_id.date_start")
    date_deadline = fields.Date(related="deadline_id.date_deadline")
    date_done = fields.Date(string="Done On", required=True, default=fields.Date.context_today)
    evidence = fields.Text(
        help="What shows the step was taken: the address of a publication, a receipt's number…"
    )
    evidence_file = fields.Binary(string="Evidence File")
    evidence_file_name = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        deadline = self.deadline_id
        deadline.check_access("read")
        document = self.env[deadline.res_model].browse(deadline.res_id)
        document._sgz_deadline_record(
            deadline.code,
            self.date_done,
            evidence=self.evidence,
            evidence_file=self.evidence_file,
            evidence_file_name=self.evidence_file_name,
        )
        return {"type": "ir.actions.act_window_close"}
