from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestApprovalAtTheSameMoment(ConcurrencyCase):
    """Two approvers approving the last tier of the same tender at the same moment: exactly one approval,
    one publication; the other approver gets a sentence. Built on the demo data of 长沙县."""

    def test_two_approvers_one_publication(self):
        with self.committed() as env:
            county_user = env.ref("sgz_base.user_county_officer")
            approver = env.ref("sgz_base.user_county_approver")
            second = env["res.users"].create(
                {
                    "name": "周敏（长沙县民政局副局长）",
                    "login": "approver_concurrency",
                    "email": "approver2@sgz.example.com",
                    "company_id": approver.company_id.id,
                    "company_ids": [Command.set(approver.company_ids.ids)],
                    "groups_id": [Command.set([env.ref("sgz_base.sgz_base_group_county_approver").id])],
                }
            )
            demo = env.ref("sgz_procurement.tender_changsha_county_2026")
            tender = demo.copy({"name": "长沙县并发审批测试项目", "user_id": county_user.id})
            tender.with_user(county_user).action_publish()
            review = tender.sgz_review_ids.filtered(lambda r: r.state == "pending")
            self.assertEqual(len(review), 1)
            ids = {"tender": tender.id, "review": review.id, "approver": approver.id, "second": second.id}
        with self.two_envs(ids["approver"], ids["second"]) as (env_a, env_b):
            env_a["sgz.approval.review"].browse(ids["review"]).action_approve(comment="同意")
            with self.assertRaisesRegex(UserError, "another user|其他用户|另一用户"):
                env_b["sgz.approval.review"].browse(ids["review"]).action_approve(comment="同意")
        with self.committed(uid=ids["second"]) as env:
            tender = env["sgz.tender"].browse(ids["tender"])
            review = env["sgz.approval.review"].browse(ids["review"])
            self.assertEqual(tender.state, "published")
            self.assertEqual(review.reviewed_by_id.id, ids["approver"])
            with self.assertRaisesRegex(UserError, "already been decided|已"):
                review.action_approve()
            self.assertEqual(
                len(tender.message_ids.filtered(lambda m: "同意" in (m.body or ""))),
                1,
                "one approval in the chatter",
            )
