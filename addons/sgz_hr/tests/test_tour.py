from odoo.tests import HttpCase, tagged

from odoo.addons.sgz_base.tests.common import tour_user

from .common import SgzHrCase


@tagged("post_install", "-at_install", "sgz_tour")
class TestPayrollTour(HttpCase, SgzHrCase):
    def test_provider_hr_runs_the_month(self):
        worker = self._worker("李娜", body="43022319950315124")
        self._contract(worker, 6000, "2024-01-01")
        tour_user(self.env, "tour_hr", "provider_hr", self.provider_x)
        self.start_tour("/odoo", "sgz_hr_payroll_tour", login="tour_hr", timeout=180)
        run = self.env["sgz.payroll.run"].search([("company_id", "=", self.provider_x.id)])
        self.assertEqual(run.state, "confirmed")
        self.assertEqual(run.payslip_ids.employee_id, worker)
        self.assertEqual(run.payslip_ids.state, "confirmed")
        self.assertTrue(run.payslip_ids.net > 0)
