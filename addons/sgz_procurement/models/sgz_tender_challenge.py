from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_tender import CHALLENGE_ANSWER_WORKING_DAYS


class SgzTenderChallenge(models.Model):
    """A challenge (质疑) of a bidder to the announced result, filed within 7 working days after the result
    announcement period and answered by the buyer within 7 working days (财政部令第94号)."""

    _name = "sgz.tender.challenge"
    _description = "Challenge to a Tender Result"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.lock.mixin", "sgz.deadline.mixin"]
    _order = "date desc, id desc"

    _sgz_locked_states = ("answered",)
    _sgz_action_fields = ("state", "answered_by_id", "answer_date", "date")
    _sgz_fixed_fields = ("tender_id", "company_id")
    _sgz_unlink_states = ()

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="restrict", index=True)
    tender_company_id = fields.Many2one(
        related="tender_id.company_id", store=True, index=True, string="County Bureau"
    )
    company_id = fields.Many2one(
        "res.company", string="Challenger", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(string="Received On", required=True, readonly=True, default=fields.Date.context_today)
    description = fields.Text(string="Challenge", required=True)
    state = fields.Selection(
        [("open", "Open"), ("answered", "Answered")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    answer = fields.Text(tracking=True)
    answered_by_id = fields.Many2one("res.users", string="Answered By", readonly=True)
    answer_date = fields.Date(readonly=True)

    @api.depends("tender_id.name", "company_id.name", "date")
    def _compute_display_name(self):
        for challenge in self:
            challenge.display_name = self.env._(
                "Challenge of %(company)s to %(tender)s",
                company=challenge.sudo().company_id.name or "",
                tender=challenge.sudo().tender_id.name or "",
            )

    @api.constrains("description")
    def _check_description(self):
        for challenge in self:
            if not (challenge.description or "").strip():
                raise ValidationError(self.env._("Write what the challenge is about."))

    @api.constrains("date", "tender_id", "company_id")
    def _check_window(self):
        for challenge in self:
            tender = challenge.tender_id.sudo()
            if tender.state != "awarded" or not tender.award_date:
                raise ValidationError(self.env._("A challenge is filed against an announced result."))
            if challenge.company_id not in tender.bid_ids.company_id:
                raise ValidationError(self.env._("Only a bidder of the tender can challenge its result."))
            if not tender.award_date <= challenge.date <= tender.challenge_deadline:
                raise ValidationError(
                    self.env._(
                        "Challenges are accepted until %(deadline)s (7 working days after the one-working-day "
                        "result announcement period).",
                        deadline=tender.challenge_deadline,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        challenges = super().create(vals_list)
        for challenge in challenges.sudo():
            challenge._sgz_deadline_set(
                "answer",
                self.env._("Answer the challenge (7 working days)"),
                "working_days",
                challenge.date,
                CHALLENGE_ANSWER_WORKING_DAYS,
                user=challenge.tender_id.user_id,
            )
            challenge.tender_id.message_post(
                body=self.env._(
                    "Challenge received from %(company)s: %(description)s",
                    company=challenge.company_id.name,
                    description=challenge.description,
                )
            )
        return challenges

    def write(self, vals):
        if not self._sgz_lock_lifted():
            companies = self.env.user.company_ids
            if "answer" in vals and any(c.tender_company_id not in companies for c in self):
                raise UserError(self.env._("Only the buyer answers a challenge."))
            if "description" in vals and any(c.company_id not in companies for c in self):
                raise UserError(self.env._("Only the challenger words the challenge."))
        return super().write(vals)

    @sgz_action(lock_rows=True)
    def action_answer(self):
        for challenge in self:
            if challenge.tender_company_id not in self.env.user.company_ids:
                raise UserError(self.env._("Only the buyer answers a challenge."))
            if challenge.state != "open":
                raise UserError(self.env._("This challenge is already answered."))
            if not (challenge.answer or "").strip():
                raise UserError(self.env._("Write the answer to the challenge first."))
        today = fields.Date.context_today(self)
        self.write({"state": "answered", "answered_by_id": self.env.user.id, "answer_date": today})
        for challenge in self:
            challenge._sgz_deadline_done("answer", today)
            challenge.tender_id.sudo().message_post(
                body=self.env._("Challenge answered: %(answer)s", answer=challenge.answer)
            )
        return True
