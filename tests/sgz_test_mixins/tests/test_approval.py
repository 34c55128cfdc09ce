from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MixinCase


@tagged("post_install", "-at_install")
class TestApproval(MixinCase):
    """sgz.approval.mixin on a test document: two tiers (officer, then approver) for “confirmed”."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_officer, cls.tier_approver = cls._tiers()

    def _request(self, user):
        document = self._document(user=user)
        document.with_user(user).action_confirm()
        reviews = document.sgz_review_ids.sorted("sequence")
        self.assertEqual(len(reviews), 2)
        return document, reviews

    def test_tiers_decide_in_order(self):
        document, (first, second) = self._request(self.officer_a)
        self.assertEqual(document.sgz_approval_status, "pending")
        with self.assertRaisesMsg(UserError, "科室审核"):
            second.with_user(self.approver_a).action_approve()
        first.with_user(self.officer_a2).action_approve(comment="材料齐全")
        self.assertEqual(first.state, "approved")
        self.assertEqual(first.reviewed_by_id, self.officer_a2)
        self.assertEqual(document.state, "draft")
        second.with_user(self.approver_a).action_approve()
        self.assertEqual(second.state, "approved")
        self.assertEqual(document.state, "confirmed")
        self.assertIn("材料齐全", " ".join(document.message_ids.mapped("body")))

    def test_document_locked_while_pending(self):
        # what the reviewers approve is what they saw
        document, _reviews = self._request(self.officer_a)
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            document.with_user(self.officer_a).write({"amount": 999})
        document.with_user(self.officer_a).write({"note": "备注"})  # declared writable

    def test_requester_cannot_approve(self):
        _document, (first, _second) = self._request(self.officer_a2)
        with self.assertRaisesMsg(UserError, "cannot approve your own document|不能审批"):
            first.with_user(self.officer_a2).action_approve()
        self.assertEqual(first.state, "pending")

    def test_creator_cannot_approve(self):
        document = self._document(user=self.approver_a)
        document.with_user(self.officer_a).action_confirm()
        first = document.sgz_review_ids.sorted("sequence")[0]
        with self.assertRaisesMsg(UserError, "cannot approve your own document|不能审批"):
            first.with_user(self.approver_a).action_approve()

    def test_group_and_company_checked(self):
        _document, (first, second) = self._request(self.officer_a)
        first.with_user(self.approver_a).action_approve()
        with self.assertRaises(UserError):
            second.with_user(self.officer_a2).action_approve()  # not an approver
        self.assertEqual(second.state, "pending")
        with self.assertRaises(AccessError):
            second.with_user(self.officer_b).action_approve()  # another county cannot even see it

    def test_reject_needs_a_reason_and_cancels_the_rest(self):
        document, (first, second) = self._request(self.officer_a)
        with self.assertRaisesMsg(UserError, "why you reject|驳回"):
            first.with_user(self.officer_a2).action_reject()
        first.with_user(self.officer_a2).action_reject(comment="材料不全")
        self.assertEqual(first.state, "rejected")
        self.assertEqual(second.state, "cancelled")
        self.assertEqual(document.sgz_approval_status, "rejected")
        self.assertIn("材料不全", " ".join(document.message_ids.mapped("body")))

    def test_reviews_change_only_by_buttons(self):
        _document, (first, _second) = self._request(self.officer_a)
        for vals in ({"state": "approved"}, {"reviewed_by_id": self.approver_a.id}, {"sequence": 1}):
            with self.assertRaises(UserError):
                first.with_user(self.approver_a).write(vals)
            with self.assertRaises(UserError):
                first.with_user(self.approver_a).with_context(sgz_approval_bypass=True).write(vals)
        first.with_user(self.approver_a).write({"comment": "同意"})
        with self.assertRaises(UserError):
            self.env["sgz.approval.review"].with_user(self.officer_a).create(
                {
                    "res_model": "sgz.test.document",
                    "res_id": 1,
                    "target_state": "confirmed",
                    "state": "approved",
                }
            )
        with self.assertRaises(UserError):
            first.unlink()  # evidence, even for the superuser

    def test_guarded_state_needs_approval(self):
        document = self._document(user=self.officer_a)
        with self.assertRaises(UserError):
            document.with_user(self.officer_a).write({"state": "confirmed"})
        with self.assertRaisesMsg(UserError, "needs approval|审批"):
            with document._sgz_unlocked():
                document.with_user(self.officer_a).write({"state": "confirmed"})

    def test_to_approve_list(self):
        _document, (first, second) = self._request(self.officer_a)
        Review = self.env["sgz.approval.review"]
        self.assertEqual(Review.with_user(self.officer_a2).search([("can_review", "=", True)]), first)
        self.assertFalse(Review.with_user(self.officer_a).search([("can_review", "=", True)]))  # requester
        self.assertFalse(Review.with_user(self.officer_b).search([("id", "in", (first | second).ids)]))
        first.with_user(self.officer_a2).action_approve()
        self.assertEqual(Review.with_user(self.approver_a).search([("can_review", "=", True)]), second)

    def test_to_approve_runs_constant_queries(self):
        """The 待审批 filter costs the same number of queries for 1 or 13 pending requests."""
        Review = self.env["sgz.approval.review"].with_user(self.officer_a2)
        one = self._queries(lambda: Review.search([("can_review", "=", True)]), 1)
        thirteen = self._queries(lambda: Review.search([("can_review", "=", True)]), 12)
        self.assertEqual(one, thirteen)
        self.assertEqual(len(Review.search([("can_review", "=", True)])), 13)

    def _queries(self, call, n):
        for _index in range(n):
            self._request(self.officer_a)
        call()  # warm the caches that do not depend on the number of reviews (groups, models)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        call()
        return self.cr.sql_log_count - before

    def test_document_can_review_constant_queries(self):
        def measure(n):
            documents = self.Document.browse()
            for _index in range(n):
                documents |= self._request(self.officer_a)[0]
            documents.with_user(self.officer_a2).mapped("sgz_can_review")
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            documents.with_user(self.officer_a2).mapped("sgz_can_review")
            return self.cr.sql_log_count - before

        self.assertEqual(measure(1), measure(12))

    def test_tier_needs_a_reviewer_and_a_guarded_state(self):
        model = self.env["ir.model"]._get("sgz.test.document")
        with self.assertRaisesMsg(ValidationError, "reviewer|审批"):
            self.env["sgz.approval.tier"].create(
                {"name": "无人审批", "model_id": model.id, "target_state": "confirmed"}
            )
        with self.assertRaisesMsg(ValidationError, "no approval|无需|没有"):
            self.env["sgz.approval.tier"].create(
                {
                    "name": "错误状态",
                    "model_id": model.id,
                    "target_state": "done",
                    "group_id": self.env.ref("base.group_user").id,
                }
            )


@tagged("post_install", "-at_install")
class TestApprovalIntegrity(MixinCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tiers()

    def test_comment_only_by_the_reviewer_whose_turn_it_is(self):
        document = self._document(user=self.officer_a)
        document.with_user(self.officer_a).action_confirm()
        first, second = document.sgz_review_ids.sorted("sequence")
        with self.assertRaises(UserError):
            first.with_user(self.officer_a).write({"comment": "请局长批准"})  # the requester
        with self.assertRaises(UserError):
            second.with_user(self.approver_a).write({"comment": "同意"})  # not yet its turn
        first.with_user(self.officer_a2).write({"comment": "材料齐全"})

    def test_waiting_document_is_not_deleted(self):
        document = self._document(user=self.officer_a)
        document.with_user(self.officer_a).action_confirm()
        with self.assertRaisesMsg(UserError, "waiting for approval|待审批"):
            document.with_user(self.officer_a).unlink()
