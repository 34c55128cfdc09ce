from lxml import etree

from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MixinCase


def rpc_call(records, method, *args):
    """The call a JSON-RPC client makes: ``call_kw`` with the client's ids and context."""
    return call_kw(records.browse(), method, [records.ids, *args], {"context": dict(records.env.context)})


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
        with self.assertRaisesMsg(UserError, "Only members of|的成员才能审批此项"):
            second.with_user(self.officer_a2).action_approve()  # not an approver
        self.assertEqual(second.state, "pending")
        with self.assertRaisesMsg(AccessError, "您不能打开此审批记录：它属于其他单位"):
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
            with self.assertRaisesMsg(UserError, "Approve and Reject buttons only|“批准”和“驳回”按钮"):
                first.with_user(self.approver_a).write(vals)
            with self.assertRaisesMsg(UserError, "Approve and Reject buttons only|“批准”和“驳回”按钮"):
                first.with_user(self.approver_a).with_context(sgz_approval_bypass=True).write(vals)
        first.with_user(self.approver_a).write({"comment": "同意"})
        # no role creates a review by hand (the access rights already refuse it)
        with self.assertRaisesMsg(UserError, "created by their actions only|只能由相应操作|不能新建审批记录"):
            self.env["sgz.approval.review"].with_user(self.officer_a).create(
                {
                    "res_model": "sgz.test.document",
                    "res_id": 1,
                    "target_state": "confirmed",
                    "state": "approved",
                }
            )
        with self.assertRaisesMsg(UserError, "stays on record|存档备查|不能删除审批记录"):
            first.unlink()  # evidence: the rights refuse it, and the record itself for whoever has them

    def test_guarded_state_needs_approval(self):
        document = self._document(user=self.officer_a)
        # the state is the approval's: refused as a state to change by the buttons, or as one needing approval
        with self.assertRaisesMsg(
            UserError,
            "change only through the buttons|只能通过办理相应环节的按钮|needs approval before|需要审批",
        ):
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
        with self.assertRaisesMsg(UserError, "reviewer whose turn it is|当前轮到的审批人"):
            first.with_user(self.officer_a).write({"comment": "请局长批准"})  # the requester
        with self.assertRaisesMsg(UserError, "reviewer whose turn it is|当前轮到的审批人"):
            second.with_user(self.approver_a).write({"comment": "同意"})  # not yet its turn
        first.with_user(self.officer_a2).write({"comment": "材料齐全"})

    def test_waiting_document_is_not_deleted(self):
        document = self._document(user=self.officer_a)
        document.with_user(self.officer_a).action_confirm()
        with self.assertRaisesMsg(UserError, "waiting for approval|待审批"):
            document.with_user(self.officer_a).unlink()


