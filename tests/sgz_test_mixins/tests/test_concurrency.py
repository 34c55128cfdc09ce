from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestSameMoment(ConcurrencyCase):
    """Two users confirming one document at the same moment: one succeeds, the other gets a sentence."""

    def test_confirm_twice(self):
        with self.committed() as env:
            admin = env.ref("base.user_admin")
            document = env["sgz.test.document"].create(
                {"name": "并发测试", "company_id": admin.company_id.id}
            )
            doc_id, admin_id = document.id, admin.id
        self.cleanup_sql("DELETE FROM sgz_test_document WHERE id = %s", [doc_id])
        with self.two_envs(admin_id, admin_id) as (env_a, env_b):
            env_a["sgz.test.document"].browse(doc_id).action_confirm()  # holds the lock until it commits
            with self.assertRaisesRegex(UserError, "another user|其他用户|另一用户"):
                env_b["sgz.test.document"].browse(doc_id).action_confirm()
        with self.committed(uid=admin_id) as env:
            document = env["sgz.test.document"].browse(doc_id)
            self.assertEqual(document.state, "confirmed")
            with self.assertRaisesRegex(UserError, "draft|草稿"):
                document.action_confirm()  # the late one, once the first has committed
