from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SgzTenderChallenge(models.Model):
    """A challenge (质疑) to the announced result, filed within 7 working days of the announcement."""

    _name = "sgz.tender.challenge"
    _description = "Challenge to a Tender Result"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade", index=True)
    tender_company_id = fields.Many2one(
        related="tender_id.company_id", store=True, index=True, string="County Bureau"
    )
    company_id = fields.Many2one(
        "res.company", string="Challenger", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    description = fields.Text(string="Challenge", required=True)
    state = fields.Selection(
        [("open", "Open"), ("answered", "Answered")], default="open", required=True, tracking=True
    )
    answer = fields.Text(tracking=True)
    answered_by_id = fields.Many2one("res.users", string="Answered By", readonly=True)
    answer_date = fields.Date(readonly=True)

    @api.constrains("date", "tender_id")
    def _check_window(self):
        for challenge in self:
            tender = challenge.tender_id
            if tender.state != "publicity" or not tender.publicity_date:
                raise ValidationError(self.env._("A challenge is filed during the result publicity."))
            if not tender.publicity_date <= challenge.date <= tender.challenge_deadline:
                raise ValidationError(
                    self.env._(
                        "Challenges are accepted until %(deadline)s (7 working days after the announcement).",
                        deadline=tender.challenge_deadline,
                    )
                )

    def action_answer(self):
        for challenge in self:
            if not (challenge.answer or "").strip():
                raise UserError(self.env._("Write the answer to the challenge first."))
            if challenge.tender_company_id not in self.env.user.company_ids:
                raise UserError(self.env._("Only the buyer answers a challenge."))
        self.sudo().write(
            {
                "state": "answered",
                "answered_by_id": self.env.user.id,
                "answer_date": fields.Date.context_today(self),
            }
        )
        return True
