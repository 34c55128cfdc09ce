from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_procurement_plan import PURCHASE_METHODS

OPEN_TENDER_MIN_DAYS = 20
CHALLENGE_WORKING_DAYS = 7
PRICE_WEIGHT_MIN, PRICE_WEIGHT_MAX = 10.0, 30.0
SIGNING_DAYS = 30


class SgzTender(models.Model):
    """A tender (招标项目) of a county bureau for the station services of one or more lots (§七(三))."""

    _name = "sgz.tender"
    _description = "Tender"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.approval.mixin"]
    _order = "announcement_date desc, id desc"
    _check_company_auto = True

    _sgz_approval_states = {"published": "draft", "awarded": "draft"}

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="County Bureau",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "county")],
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    plan_id = fields.Many2one(
        "sgz.procurement.plan", string="Implementation Plan", check_company=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    method = fields.Selection(
        PURCHASE_METHODS, string="Purchase Method", default="open", required=True, tracking=True
    )
    single_source_justification = fields.Text(tracking=True)
    announcement_date = fields.Date(tracking=True)
    bid_deadline = fields.Date(
        string="Bid Deadline", tracking=True, help="Last day on which bids are accepted."
    )
    evaluation_method = fields.Selection(
        [("comprehensive", "Comprehensive Scoring"), ("lowest_price", "Lowest Valid Price")],
        default="comprehensive",
        required=True,
        tracking=True,
    )
    price_weight = fields.Float(
        string="Price Weight (%)",
        default=30.0,
        tracking=True,
        help="Share of the price in the total score; between 10% and 30% for services.",
    )
    lot_ids = fields.One2many("sgz.tender.lot", "tender_id", string="Lots", copy=True)
    criterion_ids = fields.One2many(
        "sgz.tender.criterion", "tender_id", string="Technical Criteria", copy=True
    )
    committee_ids = fields.One2many("sgz.tender.committee", "tender_id", string="Evaluation Committee")
    bid_ids = fields.One2many("sgz.tender.bid", "tender_id", string="Bids")
    bid_count = fields.Integer(compute="_compute_bid_count", string="Bid Count")
    challenge_ids = fields.One2many("sgz.tender.challenge", "tender_id", string="Challenges")
    open_challenge_count = fields.Integer(compute="_compute_open_challenge_count", string="Open Challenges")
    opening_date = fields.Datetime(string="Opened On", readonly=True, copy=False, tracking=True)
    opened_by_id = fields.Many2one("res.users", string="Opened By", readonly=True, copy=False)
    publicity_date = fields.Date(string="Result Announced On", readonly=True, copy=False, tracking=True)
    challenge_deadline = fields.Date(
        compute="_compute_challenge_deadline",
        store=True,
        string="Challenge Deadline",
        help="Challenges (质疑) may be filed until this day: 7 Chinese working days after the announcement.",
    )
    award_date = fields.Date(string="Award Notice Date", readonly=True, copy=False, tracking=True)
    agreement_ids = fields.One2many("sgz.agreement", "tender_id", string="Agreements")
    agreement_count = fields.Integer(compute="_compute_agreement_count", string="Agreement Count")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("published", "Published"),
            ("opened", "Bids Opened"),
            ("publicity", "Result Publicity"),
            ("awarded", "Awarded"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    @api.depends("publicity_date")
    def _compute_challenge_deadline(self):
        Calendar = self.env["sgz.calendar.year"]
        for tender in self:
            tender.challenge_deadline = (
                Calendar.add_working_days(tender.publicity_date, CHALLENGE_WORKING_DAYS)
                if tender.publicity_date
                else False
            )

    def _compute_bid_count(self):
        counts = dict(
            self.env["sgz.tender.bid"]
            .sudo()
            ._read_group([("tender_id", "in", self.ids)], ["tender_id"], ["__count"])
        )
        for tender in self:
            tender.bid_count = counts.get(tender, 0)

    @api.depends("challenge_ids.state")
    def _compute_open_challenge_count(self):
        for tender in self:
            tender.open_challenge_count = len(
                tender.sudo().challenge_ids.filtered(lambda c: c.state == "open")
            )

    def _compute_agreement_count(self):
        for tender in self:
            tender.agreement_count = len(tender.agreement_ids)

    @api.constrains("price_weight")
    def _check_price_weight(self):
        for tender in self:
            if not PRICE_WEIGHT_MIN <= tender.price_weight <= PRICE_WEIGHT_MAX:
                raise ValidationError(
                    self.env._(
                        "The price weight of a service tender must lie between 10%% and 30%%, not %(weight)s%%.",
                        weight=tender.price_weight,
                    )
                )

    @api.constrains("method", "announcement_date", "bid_deadline")
    def _check_bid_period(self):
        for tender in self:
            if not (tender.announcement_date and tender.bid_deadline):
                continue
            days = (tender.bid_deadline - tender.announcement_date).days
            if days < 0:
                raise ValidationError(self.env._("The bid deadline cannot lie before the announcement."))
            if tender.method == "open" and days < OPEN_TENDER_MIN_DAYS:
                raise ValidationError(
                    self.env._(
                        "An open tender must leave at least 20 days between announcement and bid deadline; "
                        "%(days)s days is too short.",
                        days=days,
                    )
                )

    @api.constrains("method", "single_source_justification")
    def _check_single_source(self):
        for tender in self:
            if tender.method == "single_source" and not (tender.single_source_justification or "").strip():
                raise ValidationError(self.env._("A single-source purchase needs a recorded justification."))

    @api.constrains("company_id")
    def _check_county(self):
        for tender in self:
            if tender.company_id.sgz_kind != "county":
                raise ValidationError(self.env._("Only a county civil-affairs bureau runs a tender."))

    def _check_criteria(self):
        for tender in self:
            if tender.evaluation_method != "comprehensive":
                continue
            if not tender.criterion_ids:
                raise UserError(self.env._("Give the technical criteria and their weights."))
            total = sum(tender.criterion_ids.mapped("weight"))
            if round(total, 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The weights of the technical criteria must add up to 100, not %(total)s.",
                        total=round(total, 2),
                    )
                )

    # ---- publishing (approval) -------------------------------------------------------------------------

    def action_publish(self):
        """Publish the tender; the first click requests approval (tiers), the last approval publishes."""
        for tender in self:
            if tender.state != "draft":
                raise UserError(self.env._("Only a draft tender can be published."))
            tender._check_ready_to_publish()
            if tender._sgz_is_approved("published"):
                tender._action_publish()
            else:
                tender._sgz_request_approval("published")
        return True

    def _check_ready_to_publish(self):
        self.ensure_one()
        if not self.lot_ids:
            raise UserError(self.env._("A tender needs at least one lot."))
        for lot in self.lot_ids:
            if not lot.station_ids:
                raise UserError(self.env._("Lot %(lot)s has no station.", lot=lot.name))
            if lot.ceiling_price <= 0:
                raise UserError(self.env._("Lot %(lot)s needs a ceiling price.", lot=lot.name))
        if not (self.announcement_date and self.bid_deadline):
            raise UserError(self.env._("Give the announcement date and the bid deadline."))
        self._check_criteria()
        self._check_bid_period()

    def _action_publish(self):
        self.sudo().write({"state": "published"})

    def _sgz_approval_apply(self, target):
        if target == "published":
            self._check_ready_to_publish()
            return self._action_publish()
        if target == "awarded":
            return self._action_award()
        return super()._sgz_approval_apply(target)

    # ---- opening and evaluation ------------------------------------------------------------------------------

    def action_open_bids(self):
        """Open the sealed bids after the deadline: record when and by whom, check validity, prepare scoring."""
        today = fields.Date.context_today(self)
        for tender in self:
            if tender.state != "published":
                raise UserError(self.env._("Only a published tender can be opened."))
            if today <= tender.bid_deadline:
                raise UserError(
                    self.env._(
                        "Bids are opened after the deadline of %(deadline)s.", deadline=tender.bid_deadline
                    )
                )
            tender.write(
                {"state": "opened", "opening_date": fields.Datetime.now(), "opened_by_id": self.env.user.id}
            )
            tender.message_post(
                body=self.env._(
                    "Bids opened by %(user)s: %(count)s bids.",
                    user=self.env.user.name,
                    count=tender.bid_count,
                )
            )
            bids = tender.sudo().bid_ids
            bids._check_validity()
            tender._prepare_score_sheets()
        return True

    def _prepare_score_sheets(self):
        """One score line per committee member, valid bid and criterion."""
        self.ensure_one()
        if self.evaluation_method != "comprehensive":
            return
        bids = self.sudo().bid_ids.filtered(lambda b: b.state == "valid")
        existing = {(s.bid_id.id, s.member_id.id, s.criterion_id.id) for s in bids.score_ids}
        vals_list = [
            {"bid_id": bid.id, "member_id": member.id, "criterion_id": criterion.id}
            for bid in bids
            for member in self.committee_ids
            for criterion in self.criterion_ids
            if (bid.id, member.id, criterion.id) not in existing
        ]
        self.env["sgz.tender.score"].sudo().create(vals_list)

    def action_compute_ranking(self):
        for tender in self:
            if tender.state not in ("opened", "publicity"):
                raise UserError(self.env._("Rank the bids after opening them."))
            tender._compute_ranking()
        return True

    def _compute_ranking(self):
        """Price score = lowest valid price / price × price weight; total = technical + price; ties by price."""
        self.ensure_one()
        for lot in self.lot_ids:
            bids = lot.sudo().bid_ids
            valid = bids.filtered(lambda b: b.state == "valid")
            (bids - valid).write({"technical_score": 0, "price_score": 0, "total_score": 0, "rank": 0})
            if not valid:
                continue
            lowest = min(valid.mapped("sealed_price"))
            for bid in valid:
                if self.evaluation_method == "comprehensive":
                    technical = bid._technical_score()
                    price = lowest / bid.sealed_price * self.price_weight
                else:
                    technical, price = 0.0, lowest / bid.sealed_price * 100
                bid.write(
                    {"technical_score": technical, "price_score": price, "total_score": technical + price}
                )
            ranked = valid.sorted(lambda b: (-round(b.total_score, 6), b.sealed_price, b.id))
            for rank, bid in enumerate(ranked, start=1):
                bid.rank = rank

    def action_confirm_ranking(self):
        """The buyer confirms the ranking: the result is announced and the challenge window opens."""
        for tender in self:
            if tender.state != "opened":
                raise UserError(self.env._("Confirm the ranking of an opened tender."))
            if tender.evaluation_method == "comprehensive":
                missing = tender.sudo().bid_ids.score_ids.filtered(lambda s: not s.scored)
                if missing:
                    raise UserError(
                        self.env._(
                            "%(count)s scores are still missing from the committee.", count=len(missing)
                        )
                    )
            tender._compute_ranking()
            for lot in tender.lot_ids:
                if not lot.sudo().winner_bid_id:
                    raise UserError(self.env._("Lot %(lot)s has no valid bid.", lot=lot.name))
            tender.write({"state": "publicity", "publicity_date": fields.Date.context_today(self)})
            tender.message_post(
                body=self.env._(
                    "Result announced; challenges may be filed until %(deadline)s.",
                    deadline=tender.challenge_deadline,
                )
            )
        return True

    # ---- award -----------------------------------------------------------------------------------------------

    def _check_awardable(self):
        today = fields.Date.context_today(self)
        for tender in self:
            if tender.state != "publicity":
                raise UserError(self.env._("Award after the result publicity."))
            if tender.open_challenge_count:
                raise UserError(
                    self.env._(
                        "A challenge is still open: answer it before awarding %(tender)s.", tender=tender.name
                    )
                )
            if today <= tender.challenge_deadline:
                raise UserError(
                    self.env._(
                        "The challenge period runs until %(deadline)s: award after it.",
                        deadline=tender.challenge_deadline,
                    )
                )

    def action_award(self):
        """Award: the first click requests approval, the last approval sends the notice and the agreements."""
        self._check_awardable()
        for tender in self:
            if tender._sgz_is_approved("awarded"):
                tender._action_award()
            else:
                tender._sgz_request_approval("awarded")
        return True

    def _action_award(self):
        self._check_awardable()
        for tender in self:
            today = fields.Date.context_today(self)
            tender.sudo().write({"state": "awarded", "award_date": today})
            agreements = (
                self.env["sgz.agreement"]
                .sudo()
                .create([tender._prepare_agreement_vals(lot) for lot in tender.lot_ids])
            )
            for agreement in agreements:
                agreement._sgz_deadline_set(
                    "signing",
                    self.env._("Sign the service agreement (30 days after the award notice)"),
                    "days",
                    today,
                    SIGNING_DAYS,
                    user=tender.user_id,
                )
                winner = agreement.provider_id.partner_id
                tender.sudo().message_post(
                    body=self.env._(
                        "Award notice: %(lot)s is awarded to %(provider)s at %(amount)s.",
                        lot=agreement.lot_id.name,
                        provider=agreement.provider_id.name,
                        amount=agreement.annual_amount,
                    ),
                    partner_ids=winner.ids,
                    subtype_xmlid="mail.mt_comment",
                )

    def _prepare_agreement_vals(self, lot):
        winner = lot.sudo().winner_bid_id
        stations = lot.station_ids
        share = round(winner.sealed_price / len(stations), 2) if stations else 0.0
        lines = []
        for index, station in enumerate(stations):
            amount = share if index < len(stations) - 1 else winner.sealed_price - share * (len(stations) - 1)
            lines.append(
                Command.create({"station_id": station.id, "annual_amount": amount, "worker_quota": 1})
            )
        return {
            "name": self.env._("%(tender)s — %(lot)s", tender=self.name, lot=lot.name),
            "company_id": self.company_id.id,
            "tender_id": self.id,
            "lot_id": lot.id,
            "provider_id": winner.company_id.id,
            "user_id": self.user_id.id,
            "award_date": fields.Date.context_today(self),
            "station_line_ids": lines,
            "fund_source_id": self.plan_id.line_ids[:1].fund_source_id.id,
        }

    def action_cancel(self):
        for tender in self:
            if tender.state == "awarded":
                raise UserError(self.env._("An awarded tender cannot be cancelled."))
        self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending").write({"state": "cancelled"})
        self.write({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        for tender in self:
            if tender.state != "cancelled":
                raise UserError(self.env._("Only a cancelled tender goes back to draft."))
        self.write({"state": "draft"})
        return True

    def action_open_bids_list(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_procurement.sgz_tender_bid_action")
        action["domain"] = [("tender_id", "=", self.id)]
        action["context"] = {"default_tender_id": self.id}
        return action

    def action_open_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_procurement.sgz_agreement_action")
        action["domain"] = [("tender_id", "=", self.id)]
        return action


class SgzTenderLot(models.Model):
    _name = "sgz.tender.lot"
    _description = "Tender Lot"
    _order = "tender_id, sequence, id"
    _check_company_auto = True

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="tender_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="tender_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Lot", required=True)
    station_ids = fields.Many2many(
        "sgz.station", string="Stations", check_company=True, domain="[('company_id', '=', company_id)]"
    )
    ceiling_price = fields.Monetary(string="Ceiling Price", help="Annual price above which a bid is invalid.")
    bid_ids = fields.One2many("sgz.tender.bid", "lot_id", string="Bids")
    winner_bid_id = fields.Many2one("sgz.tender.bid", compute="_compute_winner_bid_id", string="Winning Bid")

    def _compute_winner_bid_id(self):
        for lot in self:
            lot.winner_bid_id = lot.sudo().bid_ids.filtered(lambda b: b.state == "valid" and b.rank == 1)[:1]

    def write(self, vals):
        if {"ceiling_price", "station_ids"} & set(vals) and any(
            lot.tender_id.state != "draft" for lot in self
        ):
            raise UserError(self.env._("Lots are fixed once the tender is published."))
        return super().write(vals)


class SgzTenderCriterion(models.Model):
    _name = "sgz.tender.criterion"
    _description = "Technical Criterion"
    _order = "tender_id, sequence, id"

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="tender_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True)
    weight = fields.Float(
        string="Weight", required=True, help="Weights of a tender's criteria add up to 100."
    )
    description = fields.Text()

    @api.constrains("weight", "tender_id")
    def _check_weights(self):
        for tender in self.tender_id:
            tender._check_criteria()


class SgzTenderCommittee(models.Model):
    _name = "sgz.tender.committee"
    _description = "Evaluation Committee Member"
    _order = "tender_id, role, id"

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="tender_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Member", required=True)
    role = fields.Selection(
        [("chair", "Chair"), ("expert", "Expert"), ("buyer", "Buyer Representative")],
        default="expert",
        required=True,
    )

    _sql_constraints = [
        ("member_unique", "unique(tender_id, user_id)", "This person is already on the committee.")
    ]

    @api.depends("user_id", "role")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for member in self:
            member.display_name = f"{member.user_id.name} ({roles.get(member.role, '')})"
