from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_tender import (
    ANNOUNCEMENT_WORKING_DAYS,
    CHALLENGE_ANSWER_WORKING_DAYS,
    CHALLENGE_WORKING_DAYS,
    DOCUMENTS_NOTICE_WORKING_DAYS,
)

# 政府采购法第五十二条; 财政部令第94号第十条 (一) documents, (二) process, (三) result
CHALLENGE_KINDS = [
    ("documents", "Procurement Documents"),
    ("process", "Procurement Process"),
    ("result", "Result"),
]


class SgzTenderChallenge(models.Model):
    """A challenge (质疑) of a supplier to the procurement documents, a step of the process or the announced
    result, filed within 7 working days of the day the supplier knew of the harm and answered by the buyer within
    7 working days (政府采购法第五十二条; 财政部令第94号第十条, 第十三条)."""

    _name = "sgz.tender.challenge"
    _description = "Challenge to a Tender"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.lock.mixin", "sgz.deadline.mixin"]
    _order = "date desc, id desc"

    _sgz_locked_states = ("answered",)
    _sgz_action_fields = ("state", "answered_by_id", "answer_date", "date")
    # the challenger words the challenge when filing it
    _sgz_fixed_fields = ("tender_id", "company_id", "kind", "documents_date", "step_date", "description")
    _sgz_unlink_states = ()

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="restrict", index=True)
    tender_company_id = fields.Many2one(
        related="tender_id.company_id", store=True, index=True, string="County Bureau"
    )
    company_id = fields.Many2one(
        "res.company", string="Challenger", required=True, default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(
        CHALLENGE_KINDS, string="Challenge To", required=True, default="result", tracking=True
    )
    documents_date = fields.Date(
        string="Documents Obtained On",
        help="The day the challenger obtained the procurement documents; left empty, the challenge period counts "
        "from the end of their announcement period.",
    )
    step_date = fields.Date(
        string="Date of the Step Challenged",
        help="The day the challenged step of the procurement took place (e.g. the bid opening).",
    )
    date = fields.Date(string="Received On", required=True, readonly=True, default=fields.Date.context_today)
    challenge_deadline = fields.Date(
        compute="_compute_challenge_deadline",
        string="Challenge Period Ends",
        help="The last day on which this challenge could be filed, counted in working days from the day the "
        "challenger knew of what it challenges.",
    )
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

    @api.depends("kind", "documents_date", "step_date", "tender_id.announcement_date", "tender_id.award_date")
    def _compute_challenge_deadline(self):
        Calendar = self.env["sgz.calendar.year"]
        for challenge in self:
            start, days = challenge._sgz_period_start()
            challenge.challenge_deadline = (
                Calendar.add_working_days(start, days + CHALLENGE_WORKING_DAYS) if start else False
            )

    def _sgz_period_start(self):
        """(day, working days): the period of 7 working days starts that many working days after that day."""
        self.ensure_one()
        tender = self.tender_id.sudo()
        if self.kind == "documents":
            if self.documents_date:
                return self.documents_date, 0
            return tender.announcement_date, DOCUMENTS_NOTICE_WORKING_DAYS
        if self.kind == "process":
            return self.step_date, 0
        return tender.award_date, ANNOUNCEMENT_WORKING_DAYS

    @api.constrains("date", "tender_id", "company_id", "kind", "documents_date", "step_date")
    def _check_window(self):
        for challenge in self:
            challenge._sgz_check_challenger()
            challenge._sgz_check_dates()
            if not challenge.challenge_deadline or challenge.date > challenge.challenge_deadline:
                raise ValidationError(
                    self.env._(
                        "Challenges are accepted within %(days)s working days of the day the challenger knew of what "
                        "it challenges: until %(deadline)s.",
                        days=CHALLENGE_WORKING_DAYS,
                        deadline=challenge.challenge_deadline or "—",
                    )
                )

    def _sgz_check_challenger(self):
        """Documents are challenged by any supplier (a potential bidder) once published; the process by a bidder;
        the result by a bidder once announced."""
        self.ensure_one()
        tender = self.tender_id.sudo()
        if self.company_id.sudo().sgz_kind != "provider":
            raise ValidationError(self.env._("A challenge is filed by a supplier."))
        if tender.state in ("draft", "cancelled") or not tender.announcement_date:
            raise ValidationError(self.env._("A challenge is filed against a published tender."))
        if self.kind == "result" and (tender.state != "awarded" or not tender.award_date):
            raise ValidationError(
                self.env._("A challenge to the result is filed against an announced result.")
            )
        if self.kind != "documents" and self.company_id not in tender.bid_ids.company_id:
            raise ValidationError(
                self.env._("Only a bidder of the tender can challenge its process or its result.")
            )

    def _sgz_check_dates(self):
        self.ensure_one()
        start = self.tender_id.sudo().announcement_date
        if self.kind == "process" and not self.step_date:
            raise ValidationError(
                self.env._("Give the date of the step of the procurement that is challenged.")
            )
        for day in (self.documents_date, self.step_date):
            if day and not start <= day <= self.date:
                raise ValidationError(
                    self.env._(
                        "%(day)s lies outside the procurement: between the announcement (%(start)s) and the day "
                        "the challenge is received (%(date)s).",
                        day=day,
                        start=start,
                        date=self.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        challenges = super().create(vals_list)
        for challenge in challenges.sudo():
            challenge._sgz_deadline_set(
                "answer",
                self.env._(
                    "Answer the challenge (%(days)s working days)", days=CHALLENGE_ANSWER_WORKING_DAYS
                ),
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

    def _sgz_locked_records(self):
        """Answered, a challenge is evidence; before, only the buyer writes on it (its answer): the challenger
        worded it when filing it (its fixed fields)."""
        companies = self.env.user.company_ids
        return super()._sgz_locked_records() | self.filtered(
            lambda c: c.sudo().tender_company_id not in companies
        )

    def _sgz_lock_label(self):
        if self.state == "open":
            return self.env._("filed; only the buyer answers it")
        return super()._sgz_lock_label()

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
