from odoo.tests import tagged

from .common import MixinCase


@tagged("post_install", "-at_install")
class TestApprovalsInTheTopBar(MixinCase):
    """Issue 20 §4: the approvals waiting for a user are counted where the user works — the activities' clock
    of the top bar, in every app — and open the user's To Approve list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._tiers()

    def _group(self, user):
        groups = self.env["res.users"].with_user(user).with_context(lang="zh_CN")._get_activity_groups()
        return next((group for group in groups if group.get("type") == "sgz_approval"), None)

    def test_waiting_approvals_counted_for_whom_decides(self):
        self.assertIsNone(self._group(self.officer_a2))
        for _n in range(2):
            self._document(user=self.officer_a).with_user(self.officer_a).action_confirm()
        # the first tier is the county officers': officer_a2 decides, the requester does not
        group = self._group(self.officer_a2)
        self.assertEqual(group["total_count"], 2)
        self.assertEqual(group["model"], "sgz.approval.review")
        self.assertEqual(group["name"], "待审批")
        self.assertIsNone(self._group(self.officer_a))
        # the approver holds the officers' rights too (its group implies theirs): it may decide the first tier
        self.assertEqual(self._group(self.approver_a)["total_count"], 2)
        review = (
            self.env["sgz.approval.review"].with_user(self.officer_a2).search([("can_review", "=", True)])[0]
        )
        review.action_approve()
        # officer_a2 has one left; the approver has the other document's first tier and the decided one's second
        self.assertEqual(self._group(self.officer_a2)["total_count"], 1)
        self.assertEqual(self._group(self.approver_a)["total_count"], 2)
        # another county's officer sees none of them
        self.assertIsNone(self._group(self.officer_b))
