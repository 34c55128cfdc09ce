from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ANNOUNCE, ProcurementCase


@tagged("post_install", "-at_install")
class TestTender(ProcurementCase):
    def test_criteria_weights_sum_to_100(self):
        with self.assertRaisesMsg(ValidationError, "100"):
            self._tender(
                criterion_ids=[
                    (0, 0, {"name": "服务方案", "weight": 60}),
                    (0, 0, {"name": "团队", "weight": 30}),
                ]
            )
        tender = self._tender()
        first, second = tender.criterion_ids.sorted("sequence")
        with self.assertRaisesMsg(ValidationError, "100"):
            tender.write({"criterion_ids": [(1, first.id, {"weight": 50})]})
        # rebalancing 60/40 → 70/30 in one save: the sum is checked on the saved result
        tender.with_user(self.officer_a).write(
            {"criterion_ids": [(1, first.id, {"weight": 70}), (1, second.id, {"weight": 30})]}
        )
        self.assertEqual(tender.criterion_ids.mapped("weight"), [70, 30])
        for weight in (-5, 120):
            with self.assertRaisesMsg(ValidationError, "0.*100"):
                first.with_user(self.officer_a).write({"weight": weight})

    def test_title_and_names_are_not_blank(self):
        with self.assertRaisesMsg(ValidationError, "title|标题"):
            self._tender(name="   ")

    def test_publishing_needs_approval(self):
        tender = self._tender()
        with self.assertRaisesMsg(UserError, "approval|审批|buttons|按钮"):
            tender.with_user(self.officer_a).write({"state": "published"})
        with self.frozen(ANNOUNCE):
            tender.action_publish()
        self.assertEqual(tender.state, "draft")
        self.assertEqual(tender.sgz_approval_status, "pending")
        review = tender.sgz_review_ids
        self.assertEqual(review.group_id, self.env.ref("sgz_base.sgz_base_group_county_approver"))
        with self.frozen(ANNOUNCE), self.assertRaisesMsg(UserError, "already requested|已"):
            tender.action_publish()
        with self.frozen(ANNOUNCE):
            review.with_user(self.approver_a).action_approve(comment="同意发布")
        self.assertEqual(tender.state, "published")
        self.assertIn("同意发布", " ".join(tender.message_ids.mapped("body")))

    def test_multi_level_tiers_in_order(self):
        self.env["sgz.approval.tier"].create(
            {
                "name": "业务科室审核",
                "model_id": self.env["ir.model"]._get("sgz.tender").id,
                "target_state": "published",
                "sequence": 10,
                "group_id": self.env.ref("sgz_base.sgz_base_group_county_officer").id,
            }
        )
        tender = self._tender()
        with self.frozen(ANNOUNCE):
            tender.action_publish()
            first, second = tender.sgz_review_ids.sorted("sequence")
            with self.assertRaisesMsg(UserError, "must decide first|先"):
                second.with_user(self.approver_a).action_approve()
            first.with_user(self.officer_a2).action_approve()
            self.assertEqual(tender.state, "draft")
            second.with_user(self.approver_a).action_approve()
        self.assertEqual(tender.state, "published")

    def test_rejection_sends_back_to_draft(self):
        tender = self._tender()
        with self.frozen(ANNOUNCE):
            tender.action_publish()
        review = tender.sgz_review_ids
        review.with_user(self.approver_a).action_reject(comment="最高限价偏高")
        self.assertEqual(tender.state, "draft")
        self.assertEqual(tender.sgz_approval_status, "rejected")
        self.assertIn("最高限价偏高", " ".join(tender.message_ids.mapped("body")))
        with self.assertRaisesMsg(UserError, "needs approval|须经审批"):
            tender.with_user(self.officer_a).write({"state": "published"})
        with self.frozen(ANNOUNCE):
            tender.action_publish()  # a fresh request
        self.assertEqual(len(tender.sgz_review_ids.filtered(lambda r: r.state == "pending")), 1)

    def test_approver_cannot_approve_own_tender(self):
        tender = self.env["sgz.tender"].with_user(self.approver_a).create(self._tender_vals())
        with self.frozen(ANNOUNCE):
            tender.with_user(self.approver_a).action_publish()
            with self.assertRaisesMsg(UserError, "cannot approve your own|不能审批"):
                tender.sgz_review_ids.with_user(self.approver_a).action_approve()
        self.assertEqual(tender.state, "draft")

    def test_to_approve_list(self):
        tender = self._tender()
        with self.frozen(ANNOUNCE):
            tender.action_publish()
        Review = self.env["sgz.approval.review"]
        self.assertEqual(
            Review.with_user(self.approver_a).search([("can_review", "=", True)]), tender.sgz_review_ids
        )
        self.assertFalse(Review.with_user(self.officer_a2).search([("can_review", "=", True)]))
        self.assertTrue(tender.with_user(self.approver_a).sgz_can_review)
        with self.frozen(ANNOUNCE):
            tender.with_user(self.approver_a).action_sgz_approve()
        self.assertEqual(tender.state, "published")

    def test_publish_checks_the_tender(self):
        tender = self._tender(lot_ids=[])
        with self.assertRaisesMsg(UserError, "lot|标包"):
            tender.action_publish()
        self.assertFalse(tender.sgz_review_ids)

    def test_what_approval_covers_stays_as_approved(self):
        """After approval (and while it is pending) the price weight, the method, the bid deadline and the
        criteria cannot change; the opening happens only through its action."""
        tender = self._tender()
        as_officer = tender.with_user(self.officer_a)
        with self.frozen(ANNOUNCE):
            as_officer.action_publish()
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            as_officer.write({"price_weight": 20})  # pending approval
        with self.frozen(ANNOUNCE):
            self._approve(tender)
        for vals in (
            {"price_weight": 20},
            {"evaluation_method": "lowest_price"},
            {"bid_deadline": "2025-04-30 01:30:00"},
            {"method": "negotiation"},
            {"criterion_ids": [(5, 0, 0)]},
        ):
            with self.assertRaisesMsg(UserError, "locked|已锁定"):
                as_officer.write(vals)
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            as_officer.criterion_ids[0].write({"weight": 10})
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            as_officer.lot_ids.write({"ceiling_price": 1})
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            as_officer.write({"opening_date": "2025-03-10 00:00:00"})  # opening the sealed bids early
        self.assertFalse(tender.opening_date)
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            as_officer.write({"committee_ids": [(0, 0, {"user_id": self.finance_a.id, "role": "buyer"})]})
        for user in (self.officer_a, self.admin):
            with self.assertRaisesMsg(UserError, "stays on record|不能删除|保留"):
                tender.with_user(user).unlink()

    def test_an_expired_tender_is_neither_requested_nor_approved(self):
        """Issue 20, point 2: a tender whose bid deadline (24 March 2025 09:30 Beijing time) has passed is
        neither sent for approval nor published by the approval."""
        tender = self._tender()
        with (
            self.frozen("2025-03-24 01:30:00"),
            self.assertRaisesMsg(UserError, "2025-03-24 09:30.*passed|已过"),
        ):
            tender.with_user(self.officer_a).action_publish()
        self.assertFalse(tender.sgz_review_ids)
        with self.frozen(ANNOUNCE):
            tender.with_user(self.officer_a).action_publish()
        with self.frozen("2025-03-25"), self.assertRaisesMsg(UserError, "passed|已过"):
            tender.sgz_review_ids.with_user(self.approver_a).action_approve()
        self.assertEqual((tender.state, tender.sgz_approval_status), ("draft", "pending"))

    def test_a_late_approval_announces_on_its_day(self):
        """Requested for an announcement on Monday 3 March 2025, deadline Monday 24 March: approved on Tuesday
        4 March, the tender is announced that day (24 March is 20 days later: the period holds); approved on
        Wednesday 5 March it would leave 19 days: refused, the earliest deadline being 25 March."""
        late = self._tender()
        with self.frozen(ANNOUNCE):
            late.with_user(self.officer_a).action_publish()
        with self.frozen("2025-03-05"), self.assertRaisesMsg(ValidationError, "2025-03-25"):
            late.sgz_review_ids.with_user(self.approver_a).action_approve()
        self.assertEqual(str(late.announcement_date), ANNOUNCE)
        with self.frozen("2025-03-04"):
            late.sgz_review_ids.with_user(self.approver_a).action_approve()
        self.assertEqual(late.state, "published")
        self.assertEqual(str(late.announcement_date), "2025-03-04")
        self.assertIn(
            "2025-03-03", late.message_ids.filtered(lambda m: "2025-03-04" in (m.body or ""))[:1].body
        )
