from typing import NamedTuple

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.lib import CHINA_OFFSET, china_date
from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_procurement_plan import PURCHASE_METHODS

# 政府采购法第五十二条 and 财政部令第94号第十条: a challenge is filed within 7 working days of the day the
# supplier knew or should have known of the harm: of obtaining the procurement documents or the end of their
# announcement period (5 working days, 财政部令第87号第十六条), of the step of the process, or of the end of the
# result announcement period (1 working day, 财政部令第87号第六十九条).
CHALLENGE_WORKING_DAYS = 7
DOCUMENTS_NOTICE_WORKING_DAYS = 5
ANNOUNCEMENT_WORKING_DAYS = 1
# 财政部令第74号第七条: a negotiation of a project reaching the open-tender threshold has at least 5 members.
THRESHOLD_NEGOTIATION_MEMBERS = 5
# 财政部令第87号第四十七条: an open tender with a budget of ¥10 million or more has at least 7 members.
LARGE_OPEN_TENDER_AMOUNT = 10_000_000
LARGE_OPEN_TENDER_MEMBERS = 7
# 政府采购法第四十六条: the agreement is signed within 30 days of the award notice.
SIGNING_DAYS = 30
# 财政部令第94号第十三条: a challenge is answered within 7 working days of its receipt.
CHALLENGE_ANSWER_WORKING_DAYS = 7


class MethodRule(NamedTuple):
    """What the law asks of a purchase method."""

    bid_period: tuple  # (deadline rule, value): the least time between announcement and bid deadline
    min_members: int  # the committee: at least this many members, an odd number, experts ≥ 2/3
    price_weight: tuple | None  # (lowest, highest) price weight in % under comprehensive scoring
    evaluation_methods: tuple  # the evaluation methods the purchase method allows, the default first
    notice_working_days: int = 0  # a public notice before the purchase (single source)


# The least number of compliant suppliers per method is data with validity (sgz.procurement.supplier.minimum).
METHOD_RULES = {
    # 政府采购法第三十五条 (20 days); 财政部令第87号第四十七条 (committee), 第五十五条 (service price weight at
    # least 10%; 0 for fixed-price projects)
    "open": MethodRule(("days", 20), 5, (10.0, 100.0), ("comprehensive", "lowest_price")),
    # 财库〔2014〕214号第十条 (10 days), 第十四条 (3 or more members), 第二十四条 (services: price 10–30%)
    "consultation": MethodRule(("days", 10), 3, (10.0, 30.0), ("comprehensive",)),
    # 政府采购法第三十八条 (lowest compliant price); 财政部令第74号第七条, 第二十九条 (3 working days)
    "negotiation": MethodRule(("working_days", 3), 3, None, ("lowest_price",)),
    # 政府采购法第三十一条; 实施条例第三十八条 (public notice of at least 5 working days)
    "single_source": MethodRule(("days", 0), 0, None, ("lowest_price",), notice_working_days=5),
}
EVALUATION_METHODS = [("comprehensive", "Comprehensive Scoring"), ("lowest_price", "Lowest Compliant Price")]
# 政府采购法第三十一条: the three grounds for a single-source purchase
SINGLE_SOURCE_GROUNDS = [
    ("unique", "Only one supplier can provide the service"),
    ("emergency", "Unforeseeable emergency, no other supplier can be used"),
    ("consistency", "Consistency with the original project, additions within 10% of the original contract"),
]
TENDER_STATES = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("opened", "Bids Opened"),
    ("awarded", "Result Announced and Awarded"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]


