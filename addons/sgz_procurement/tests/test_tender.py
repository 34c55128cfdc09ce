from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ANNOUNCE, ProcurementCase


@tagged("post_install", "-at_install")
class TestTender(ProcurementCase):
    def test_open_tender_needs_20_days(self):
        with self.assertRaisesMsg(ValidationError, "20"):
            self._tender(announcement_date="2025-03-03", bid_deadline="2025-03-22")
        tender = self._tender(announcement_date="2025-03-03", bid_deadline="2025-03-23")
        self.assertEqual(tender.state, "draft")
        # A negotiation may be shorter.
        self._tender(method="negotiation", announcement_date="2025-03-03", bid_deadline="2025-03-10")

    def test_single_source_needs_justification(self):
        with self.assertRaisesMsg(ValidationError, "justification|理由"):
            self._tender(method="single_source")
        self._tender(method="single_source", single_source_justification="唯一具备资质的本地机构")

    def test_price_weight_between_10_and_30(self):
        for weight in (9.9, 35, 0):
            with self.assertRaisesMsg(ValidationError, "10%.*30%"):
                self._tender(price_weight=weight)
        self._tender(price_weight=10)
        self._tender(price_weight=30)

    def test_criteria_weights_sum_to_100(self):
        with self.assertRaisesMsg(ValidationError, "100"):
            self._tender(
                criterion_ids=[
                    (0, 0, {"name": "服务方案", "weight": 60}),
                    (0, 0, {"name": "团队", "weight": 30}),
                ]
            )
        tender = self._tender()
        with self.assertRaisesMsg(ValidationError, "100"):
            tender.criterion_ids[0].weight = 50
        self.assertEqual(sum(tender.criterion_ids.mapped("weight")), 100)

    def test_publishing_needs_approval(self):
        tender = self._tender()
        with self.assertRaisesMsg(UserError, "approval|审批"):
            tender.write({"state": "published"})
        with self.frozen(ANNOUNCE):
            tender.action_publish()
        self.assertEqual(tender.state, "draft")
        self.assertEqual(tender.sgz_approval_status, "pending")
        review = tender.sgz_review_ids
        self.assertEqual(review.group_id, self.env.ref("sgz_base.sgz_base_group_county_approver"))
        with self.assertRaisesMsg(UserError, "already requested|已"):
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
            with self.assertRaises(UserError):
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
        with self.assertRaises(UserError):
            tender.write({"state": "published"})
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
