from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.concurrency import ConcurrencyCase


@tagged("post_install", "-at_install", "sgz_hr")
class TestConfirmAtTheSameMoment(ConcurrencyCase):
    """Two provider HR users confirm the same payroll run at the same moment: one succeeds, the other gets a
    sentence, and nothing is confirmed twice (issue 7, point 7)."""

    def test_confirm_twice(self):
        with self.committed() as env:
            provider = env.ref("sgz_base.company_provider_xingsha", raise_if_not_found=False)
            if not provider:
                self.skipTest("no demo data")
            users = env["res.users"].create(
                [
                    {
                        "name": f"并发人事{index}",
                        "login": f"sgz_concurrent_hr_{index}",
                        "email": f"sgz_concurrent_hr_{index}@sgz.example.com",
                        "company_id": provider.id,
                        "company_ids": [(6, 0, provider.ids)],
                        "groups_id": [(6, 0, env.ref("sgz_base.sgz_base_group_provider_hr").ids)],
                    }
                    for index in (1, 2)
                ]
            )
            run = env["sgz.payroll.run"].create({"company_id": provider.id, "date_from": "2027-01-01"})
            run.action_generate()
            run.action_compute()
            run_id = run.id
            payslip_count = len(run.payslip_ids)
        self.cleanup_sql("UPDATE res_users SET active = FALSE WHERE id = ANY(%s)", [users.ids])
        self.cleanup_sql("DELETE FROM sgz_payroll_run WHERE id = %s", [run_id])
        # (cleanups run last first) the chatter of the run and its payslips goes before them
        self.cleanup_sql(
            "DELETE FROM mail_message WHERE (model = 'sgz.payroll.run' AND res_id = %s) OR (model = 'sgz.payslip' "
            "AND res_id IN (SELECT id FROM sgz_payslip WHERE run_id = %s))",
            [run_id, run_id],
        )
        self.cleanup_sql(
            "DELETE FROM sgz_contribution_base WHERE company_id = %s AND year = 2027", [provider.id]
        )
        self.assertTrue(payslip_count)
        with self.two_envs(users[0].id, users[1].id) as (env_a, env_b):
            env_a["sgz.payroll.run"].browse(run_id).action_confirm()
            with self.assertRaises(UserError) as caught:
                env_b["sgz.payroll.run"].browse(run_id).action_confirm()
            self.assertRegex(str(caught.exception), "another user|其他用户")
        with self.committed() as env:
            run = env["sgz.payroll.run"].browse(run_id)
            self.assertEqual(run.state, "confirmed")
            self.assertEqual(run.confirmed_by_id, users[0])
            self.assertEqual(len(run.payslip_ids), payslip_count)
            self.assertEqual(set(run.payslip_ids.mapped("state")), {"confirmed"})
            confirmations = run.message_ids.filtered(lambda m: "已锁定" in (m.body or ""))
            self.assertEqual(len(confirmations), 1)
