from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SgzHrCase, month


@tagged("post_install", "-at_install", "sgz_hr")
class TestAccess(SgzHrCase):
    """One user per role: provider HR, provider manager, county officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker_x = cls._worker("李娜", body="43022319950315124")
        cls.contract_x = cls._contract(cls.worker_x, 8000, "2024-01-01")
        cls.worker_y = cls._worker("王强", body="43022419960620222", station=cls.station_b1)
        cls.contract_y = cls._contract(cls.worker_y, 7000, "2024-01-01")
        cls._scheme(cls.region_county_b, "2024-01-01", False, floor=3000, ceiling=20000)
        cls.run_x = cls._run(month(2024, 1))
        cls.run_y = cls._run(month(2024, 1), company=cls.provider_y)
        cls.payslip_x = cls.run_x.payslip_ids
        cls.payslip_y = cls.run_y.payslip_ids

    def test_provider_hr_runs_own_payroll_only(self):
        Payslip = self.env["sgz.payslip"].with_user(self.hr_x)
        self.assertEqual(Payslip.search([]), self.payslip_x)
        with self.assertRaises(AccessError):
            self.payslip_y.with_user(self.hr_x).read(["net"])
        with self.assertRaises(AccessError):
            self.run_y.with_user(self.hr_x).action_compute()
        with self.assertRaises(AccessError):
            self.env["sgz.payslip.line"].browse(self.payslip_y.line_ids.ids).with_user(self.hr_x).read(
                ["amount"]
            )
        # provider HR runs its own month end to end
        run = self.env["sgz.payroll.run"].with_user(self.hr_x).create({"date_from": month(2024, 2)})
        self.assertEqual(run.company_id, self.provider_x)
        run.action_generate()
        run.action_compute()
        run.action_confirm()
        self.assertEqual(run.state, "confirmed")
        self.assertEqual(run.payslip_ids.employee_id, self.worker_x)
        # workers and contracts of the other provider stay hidden
        self.assertFalse(self.env["hr.employee"].with_user(self.hr_x).search([("id", "=", self.worker_y.id)]))
        with self.assertRaises(AccessError):
            self.contract_y.with_user(self.hr_x).read(["wage"])
        # nor can HR change the insurance schemes
        with self.assertRaises(AccessError):
            self.scheme_a.with_user(self.hr_x).write({"name": "x"})

    def test_provider_manager(self):
        self.assertEqual(self.env["sgz.payslip"].with_user(self.manager_x).search([]), self.payslip_x)
        self.assertFalse(
            self.env["sgz.payslip"].with_user(self.manager_y).search([("id", "=", self.payslip_x.id)])
        )
        self.run_x.with_user(self.manager_x).action_confirm()
        self.assertEqual(self.run_x.state, "confirmed")

    def test_county_officer_reads_workers_not_payslips(self):
        officer = self.officer_a
        workers = self.env["hr.employee"].with_user(officer).search([("sgz_is_worker", "=", True)])
        self.assertIn(self.worker_x, workers)
        self.assertNotIn(self.worker_y, workers)
        self.assertEqual(
            self.worker_x.with_user(officer).read(["sgz_station_id"])[0]["sgz_station_id"][0],
            self.station_a1.id,
        )
        self.assertEqual(self.contract_x.with_user(officer).read(["wage"])[0]["wage"], 8000)
        with self.assertRaises(AccessError):
            self.worker_x.with_user(officer).write({"sgz_major": "社会工作"})
        with self.assertRaises(AccessError):
            self.worker_y.with_user(officer).read(["name"])
        with self.assertRaises(AccessError):
            self.env["sgz.payslip"].with_user(officer).search([])
        with self.assertRaises(AccessError):
            self.payslip_x.with_user(officer).read(["net"])
        with self.assertRaises(AccessError):
            self.env["sgz.payroll.run"].with_user(officer).search([])
        # the city above reads the workers of its counties' stations too
        self.assertIn(self.worker_y, self.env["hr.employee"].with_user(self.city_officer).search([]))
