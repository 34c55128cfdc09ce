from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SgzHrCase


@tagged("post_install", "-at_install", "sgz_tour")
class TestPayrollTour(HttpCase, SgzHrCase):
    def test_provider_hr_runs_the_month(self):
        worker = self._worker("李娜", body="43022319950315124")
        self._contract(worker, 6000, "2024-01-01")
        new_test_user(
            self.env,
            login="tour_hr",
            password="tour_hr_pw",
            groups="sgz_base.sgz_base_group_provider_hr",
            company_id=self.provider_x.id,
            company_ids=[Command.set(self.provider_x.ids)],
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        self.start_tour("/odoo", "sgz_hr_payroll_tour", login="tour_hr", timeout=180)
        run = self.env["sgz.payroll.run"].search([("company_id", "=", self.provider_x.id)])
        self.assertEqual(run.state, "confirmed")
        self.assertEqual(run.payslip_ids.employee_id, worker)
        self.assertEqual(run.payslip_ids.state, "confirmed")
        self.assertTrue(run.payslip_ids.net > 0)
