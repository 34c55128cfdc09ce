from decimal import Decimal

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SgzHrCase, month


def d(value):
    """An amount as the ORM reads a monetary field (a float), from its exact decimal writing."""
    return float(Decimal(value))


@tagged("post_install", "-at_install", "sgz_hr")
class TestPayroll(SgzHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.li = cls._worker("李娜", body="43022319950315124")
        cls.wang = cls._worker("王强", body="43022319940808333", station=cls.station_a2)
        cls.contract_li = cls._contract(cls.li, 10000, "2023-06-01")

    def _payslip(self, run, worker):
        payslip = run.payslip_ids.filtered(lambda p: p.employee_id == worker)
        self.assertEqual(len(payslip), 1)
        return payslip

    def test_scheme_lookup_and_midyear_change(self):
        Scheme = self.env["sgz.insurance.scheme"]
        found = Scheme._sgz_lookup(
            {(self.region_county_a.id, month(2024, 6)), (self.region_county_a.id, month(2024, 7))}
        )
        self.assertEqual(found[self.region_county_a.id, month(2024, 6)].scheme, self.scheme_a)
        self.assertEqual(found[self.region_county_a.id, month(2024, 7)].scheme, self.scheme_a2)
        self.assertEqual(found[self.region_county_a.id, month(2024, 7)].lines, tuple(self.scheme_a2.line_ids))
        # a township below the county finds the county's scheme; county B has none before the demo one
        found = Scheme._sgz_lookup(
            {(self.township_a1.id, month(2024, 3)), (self.region_county_b.id, month(2024, 3))}
        )
        self.assertEqual(found[self.township_a1.id, month(2024, 3)].scheme, self.scheme_a)
        self.assertFalse(found[self.region_county_b.id, month(2024, 3)])
        with self.assertRaisesMsg(ValidationError, "overlap"):
            self._scheme(self.region_county_a, "2024-06-01", False, floor=3000, ceiling=20000, name="重叠")
        # the July run uses the new floor: 4,000 instead of 3,000 for a 3,500 wage
        low = self._worker("赵敏", body="43022319960620221")
        self._contract(low, 3500, "2024-01-01")
        june = self._run(month(2024, 6), confirm=True)
        july = self._run(month(2024, 7))
        self.assertEqual(self._payslip(june, low).contribution_base, 3500)
        self.assertEqual(self._payslip(july, low).contribution_base, 4000)
        self.assertEqual(self._payslip(july, low).scheme_id, self.scheme_a2)
        self.assertEqual(self._line(self._payslip(july, low), "EE_PENSION"), -320)  # 4,000 × 8 %

    def test_full_month_payslip(self):
        run = self._run(month(2024, 1))
        payslip = self._payslip(run, self.li)
        # 10,000: pension 800, medical 200, unemployment 30 → 1,030; taxable 10,000 − 5,000 − 1,030 = 3,970;
        # 3 % → 119.10; net 10,000 − 1,030 − 119.10 = 8,850.90; employer 1,600 + 870 + 70 + 20 = 2,560
        self.assertEqual(payslip.gross, 10000)
        self.assertEqual(payslip.employee_insurance, 1030)
        self.assertEqual(payslip.tax, d("119.10"))
        self.assertEqual(payslip.net, d("8850.90"))
        self.assertEqual(payslip.employer_insurance, 2560)
        self.assertEqual(payslip.employer_cost, 12560)
        self.assertEqual(self._line(payslip, "EE_MEDICAL"), -200)
        self.assertEqual(self._line(payslip, "ER_INJURY"), 20)
        self.assertEqual(self._line(payslip, "NET"), d("8850.90"))
        self.assertEqual(payslip.ytd_months, 1)

    def test_contribution_base_clamped(self):
        high = self._worker("钱多", body="43022319900101451")
        self._contract(high, 25000, "2024-01-01")
        run = self._run(month(2024, 1))
        payslip = self._payslip(run, high)
        self.assertEqual(payslip.contribution_base, 20000)  # ceiling
        self.assertEqual(self._line(payslip, "EE_PENSION"), -1600)

    def test_pro_rata_joiner(self):
        self._contract(self.wang, 6000, "2024-03-16", sgz_allowance=600)
        run = self._run(month(2024, 3))
        payslip = self._payslip(run, self.wang)
        self.assertEqual((payslip.worked_days, payslip.calendar_days), (16, 31))
        # 6,000 × 16 / 31 = 3,096.77; 600 × 16 / 31 = 309.68; insurance on the full-month 6,600:
        # 528 + 132 + 19.80 = 679.80; taxable < 0 → no tax; net 3,406.45 − 679.80 = 2,726.65
        self.assertEqual(self._line(payslip, "BASIC"), d("3096.77"))
        self.assertEqual(self._line(payslip, "ALW"), d("309.68"))
        self.assertEqual(payslip.gross, d("3406.45"))
        self.assertEqual(payslip.employee_insurance, d("679.80"))
        self.assertEqual(payslip.tax, 0)
        self.assertEqual(payslip.net, d("2726.65"))
        # the leaver side: a contract ending on 10 March gives 10 days
        leaver = self._worker("孙丽", body="43022319830102466")
        self._contract(leaver, 3100, "2023-01-01", "2024-03-10", state="close")
        run.action_generate()
        run.action_compute()
        self.assertEqual(self._payslip(run, leaver).worked_days, 10)
        self.assertEqual(self._line(self._payslip(run, leaver), "BASIC"), d("1000.00"))

    def test_cumulative_withholding_over_months(self):
        self._run(month(2024, 1), confirm=True)
        self._run(month(2024, 2), confirm=True)
        march = self._run(month(2024, 3))
        payslip = self._payslip(march, self.li)
        self.assertEqual(payslip.ytd_months, 3)
        self.assertEqual(payslip.cumulative_income, 30000)
        self.assertEqual(payslip.cumulative_taxable, d("11910.00"))  # 3 × 3,970
        self.assertEqual(payslip.cumulative_tax, d("357.30"))
        self.assertEqual(payslip.tax, d("119.10"))

    def test_catch_up_month_with_negative_tax(self):
        self._run(month(2024, 1), confirm=True)
        self._run(month(2024, 2), confirm=True)
        self.env["sgz.special.deduction"].create(
            {
                "company_id": self.provider_x.id,
                "employee_id": self.li.id,
                "kind": "child_education",
                "standard_id": self.env.ref("sgz_hr.sad_child_education_2023").id,
                "date_from": "2024-01-01",
                "declared_date": "2024-03-10",
            }
        )
        march = self._run(month(2024, 3), confirm=True)
        payslip = self._payslip(march, self.li)
        # January to March caught up: 6,000; cumulative taxable 30,000 − 15,000 − 3,090 − 6,000 = 5,910;
        # cumulative tax 177.30 < 238.20 already withheld: nothing this month (never negative)
        self.assertEqual(payslip.special_deductions, 6000)
        self.assertEqual(self._line(payslip, "SAD_CHILD_EDUCATION"), 6000)
        self.assertEqual(payslip.cumulative_tax, d("177.30"))
        self.assertEqual(payslip.tax, 0)
        april = self._payslip(self._run(month(2024, 4)), self.li)
        self.assertEqual(april.special_deductions, 2000)
        # 40,000 − 20,000 − 4,120 − 8,000 = 7,880 → 236.40; withheld 238.20 → still nothing
        self.assertEqual(april.tax, 0)

    def test_special_deduction_above_standard_refused(self):
        with self.assertRaisesMsg(ValidationError, "above the standard"):
            self.env["sgz.special.deduction"].create(
                {
                    "employee_id": self.li.id,
                    "company_id": self.provider_x.id,
                    "kind": "housing_rent",
                    "monthly_amount": 1600,
                    "date_from": "2024-01-01",
                }
            )

    def test_full_year_deduction_60000(self):
        # 2023: 萧红 paid 4,500 every month at this employer (54,000 ≤ 60,000) → 60,000 from January 2024;
        # 李娜 joined in June 2023 → not every month → the normal 5,000 a month.
        xiao = self._worker("萧红", body="43022319920505127")
        self._contract(xiao, 4500, "2022-01-01")
        for number in range(1, 13):
            self._run(month(2023, number), confirm=True)
        january = self._run(month(2024, 1))
        payslip = self._payslip(january, xiao)
        self.assertTrue(payslip.full_year_deduction)
        self.assertEqual(payslip.cumulative_deductions, 60000 + payslip.employee_insurance)
        self.assertEqual(payslip.tax, 0)
        li = self._payslip(january, self.li)
        self.assertFalse(li.full_year_deduction)
        self.assertEqual(li.tax, d("119.10"))
        # an explicit decision overrides: 李娜's history before this database qualifies her
        self.env["sgz.iit.full.year.deduction"].create(
            {"company_id": self.provider_x.id, "employee_id": self.li.id, "year": 2024, "apply": True}
        )
        january.action_compute()
        self.assertTrue(li.full_year_deduction)
        # 10,000 − 60,000 − 1,030 < 0
        self.assertEqual(li.tax, 0)

    def test_recompute_is_idempotent(self):
        run = self._run(month(2024, 1))
        before = [
            (p.employee_id.id, p.net, p.tax, sorted((line.code, line.amount) for line in p.line_ids))
            for p in run.payslip_ids
        ]
        line_count = self.env["sgz.payslip.line"].search_count([("payslip_id.run_id", "=", run.id)])
        run.action_generate()
        run.action_compute()
        run.action_compute()
        after = [
            (p.employee_id.id, p.net, p.tax, sorted((line.code, line.amount) for line in p.line_ids))
            for p in run.payslip_ids
        ]
        self.assertEqual(before, after)
        self.assertEqual(
            self.env["sgz.payslip.line"].search_count([("payslip_id.run_id", "=", run.id)]), line_count
        )

    def test_edit_draft_input_needs_recompute(self):
        run = self._run(month(2024, 1))
        payslip = self._payslip(run, self.li)
        payslip.performance_pay = 1000
        self.assertFalse(payslip.is_computed)
        with self.assertRaisesMsg(UserError, "not computed"):
            run.action_confirm()
        run.action_compute()
        self.assertEqual(payslip.gross, 11000)

    def test_confirm_locks(self):
        run = self._run(month(2024, 1), confirm=True)
        payslip = self._payslip(run, self.li)
        self.assertEqual((run.state, payslip.state), ("confirmed", "confirmed"))
        hr = self.hr_x
        # provider HR, as a client would call it, with the context key that used to lift the lock
        for context in ({}, {"sgz_payslip_system": True}):
            as_hr = payslip.with_user(hr).with_context(lang="en_US", **context)
            with self.assertRaisesMsg(UserError, "locked"):
                as_hr.write({"performance_pay": 500})
            with self.assertRaisesMsg(UserError, "change only through the buttons"):
                as_hr.write({"net": 77777})
            with self.assertRaisesMsg(UserError, "stays on record"):
                as_hr.unlink()
            with self.assertRaisesMsg(UserError, "stays on record"):
                run.with_user(hr).with_context(lang="en_US", **context).unlink()
            with self.assertRaisesMsg(UserError, "change only through the buttons"):
                run.with_user(hr).with_context(lang="en_US", **context).write({"state": "draft"})
        # evidence stays even for the administrator
        with self.assertRaisesMsg(UserError, "stays on record"):
            payslip.unlink()
        with self.assertRaisesMsg(UserError, "stays on record"):
            run.unlink()
        with self.assertRaisesMsg(UserError, "confirmed and locked"):
            run.with_user(hr).with_context(lang="en_US").action_compute()
        with self.assertRaisesMsg(UserError, "locked"):
            run.with_user(hr).with_context(lang="en_US").write({"date_from": month(2024, 2)})
        self.assertEqual(payslip.performance_pay, 0)
        self.assertEqual(payslip.net, d("8850.90"))

    def test_one_run_per_month(self):
        """A second run of a month, draft or confirmed, is refused by the database with a translated sentence."""
        self._run(month(2024, 1))
        for confirm in (False, True):
            if confirm:
                self.env["sgz.payroll.run"].search([("company_id", "=", self.provider_x.id)]).action_confirm()
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
                self.env["sgz.payroll.run"].with_user(self.hr_x).create({"date_from": "2024-01-15"})
                self.env.flush_all()
            error = _as_validation_error(self.env(context={"lang": "zh_CN"}), caught.exception)
            self.assertIn("每月只有一个工资核算", str(error))

    def test_confirm_without_scheme_names_the_worker(self):
        worker = self._worker("周杰", body="43022419960620222", station=self.station_b1)
        self._contract(worker, 5000, "2024-01-01")
        run = self._run(month(2024, 1), company=self.provider_y)
        payslip = self._payslip(run, worker)
        self.assertTrue(payslip.no_scheme)
        self.assertEqual(payslip.contribution_base, 0)
        with self.assertRaisesMsg(UserError, "周杰.*no contribution base.*茶陵县"):
            run.action_confirm()
        self.assertEqual(run.state, "draft")
        self.assertEqual(payslip.state, "draft")

    def test_adjustment_payslip(self):
        january = self._run(month(2024, 1), confirm=True)
        original = self._payslip(january, self.li)
        february = self._run(month(2024, 2))
        action = original.with_user(self.hr_x).action_create_adjustment()
        adjustment = self.env["sgz.payslip"].browse(action["res_id"])
        self.assertEqual(adjustment.origin_payslip_id, original)
        self.assertEqual(adjustment.run_id, february)  # paid with the payroll of February
        self.assertEqual(adjustment.date_from, month(2024, 1))
        self.assertTrue(adjustment.is_adjustment)
        adjustment.with_user(self.hr_x).write({"performance_pay": 2000, "adjustment_reason": "绩效工资补发"})
        adjustment.with_user(self.hr_x).action_compute()
        self.assertEqual(adjustment.gross, 12000)
        self.assertEqual(adjustment.paid_gross, 2000)
        # HR cannot confirm it: not by writing the state, not by confirming the run before approval
        with self.assertRaisesMsg(UserError, "needs approval|change only through the buttons"):
            adjustment.with_user(self.hr_x).with_context(lang="en_US").write({"state": "confirmed"})
        with self.assertRaisesMsg(UserError, "not approved"):
            february.with_user(self.hr_x).with_context(lang="en_US").action_confirm()
        adjustment.with_user(self.hr_x).action_request_confirmation()
        with self.assertRaisesMsg(UserError, "Only members of .*Provider Manager can decide this review"):
            adjustment.with_user(self.hr_x).with_context(lang="en_US").action_sgz_approve()  # not a manager
        adjustment.with_user(self.manager_x).action_sgz_approve()
        february.with_user(self.hr_x).action_confirm()
        self.assertEqual(original.state, "replaced")
        self.assertEqual(adjustment.state, "confirmed")
        self.assertEqual(original.gross, 10000)  # the original is kept as it was
        # March's cumulative income adds what was paid in January and February, adjustment included:
        # 10,000 (January) + 10,000 (February) + 2,000 (the adjustment, paid in February) + 10,000 (March)
        march = self._payslip(self._run(month(2024, 3)), self.li)
        self.assertEqual(march.cumulative_income, 32000)
        with self.assertRaisesMsg(UserError, "locked"):
            adjustment.with_user(self.hr_x).with_context(lang="en_US").write({"performance_pay": 0})

    def test_unpaid_leave_above_pay_refused(self):
        run = self._run(month(2024, 1))
        payslip = self._payslip(run, self.li)
        payslip.unpaid_leave_deduction = 20000
        with self.assertRaisesMsg(UserError, "李娜.*unpaid leave deduction 20000.00 exceeds"):
            run.with_context(lang="en_US").action_compute()
        # the engine's refusal reaches the user in Chinese
        with self.assertRaisesMsg(UserError, "李娜的工资单无法计算：无薪假扣款 20000.00 超过"):
            run.with_user(self.hr_x).with_context(lang="zh_CN").action_compute()

    def test_query_count_does_not_grow(self):
        """Generate, compute and confirm take the same number of queries for 1 worker and for 11."""

        def measured(day):
            run = self.env["sgz.payroll.run"].create({"company_id": self.provider_x.id, "date_from": day})
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            run.action_generate()
            run.action_compute()
            run.action_confirm()
            self.env.flush_all()
            return self.cr.sql_log_count - start

        self.contract_li.date_start = "2024-05-01"
        employee = self._worker("工人", body="43022319900101100")
        self._contract(employee, 5000, "2023-01-01", "2023-12-31")
        measured(month(2023, 4))  # warms the caches and declares the 2023 base
        one = measured(month(2023, 5))
        for index in range(10):
            employee = self._worker(f"工人{index}", body=f"430223199{index}0101{101 + index:03d}")
            self._contract(employee, 5000 + index, "2024-05-01", "2024-12-31")
        measured(month(2024, 5))  # declares the 2024 bases of the eleven
        eleven = measured(month(2024, 6))
        self.assertEqual(one, eleven)
