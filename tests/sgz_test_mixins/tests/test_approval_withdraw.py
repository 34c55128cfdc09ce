from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MixinCase


@tagged("post_install", "-at_install")
class TestWithdrawRequest(MixinCase):
    """Issue 20 §12: a submitted document can be withdrawn from approval by whoever may change it; the reviewers
    no longer see it, the document is unlocked where it waited."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tiers()

    def _requested(self):
        document = self._document(user=self.officer_a)
        document.with_user(self.officer_a).action_confirm()
        return document

    def test_withdraw_cancels_the_request_and_unlocks(self):
        document = self._requested()
        first = document.sgz_review_ids.sorted("sequence")[0]
        first.with_user(self.officer_a2).action_approve()  # an approved tier goes with the request
        document.with_user(self.officer_a).with_context(lang="zh_CN").action_sgz_withdraw()
        self.assertEqual(set(document.sgz_review_ids.mapped("state")), {"cancelled"})
        self.assertEqual(document.state, "draft")
        self.assertFalse(document.sgz_approval_status == "pending")
        self.assertFalse(
            self.env["sgz.approval.review"].with_user(self.approver_a).search([("can_review", "=", True)])
        )
        document.with_user(self.officer_a).write({"amount": 999})  # unlocked
        self.assertIn("撤回了审批申请", document.message_ids[0].body)
        # and asked again, a new request from the first tier
        document.with_user(self.officer_a).action_confirm()
        self.assertEqual(len(document.sgz_review_ids.filtered(lambda r: r.state == "pending")), 2)

    def test_nothing_to_withdraw(self):
        document = self._document(user=self.officer_a)
        with self.assertRaisesMsg(UserError, "没有可撤回的审批申请"):
            document.with_user(self.officer_a).with_context(lang="zh_CN").action_sgz_withdraw()

    def test_only_whoever_may_change_the_document(self):
        document = self._requested()
        with self.assertRaisesMsg(AccessError, "属于其他单位|不能"):
            document.with_user(self.officer_b).with_context(lang="zh_CN").action_sgz_withdraw()
        self.assertEqual(document.sgz_approval_status, "pending")

    def test_every_document_form_offers_it(self):
        registry = self.env.registry
        for model in registry.descendants(["sgz.approval.mixin"], "_inherit"):
            if self.env[model]._abstract or self.env[model]._transient:
                continue
            arch = etree.fromstring(self.env[model].get_view(view_type="form")["arch"])
            buttons = arch.xpath("//header/button[@name='action_sgz_withdraw']")
            self.assertEqual(len(buttons), 1, model)
            self.assertTrue(buttons[0].get("confirm"), model)