@tagged("post_install", "-at_install")
class TestApprovalFollowsTheDocument(MixinCase):
    """Issue 15 §1: the target of a request is never the client's, and every request, approval and rejection
    checks, under the row lock, that the document is still in the state the target comes from."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tiers()

    def _pending(self):
        document = self._document(user=self.officer_a, amount=100)
        document.with_user(self.officer_a).action_confirm()
        return document, document.sgz_review_ids.sorted("sequence")

    def test_no_generic_request_taking_its_target_from_the_context(self):
        # the call a script made: the generic button, its target from the context (it re-approved an approved
        # budget and doubled its ledger rows)
        document = self._document(user=self.officer_a)
        for model in self.env.registry.descendants(["sgz.approval.mixin"], "_inherit"):
            self.assertFalse(hasattr(self.env[model], "action_sgz_request_approval"), model)
        with self.assertRaises(AttributeError):
            rpc_call(
                document.with_user(self.officer_a).with_context(sgz_approval_target="confirmed"),
                "action_sgz_request_approval",
            )

    def test_request_only_from_the_source_state(self):
        document = self._document(user=self.officer_a)
        document.with_user(self.officer_a).action_done()
        with self.assertRaisesMsg(UserError, "applies only while|仅在"):
            document.with_user(self.officer_a)._sgz_request_approval("confirmed")
        self.assertFalse(document.sgz_review_ids)

    def test_document_checks_run_for_every_request(self):
        document = self._document(user=self.officer_a, amount=-5)
        with self.assertRaisesMsg(UserError, "negative amount|负数"):
            document.with_user(self.officer_a)._sgz_request_approval("confirmed")
        self.assertFalse(document.sgz_review_ids)

    def test_a_document_that_moved_on_voids_its_request(self):
        document, (first, second) = self._pending()
        first.with_user(self.officer_a2).action_approve()
        document.with_user(self.officer_a).action_done()  # moved on by another way
        self.assertEqual(second.state, "cancelled")
        with self.assertRaisesMsg(UserError, "already been decided|已"):
            second.with_user(self.approver_a).action_approve()
        self.assertEqual(document.state, "done")

    def test_decision_checks_the_state_under_the_lock(self):
        # a state moved without the mixin's write (SQL, another transaction) is caught when deciding
        document, (first, _second) = self._pending()
        self.env.cr.execute("UPDATE sgz_test_document SET state = 'done' WHERE id = %s", [document.id])
        document.invalidate_recordset()
        with self.assertRaisesMsg(UserError, "applies only while|仅在"):
            first.with_user(self.officer_a2).action_approve()
        with self.assertRaisesMsg(UserError, "applies only while|仅在"):
            first.with_user(self.officer_a2).action_reject(comment="不同意")
        self.assertEqual(first.state, "pending")

    def test_rejection_never_moves_the_document(self):
        document, (first, second) = self._pending()
        first.with_user(self.officer_a2).action_reject(comment="材料不全")
        self.assertEqual(document.state, "draft")
        self.assertEqual(second.state, "cancelled")
        # asked again, decided again: an approval is used once
        document.with_user(self.officer_a).action_confirm()
        first, second = document.sgz_review_ids.filtered(lambda r: r.state == "pending").sorted("sequence")
        first.with_user(self.officer_a2).action_approve()
        second.with_user(self.approver_a).action_approve()
        self.assertEqual(document.state, "confirmed")
        with self.assertRaisesMsg(UserError, "applies only while|仅在"):
            document.with_user(self.officer_a)._sgz_request_approval("confirmed")


@tagged("post_install", "-at_install")
class TestUserWithoutEmail(MixinCase):
    """Issue 15 §5: a user an administrator created with a login only (no email address) does every sgz action,
    the ones that post in the chatter included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tiers()
        officer = cls.env.ref("sgz_base.sgz_base_group_county_officer")
        cls.no_email = cls.env["res.users"].create(
            {
                "name": "无邮箱科员",
                "login": "no_email_officer",
                "groups_id": [Command.set([officer.id])],
                "company_id": cls.county_a.id,
                "company_ids": [Command.set(cls.county_a.ids)],
            }
        )
        cls.no_email.partner_id.email = False

    def test_requests_approves_and_posts_without_an_email(self):
        self.assertFalse(self.no_email.email)
        document = self._document(user=self.no_email)
        document.with_user(self.no_email).action_confirm()  # posts "approval requested"
        self.assertIn("无邮箱科员", document.message_ids[0].author_id.name)
        document.with_user(self.no_email).message_post(body="补充说明")
        other = self._document(user=self.officer_a)
        other.with_user(self.officer_a).action_confirm()
        first = other.sgz_review_ids.sorted("sequence")[0]
        first.with_user(self.no_email).action_approve(comment="同意")  # posts the decision
        self.assertEqual(first.state, "approved")
        self.assertIn("同意", " ".join(other.message_ids.mapped("body")))

    def test_review_shows_what_is_approved(self):
        document = self._document(user=self.officer_a, amount=1234.5)
        document.with_user(self.officer_a).action_confirm()
        review = document.sgz_review_ids[:1].with_user(self.officer_a2)
        self.assertIn("1,234.50", review.document_summary)


@tagged("post_install", "-at_install")
class TestMixinsOnTheForm(MixinCase):
    """Issue 18 §5: the approval and filing mixins put their buttons, banners and tabs on every form of the
    documents that inherit them; no form carries a copy of its own."""

    def test_test_document_form_gets_the_mixins_pieces(self):
        arch = self.Document.with_context(lang="zh_CN").get_view(view_type="form")["arch"]
        for xpath in (
            "//header/button[@name='action_sgz_approve']",
            "//div[@name='sgz_approval_banner']",
            "//page[@name='sgz_approvals']/field[@name='sgz_review_ids']",
            "//header/button[@name='action_sgz_file']",
            "//div[@name='button_box']/button[@name='action_sgz_open_filings']",
            "//div[@name='sgz_filing_banner']",
        ):
            self.assertEqual(len(etree.fromstring(arch).xpath(xpath)), 1, xpath)
        self.assertIn("批准", arch)

    def test_every_document_form_has_each_piece_once(self):
        registry = self.env.registry
        for mixin, xpaths in (
            (
                "sgz.approval.mixin",
                ("//button[@name='action_sgz_approve']", "//field[@name='sgz_review_ids']"),
            ),
            ("sgz.filing.mixin", ("//button[@name='action_sgz_open_filings']",)),
        ):
            for model in registry.descendants([mixin], "_inherit"):
                if self.env[model]._abstract or self.env[model]._transient:
                    continue
                arch = etree.fromstring(self.env[model].get_view(view_type="form")["arch"])
                for xpath in xpaths:
                    self.assertEqual(len(arch.xpath(xpath)), 1, f"{model}: {xpath}")