class SgzTender(models.Model):
    """A tender (招标项目) of a county bureau for the station services of one or more lots (§七(三))."""

    _name = "sgz.tender"
    _description = "Tender"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.approval.mixin"]
    _order = "announcement_date desc, id desc"
    _check_company_auto = True

    _sgz_approval_states = {"published": "draft", "awarded": "opened"}
    # what approval covers stays as approved: everything but the responsible is fixed once the tender is
    # published or waiting for approval, the committee included (evidence of the procurement)
    _sgz_locked_states = ("published", "opened", "awarded", "failed", "cancelled")
    _sgz_lock_writable = ("user_id",)
    _sgz_action_fields = (
        "state",
        "opening_date",
        "opened_by_id",
        "opening_delay_reason",
        "award_date",
        "failed_reason",
        "switched_from_id",
    )
    _sgz_unlink_states = ("draft",)

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
    single_source_ground = fields.Selection(
        SINGLE_SOURCE_GROUNDS, string="Single-Source Ground", tracking=True
    )
    single_source_justification = fields.Text(tracking=True)
    purchased_service = fields.Boolean(
        string="Government-Purchased Service",
        default=True,
        tracking=True,
        help="A service the government buys from social organizations (政府购买服务): a competitive consultation "
        "goes on with two compliant suppliers (财库〔2015〕124号).",
    )
    switched_from_id = fields.Many2one(
        "sgz.tender",
        string="Re-procurement Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The failed tender whose lots this one buys with another method; publishing it needs the finance "
        "department's approval.",
    )
    switch_reason = fields.Text(string="Reason for the Method Change", readonly=True, copy=False)
    announcement_date = fields.Date(tracking=True)
    bid_deadline = fields.Datetime(
        string="Bid Deadline",
        tracking=True,
        help="Bids are accepted until this moment; they are opened at this same moment (财政部令第87号第三十九条).",
    )
    notice_end_date = fields.Date(
        compute="_compute_notice_end_date",
        string="Public Notice Ends",
        help="A single-source purchase is published for 5 working days before it is made.",
    )
    evaluation_method = fields.Selection(
        EVALUATION_METHODS,
        compute="_compute_evaluation_method",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    fixed_price = fields.Boolean(
        string="Fixed-Price Project",
        tracking=True,
        help="The price is fixed by the buyer: it is not scored (price weight 0).",
    )
    price_weight = fields.Float(
        string="Price Weight (%)",
        default=30.0,
        tracking=True,
        help="Share of the price in the total score: open tender at least 10%, competitive consultation "
        "10–30%, 0 for a fixed-price project.",
    )
    lot_ids = fields.One2many("sgz.tender.lot", "tender_id", string="Lots", copy=True)
    budget_amount = fields.Monetary(
        compute="_compute_budget_amount",
        string="Project Budget",
        help="The sum of the lots' ceiling prices: compared with the open-tender threshold.",
    )
    needs_city_approval = fields.Boolean(
        compute="_compute_needs_city_approval",
        search="_search_needs_city_approval",
        string="Needs the City Finance Department's Approval",
        help="A method other than open tender for a project reaching the open-tender threshold is approved by "
        "the city's finance department before the procurement starts (政府采购法第二十七条).",
    )
    criterion_ids = fields.One2many(
        "sgz.tender.criterion", "tender_id", string="Technical Criteria", copy=True
    )
    committee_ids = fields.One2many(
        "sgz.tender.committee", "tender_id", string="Evaluation Committee", copy=True
    )
    bid_ids = fields.One2many("sgz.tender.bid", "tender_id", string="Bids")
    bid_count = fields.Integer(compute="_compute_bid_count", string="Bid Count")
    challenge_ids = fields.One2many("sgz.tender.challenge", "tender_id", string="Challenges")
    open_challenge_count = fields.Integer(compute="_compute_open_challenge_count", string="Open Challenges")
    opening_date = fields.Datetime(string="Opened On", readonly=True, copy=False, tracking=True)
    opened_by_id = fields.Many2one("res.users", string="Opened By", readonly=True, copy=False)
    opening_delay_reason = fields.Text(
        string="Reason for the Late Opening",
        readonly=True,
        copy=False,
        help="Bids are opened at the bid deadline itself; opened on a later day, the reason is recorded here and in "
        "the chatter.",
    )
    award_date = fields.Date(
        string="Result Announced On",
        readonly=True,
        copy=False,
        tracking=True,
        help="The result announcement and the award notice go out together (财政部令第87号第六十九条).",
    )
    challenge_deadline = fields.Date(
        compute="_compute_challenge_deadline",
        store=True,
        string="Challenge Deadline",
        help="Challenges (质疑) may be filed until this day: 7 working days after the 1-working-day result "
        "announcement period.",
    )
    failed_reason = fields.Text(string="Why It Failed", readonly=True, copy=False)
    has_failed_lots = fields.Boolean(compute="_compute_has_failed_lots", string="Has Failed Lots")
    agreement_ids = fields.One2many("sgz.agreement", "tender_id", string="Agreements")
    agreement_count = fields.Integer(compute="_compute_agreement_count", string="Agreement Count")
    state = fields.Selection(
        TENDER_STATES, default="draft", required=True, readonly=True, tracking=True, copy=False, index=True
    )

    @api.depends("method")
    def _compute_evaluation_method(self):
        for tender in self:
            allowed = METHOD_RULES[tender.method].evaluation_methods
            if tender.evaluation_method not in allowed:
                tender.evaluation_method = allowed[0]

    @api.depends("method", "announcement_date")
    def _compute_notice_end_date(self):
        Calendar = self.env["sgz.calendar.year"]
        for tender in self:
            days = METHOD_RULES[tender.method].notice_working_days
            tender.notice_end_date = (
                Calendar.add_working_days(tender.announcement_date, days)
                if days and tender.announcement_date
                else False
            )

    @api.depends("lot_ids.ceiling_price")
    def _compute_budget_amount(self):
        for tender in self:
            tender.budget_amount = sum(tender.lot_ids.mapped("ceiling_price"))

    @api.depends("method", "announcement_date", "lot_ids.ceiling_price")
    def _compute_needs_city_approval(self):
        for tender in self:
            tender.needs_city_approval = tender.method != "open" and tender._sgz_reaches_threshold()

    def _sgz_reaches_threshold(self):
        """The project budget reaches the open-tender threshold in force on the announcement day (达到: ≥)."""
        self.ensure_one()
        day = self.announcement_date or fields.Date.context_today(self)
        threshold = self.env["sgz.procurement.threshold"]._sgz_threshold_on(day)
        return bool(threshold) and self.budget_amount >= threshold.amount

    def _search_needs_city_approval(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the city's approval."))
        candidates = self.search([("method", "!=", "open")]).filtered("needs_city_approval")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", candidates.ids)]

    @api.depends("award_date")
    def _compute_challenge_deadline(self):
        Calendar = self.env["sgz.calendar.year"]
        for tender in self:
            tender.challenge_deadline = (
                Calendar.add_working_days(
                    tender.award_date, ANNOUNCEMENT_WORKING_DAYS + CHALLENGE_WORKING_DAYS
                )
                if tender.award_date
                else False
            )

    @api.depends_context("uid")
    def _compute_bid_count(self):
        # a bureau counts every bid; a provider counts what it may read (its own): the number of competitors
        # is not told before the opening
        Bid = self.env["sgz.tender.bid"]
        user = self.env.user
        if user.has_group("sgz_base.sgz_base_group_county_officer") or user.has_group(
            "sgz_base.sgz_base_group_county_finance"
        ):
            Bid = Bid.sudo()
        counts = dict(Bid._read_group([("tender_id", "in", self.ids)], ["tender_id"], ["__count"]))
        for tender in self:
            tender.bid_count = counts.get(tender, 0)

    @api.depends("challenge_ids.state")
    def _compute_open_challenge_count(self):
        for tender in self:
            tender.open_challenge_count = len(
                tender.sudo().challenge_ids.filtered(lambda c: c.state == "open")
            )

    @api.depends("lot_ids.failed")
    def _compute_has_failed_lots(self):
        for tender in self:
            tender.has_failed_lots = any(tender.lot_ids.mapped("failed"))

    def _compute_agreement_count(self):
        for tender in self:
            tender.agreement_count = len(tender.agreement_ids)

    def _sgz_check_unlink(self):
        result = super()._sgz_check_unlink()
        if self.sudo().bid_ids or self.sudo().sgz_review_ids:
            raise UserError(
                self.env._("A tender that was submitted for approval or received bids stays on record.")
            )
        return result

    # ---- rules -----------------------------------------------------------------------------------------------

    def _rule(self):
        self.ensure_one()
        return METHOD_RULES[self.method]

    @api.constrains("method", "evaluation_method", "price_weight", "fixed_price")
    def _check_price_weight(self):
        methods = dict(self._fields["method"]._description_selection(self.env))
        for tender in self:
            rule = tender._rule()
            if tender.evaluation_method not in rule.evaluation_methods:
                raise ValidationError(
                    self.env._(
                        "A %(method)s is evaluated by the lowest compliant price, without weighted scoring "
                        "(政府采购法第三十八条).",
                        method=methods[tender.method],
                    )
                )
            if tender.evaluation_method != "comprehensive":
                continue
            if tender.fixed_price:
                if tender.price_weight:
                    raise ValidationError(
                        self.env._(
                            "The price of a fixed-price project is not scored: set the price weight to 0."
                        )
                    )
                continue
            low, high = rule.price_weight
            if not low <= tender.price_weight <= high:
                raise ValidationError(
                    self.env._(
                        "The price weight of a %(method)s for services must lie between %(low)s%% and %(high)s%%, "
                        "not %(weight)s%% (0 only for a fixed-price project).",
                        method=methods[tender.method],
                        low=f"{low:g}",
                        high=f"{high:g}",
                        weight=f"{tender.price_weight:g}",
                    )
                )

    @api.constrains("method", "announcement_date", "bid_deadline")
    def _check_bid_period(self):
        Deadline = self.env["sgz.deadline"]
        for tender in self:
            if not (tender.announcement_date and tender.bid_deadline):
                continue
            deadline_day = china_date(tender.bid_deadline)
            if deadline_day < tender.announcement_date:
                raise ValidationError(self.env._("The bid deadline cannot lie before the announcement."))
            rule = tender._rule()
            if rule.notice_working_days:
                if deadline_day <= tender.notice_end_date:
                    raise ValidationError(
                        self.env._(
                            "A single-source purchase is published for %(days)s working days before it is made: "
                            "the notice of %(start)s runs until %(end)s, so the negotiation comes after that day.",
                            days=rule.notice_working_days,
                            start=tender.announcement_date,
                            end=tender.notice_end_date,
                        )
                    )
                continue
            kind, value = rule.bid_period
            earliest = Deadline.rule_date(kind, tender.announcement_date, value)
            if deadline_day < earliest:
                raise ValidationError(
                    self.env._(
                        "This purchase method must leave until %(earliest)s between the announcement on %(start)s "
                        "and the bid deadline; %(deadline)s is too early.",
                        earliest=earliest,
                        start=tender.announcement_date,
                        deadline=deadline_day,
                    )
                )

    @api.constrains("method", "single_source_ground", "single_source_justification")
    def _check_single_source(self):
        for tender in self:
            if tender.method == "single_source" and not (
                tender.single_source_ground and (tender.single_source_justification or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "A single-source purchase needs one of the three grounds of 政府采购法第三十一条 and a "
                        "recorded justification."
                    )
                )

    @api.constrains("company_id")
    def _check_county(self):
        for tender in self:
            if tender.company_id.sgz_kind != "county":
                raise ValidationError(self.env._("Only a county civil-affairs bureau runs a tender."))

    @api.constrains("criterion_ids", "evaluation_method")
    def _check_criteria_sum(self):
        """The weights add up to 100, checked on the saved result (60/40 → 70/30 in one save is fine)."""
        for tender in self:
            if tender.evaluation_method == "comprehensive" and tender.criterion_ids:
                tender._check_criteria()

    def _check_criteria(self):
        self.ensure_one()
        if self.evaluation_method != "comprehensive":
            return
        if not self.criterion_ids:
            raise UserError(self.env._("Give the technical criteria and their weights."))
        total = round(sum(self.criterion_ids.mapped("weight")), 2)
        if total != 100:
            raise ValidationError(
                self.env._(
                    "The weights of the technical criteria must add up to 100, not %(total)s.", total=total
                )
            )

    def _sgz_committee_minimum(self):
        """The least number of members: the method's (财政部令第87号第四十七条; 财库〔2014〕214号第十四条;
        财政部令第74号第七条), 5 for a negotiation reaching the open-tender threshold, 7 for an open tender of
        ¥10 million or more."""
        self.ensure_one()
        minimum = self._rule().min_members
        if self.method == "negotiation" and self._sgz_reaches_threshold():
            minimum = max(minimum, THRESHOLD_NEGOTIATION_MEMBERS)
        if self.method == "open" and self.budget_amount >= LARGE_OPEN_TENDER_AMOUNT:
            minimum = max(minimum, LARGE_OPEN_TENDER_MEMBERS)
        return minimum

    def _check_committee(self):
        """Enough members, an odd number, experts at least two thirds."""
        self.ensure_one()
        minimum = self._sgz_committee_minimum()
        if not minimum:
            return
        members = self.committee_ids
        experts = members.filtered(lambda m: m.role in ("chair", "expert"))
        if len(members) < minimum or len(members) % 2 == 0 or 3 * len(experts) < 2 * len(members):
            raise UserError(
                self.env._(
                    "The evaluation committee needs at least %(minimum)s members, an odd number, of whom at least "
                    "two thirds are experts; it has %(members)s members and %(experts)s experts.",
                    minimum=minimum,
                    members=len(members),
                    experts=len(experts),
                )
            )

    # ---- publishing (approval) -------------------------------------------------------------------------

    @sgz_action(lock_rows=True)
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
        if self.bid_deadline <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The bid deadline of %(tender)s (%(deadline)s) has passed: set a new announcement date and bid "
                    "deadline before it is published.",
                    tender=self.name,
                    deadline=self._sgz_deadline_label(),
                )
            )
        self._check_criteria()
        self._check_bid_period()
        # the committee is evidence once the tender is published: it is complete before
        self._check_committee()

    def _sgz_approval_steps(self):
        return {
            "published": self.env._("Publish the tender announcement"),
            "awarded": self.env._("Announce the result and award"),
        }

    def _sgz_document_summary(self):
        rows = super()._sgz_document_summary() + self._sgz_summary_rows(
            [
                "company_id",
                "method",
                "single_source_ground",
                "budget_amount",
                "announcement_date",
                "bid_deadline",
                "evaluation_method",
                "price_weight",
            ]
        )
        for lot in self.lot_ids:
            rows.append(
                (
                    lot.name,
                    self.env._(
                        "%(stations)s station(s), ceiling %(ceiling)s",
                        stations=len(lot.station_ids),
                        ceiling=lot._sgz_summary_rows(["ceiling_price"])[0][1],
                    ),
                )
            )
        if self.state == "opened":
            rows += self._sgz_summary_rows(["bid_count", "opening_date"])
        return rows

    def _action_publish(self):
        """Publish today: a tender approved after its planned announcement day is announced today, and its bid
        period must still hold from today (the period check refuses it otherwise)."""
        today = fields.Date.context_today(self)
        with self._sgz_unlocked():
            for tender in self:
                planned = tender.announcement_date
                if planned < today:
                    tender.write({"announcement_date": today})
                    tender.message_post(
                        body=self.env._(
                            "Announced on %(today)s, the day of the approval (planned for %(planned)s).",
                            today=today,
                            planned=planned,
                        )
                    )
            self.write({"state": "published"})

    def _sgz_approval_apply(self, target):
        with self._sgz_unlocked():
            if target == "published":
                self._check_ready_to_publish()
                return self._action_publish()
            if target == "awarded":
                return self._action_award()
            return super()._sgz_approval_apply(target)

    # ---- opening and evaluation ------------------------------------------------------------------------------

    @sgz_action(lock_rows=True)
    def action_open_bids(self, reason=None):
        """Open the sealed bids. The opening is recorded at the bid deadline itself (财政部令第87号第三十九条):
        opened on a later day, it needs the reason, posted in the chatter (without one, the button asks for it
        and nothing is opened)."""
        now = fields.Datetime.now()
        for tender in self:
            tender._sgz_check_openable(now)
        late = self.filtered(lambda tender: tender._sgz_opening_late(now))
        if late and not (reason or "").strip():
            if len(self) > 1:
                raise UserError(
                    self.env._(
                        "%(tender)s is opened late: open it on its own, with the reason.", tender=late[0].name
                    )
                )
            return self._sgz_opening_wizard()
        for tender in self:
            tender._sgz_open(now, reason if tender in late else None)
        return True

    def _sgz_opening_late(self, now):
        """Opened on a later day than the bid deadline's (Beijing time)."""
        self.ensure_one()
        return china_date(now) > china_date(self.bid_deadline)

    def _sgz_opening_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Late Opening"),
            "res_model": "sgz.tender.opening.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_tender_id": self.id},
        }

    def _sgz_check_openable(self, now):
        self.ensure_one()
        if self.state != "published":
            raise UserError(self.env._("Only a published tender can be opened."))
        if now < self.bid_deadline:
            raise UserError(
                self.env._(
                    "Bids are opened at the deadline (%(deadline)s), not before.",
                    deadline=self._sgz_deadline_label(),
                )
            )
        if self.notice_end_date and china_date(now) <= self.notice_end_date:
            raise UserError(
                self.env._(
                    "The single-source notice runs until %(end)s: the purchase is made after it.",
                    end=self.notice_end_date,
                )
            )
        self._check_committee()

    def _sgz_deadline_label(self):
        """The bid deadline in Beijing time, the time of the law's periods whatever the user's timezone."""
        return (self.bid_deadline + CHINA_OFFSET).strftime("%Y-%m-%d %H:%M")

    def _sgz_open(self, now, late_reason=None):
        """Record the opening at the deadline, check validity, fail the lots with too few compliant suppliers,
        prepare the score sheets."""
        self.ensure_one()
        self.write(
            {
                "state": "opened",
                "opening_date": self.bid_deadline,
                "opened_by_id": self.env.user.id,
                "opening_delay_reason": late_reason or False,
            }
        )
        body = self.env._(
            "Bids opened by %(user)s: %(count)s bids.", user=self.env.user.name, count=self.bid_count
        )
        if late_reason:
            body = self.env._(
                "Bids opened by %(user)s on %(day)s, after the deadline of %(deadline)s: %(count)s bids. Reason "
                "for the late opening: %(reason)s",
                user=self.env.user.name,
                day=china_date(now),
                deadline=self._sgz_deadline_label(),
                count=self.bid_count,
                reason=late_reason.strip(),
            )
        self.message_post(body=body)
        bids = self.sudo().bid_ids.filtered(lambda b: b.state != "withdrawn")
        with bids._sgz_unlocked():
            bids._check_validity()
        self._fail_thin_lots()
        self._prepare_score_sheets()

    def _sgz_supplier_conditions(self):
        """The cases of the supplier minimums that apply to this tender (sgz.procurement.supplier.minimum)."""
        self.ensure_one()
        conditions = ["general"]
        if self.purchased_service:
            conditions.append("purchased_service")
        if self.switched_from_id.method == "open":
            # re-procured after a failed open tender, its publication approved by the finance department
            conditions.append("after_failed_open")
        return conditions

    def _sgz_supplier_minimum(self):
        """The rule giving the least number of compliant suppliers of this tender, in force on its announcement
        day (empty: no minimum)."""
        self.ensure_one()
        day = self.announcement_date or fields.Date.context_today(self)
        return self.env["sgz.procurement.supplier.minimum"]._sgz_rule_for(
            self.method, self._sgz_supplier_conditions(), day
        )

    def _fail_thin_lots(self):
        """A lot with fewer compliant suppliers than its method's minimum fails: an open tender's lot is 废标
        (政府采购法第三十六条), a consultation's or negotiation's procurement is terminated (财库〔2014〕214号第三十四条,
        财政部令第74号第三十七条)."""
        self.ensure_one()
        rule = self._sgz_supplier_minimum()
        if not rule:
            return
        methods = dict(self._fields["method"]._description_selection(self.env))
        for lot in self.lot_ids:
            valid = lot.sudo().bid_ids.filtered(lambda b: b.state == "valid")
            if len(valid) < rule.minimum:
                reason = self.env._(
                    "%(lot)s has %(count)s compliant suppliers, fewer than the %(minimum)s a %(method)s needs "
                    "(%(basis)s): the procurement of this lot is terminated.",
                    lot=lot.name,
                    count=len(valid),
                    minimum=rule.minimum,
                    method=methods[self.method],
                    basis=rule.note or "",
                )
                with lot._sgz_unlocked():
                    lot.write({"failed": True, "failed_reason": reason})
                self.message_post(body=reason)
        if all(self.lot_ids.mapped("failed")):
            self.write({"state": "failed", "failed_reason": "\n".join(self.lot_ids.mapped("failed_reason"))})

    def _prepare_score_sheets(self):
        """One score line per committee member, valid bid and criterion."""
        self.ensure_one()
        if self.evaluation_method != "comprehensive" or self.state != "opened":
            return
        bids = self.sudo().bid_ids.filtered(lambda b: b.state == "valid" and not b.lot_id.failed)
        existing = {(s.bid_id.id, s.member_id.id, s.criterion_id.id) for s in bids.score_ids}
        vals_list = [
            {"bid_id": bid.id, "member_id": member.id, "criterion_id": criterion.id}
            for bid in bids
            for member in self.committee_ids
            for criterion in self.criterion_ids
            if (bid.id, member.id, criterion.id) not in existing
        ]
        Score = self.env["sgz.tender.score"].sudo()
        with Score._sgz_unlocked():
            Score.create(vals_list)

    @sgz_action
    def action_compute_ranking(self):
        for tender in self:
            if tender.state != "opened":
                raise UserError(self.env._("Rank the bids after opening them."))
            tender._compute_ranking()
        return True

    def _compute_ranking(self):
        """Price score = lowest valid price / price × price weight; total = technical + price; ties by price."""
        self.ensure_one()
        for lot in self.lot_ids:
            bids = lot.sudo().bid_ids
            valid = bids.filtered(lambda b: b.state == "valid")
            with bids._sgz_unlocked():
                (bids - valid).write({"technical_score": 0, "price_score": 0, "total_score": 0, "rank": 0})
                if not valid or lot.failed:
                    continue
                lowest = min(valid.mapped("sealed_price"))
                for bid in valid:
                    if self.evaluation_method == "comprehensive":
                        technical = bid._technical_score()
                        price = lowest / bid.sealed_price * self.price_weight if self.price_weight else 0.0
                    else:
                        technical, price = 0.0, lowest / bid.sealed_price * 100
                    bid.write(
                        {"technical_score": technical, "price_score": price, "total_score": technical + price}
                    )
                ranked = valid.sorted(lambda b: (-round(b.total_score, 6), b.sealed_price, b.id))
                for rank, bid in enumerate(ranked, start=1):
                    bid.write({"rank": rank})

    # ---- award -----------------------------------------------------------------------------------------------

    def _check_awardable(self):
        for tender in self:
            if tender.state != "opened":
                raise UserError(self.env._("Award a tender whose bids are opened and evaluated."))
            if tender.evaluation_method == "comprehensive":
                missing = tender.sudo().bid_ids.score_ids.filtered(lambda s: not s.scored)
                if missing:
                    raise UserError(
                        self.env._(
                            "%(count)s scores are still missing from the committee.", count=len(missing)
                        )
                    )
            tender._compute_ranking()
            for lot in tender.lot_ids.filtered(lambda lot: not lot.failed):
                if not lot.sudo().winner_bid_id:
                    raise UserError(self.env._("Lot %(lot)s has no valid bid.", lot=lot.name))

    @sgz_action(lock_rows=True)
    def action_award(self):
        """Confirm the ranking and award: the first click requests approval; the last approval announces the
        result, sends the award notice and prepares the agreements."""
        self._check_awardable()
        for tender in self:
            if tender._sgz_is_approved("awarded"):
                tender._action_award()
            else:
                tender._sgz_request_approval("awarded")
        return True

    def _action_award(self):
        """Result announcement and award notice on the same day (财政部令第87号第六十九条); the agreements are
        signed within 30 days of the notice, an open challenge suspending the signature."""
        self._check_awardable()
        today = fields.Date.context_today(self)
        Agreement = self.env["sgz.agreement"].sudo()
        for tender in self:
            tender.write({"state": "awarded", "award_date": today})
            lots = tender.lot_ids.filtered(lambda lot: not lot.failed)
            with Agreement._sgz_unlocked():
                agreements = Agreement.create([tender._prepare_agreement_vals(lot) for lot in lots])
            for agreement in agreements:
                agreement._sgz_deadline_set(
                    "signing",
                    self.env._(
                        "Sign the service agreement (%(days)s days after the award notice)", days=SIGNING_DAYS
                    ),
                    "days",
                    today,
                    SIGNING_DAYS,
                    user=tender.user_id,
                )
                tender.sudo().message_post(
                    body=self.env._(
                        "Result announced and award notice sent: %(lot)s is awarded to %(provider)s at "
                        "%(amount)s. Challenges may be filed until %(deadline)s.",
                        lot=agreement.lot_id.name,
                        provider=agreement.provider_id.name,
                        amount=agreement.annual_amount,
                        deadline=tender.challenge_deadline,
                    ),
                    partner_ids=agreement.provider_id.partner_id.ids,
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

    # ---- cancel, re-procure ------------------------------------------------------------------------------------

    @sgz_action(lock_rows=True)
    def action_cancel(self):
        for tender in self:
            if tender.state in ("awarded", "failed"):
                raise UserError(
                    self.env._("An awarded or failed tender stays as it is: it cannot be cancelled.")
                )
        Review = self.env["sgz.approval.review"]
        with Review._sgz_unlocked():
            self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending").write({"state": "cancelled"})
        self.write({"state": "cancelled"})
        return True

    @sgz_action
    def action_reset_draft(self):
        for tender in self:
            if tender.state != "cancelled" or tender.opening_date or tender.sudo().bid_ids:
                raise UserError(
                    self.env._("Only a tender cancelled before it received bids goes back to draft.")
                )
        self.write({"state": "draft"})
        return True

    def _sgz_reprocure(self, method, reason, ground=None):
        """A new draft tender for the failed lots with another method (the switch is approved by finance); a
        single source records the ground the user chose (政府采购法第三十一条)."""
        self.ensure_one()
        if not self.lot_ids.filtered("failed"):
            raise UserError(self.env._("Only the failed lots of a tender are procured again."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for changing the purchase method."))
        if method == "single_source" and ground not in dict(SINGLE_SOURCE_GROUNDS):
            raise UserError(
                self.env._(
                    "Choose which of the three grounds of 政府采购法第三十一条 allows a single source."
                )
            )
        if method == self.method:
            return self.env["sgz.tender"]
        vals = self._prepare_reprocure_vals(method)
        if method == "single_source":
            vals.update(single_source_ground=ground, single_source_justification=reason)
        Tender = self.env["sgz.tender"]
        with Tender._sgz_unlocked():
            new = Tender.create(dict(vals, switched_from_id=self.id, switch_reason=reason))
        self.message_post(
            body=self.env._(
                "Failed lots procured again by %(tender)s: %(reason)s", tender=new.name, reason=reason
            )
        )
        return new

    def _prepare_reprocure_vals(self, method):
        """The new tender of the failed lots: their data, the committee, and the criteria when scored."""
        self.ensure_one()
        return {
            "name": self.env._("%(tender)s (re-procurement)", tender=self.name),
            "company_id": self.company_id.id,
            "plan_id": self.plan_id.id,
            "user_id": self.env.user.id,
            "method": method,
            "purchased_service": self.purchased_service,
            "lot_ids": [
                Command.create(
                    {
                        "sequence": lot.sequence,
                        "name": lot.name,
                        "ceiling_price": lot.ceiling_price,
                        "station_ids": [Command.set(lot.station_ids.ids)],
                    }
                )
                for lot in self.lot_ids.filtered("failed")
            ],
            # the committee is checked when the new tender's publication is requested: it starts with the old one
            "committee_ids": [
                Command.create({"user_id": member.user_id.id, "role": member.role})
                for member in self.committee_ids
            ],
            "criterion_ids": [
                Command.create({"name": c.name, "weight": c.weight, "description": c.description})
                for c in self.criterion_ids
            ]
            if METHOD_RULES[method].evaluation_methods[0] == "comprehensive"
            else [],
        }

    # ---- navigation ------------------------------------------------------------------------------------------

    def action_open_bids_list(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_procurement.sgz_tender_bid_action")
        action["domain"] = [("tender_id", "=", self.id)]
        action["context"] = {"default_tender_id": self.id}
        return action

    def action_open_agreements(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_procurement.sgz_agreement_action")
        action["domain"] = [("tender_id", "=", self.id)]
        return action


class SgzTenderLot(models.Model):
    _name = "sgz.tender.lot"
    _description = "Tender Lot"
    _inherit = ["sgz.lock.mixin"]
    _order = "tender_id, sequence, id"
    _check_company_auto = True

    _sgz_lock_parent = "tender_id"
    _sgz_action_fields = ("failed", "failed_reason")

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
    failed = fields.Boolean(string="Failed (废标)", readonly=True, copy=False)
    failed_reason = fields.Text(readonly=True, copy=False)

    def _compute_winner_bid_id(self):
        for lot in self:
            lot.winner_bid_id = lot.sudo().bid_ids.filtered(lambda b: b.state == "valid" and b.rank == 1)[:1]

    def _sgz_check_unlink(self):
        result = super()._sgz_check_unlink()
        if self.sudo().bid_ids:
            raise UserError(self.env._("A lot that received bids stays on record."))
        return result

    @api.constrains("ceiling_price")
    def _check_ceiling(self):
        if any(lot.ceiling_price < 0 for lot in self):
            raise ValidationError(self.env._("A ceiling price cannot be negative."))


class SgzTenderCriterion(models.Model):
    _name = "sgz.tender.criterion"
    _description = "Technical Criterion"
    _inherit = ["sgz.lock.mixin"]
    _order = "tender_id, sequence, id"

    _sgz_lock_parent = "tender_id"

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="tender_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True)
    weight = fields.Float(
        string="Weight", required=True, help="Weights of a tender's criteria add up to 100."
    )
    description = fields.Text()

    @api.constrains("weight")
    def _check_weight(self):
        for criterion in self:
            if not 0 <= criterion.weight <= 100:
                raise ValidationError(
                    self.env._(
                        "The weight of %(criterion)s must lie between 0 and 100, not %(weight)s.",
                        criterion=criterion.name,
                        weight=f"{criterion.weight:g}",
                    )
                )


class SgzTenderCommittee(models.Model):
    """A member of the evaluation committee: chosen while the tender is a draft, then evidence of the procurement
    (the line follows its tender's lock: published, waiting for approval, opened…)."""

    _name = "sgz.tender.committee"
    _description = "Evaluation Committee Member"
    _inherit = ["sgz.lock.mixin"]
    _order = "tender_id, role, id"

    _sgz_lock_parent = "tender_id"
    _sgz_fixed_fields = ("tender_id",)

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="tender_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Member", required=True)
    role = fields.Selection(
        [("chair", "Chair (Expert)"), ("expert", "Expert"), ("buyer", "Buyer Representative")],
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
