"""Opening balances (本年期初累计数): a provider whose payroll starts here in the middle of a year continues the
cumulative withholding of the months it paid elsewhere (国家税务总局公告2018年第61号, 累计预扣法).

Test scheme of 攸县 (tests/common.py): employee share 10.3 % of the base. Tax: 预扣率表一 — 3 % up to 36,000,
10 % (quick deduction 2,520) up to 144,000.
"""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SgzHrCase, month


@tagged("post_install", "-at_install", "sgz_hr")
class TestPayrollOpening(SgzHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.li = cls._worker("李娜", body="43022319950315124")
        cls.contract_li = cls._contract(cls.li, 10000, "2024-01-01")

    def _opening(self, user=None, **vals):
        values = {
            "employee_id": self.li.id,
            "year": 2024,
            "last_month": 6,
            "months_employed": 6,
            # January–June paid in the former system, a 40,000 bonus in March included
            "gross": 100000,
            "contributions": 6180,  # 6 × 10.3 % × 10,000
            # cumulative taxable 100,000 − 6,180 − 6 × 5,000 = 63,820: 10 % − 2,520 = 3,862.00
            "tax_withheld": 3862,
            "note": "原工资系统",
            **vals,
        }
        return self.env["sgz.payroll.opening"].with_user(user or self.hr_x).create(values)

    def _payslip(self, run):
        payslip = run.payslip_ids.filtered(lambda p: p.employee_id == self.li)
        self.assertEqual(len(payslip), 1)
        return payslip

    def test_july_continues_the_year(self):
        opening = self._opening()
        opening.with_user(self.hr_x).action_confirm()
        self.assertEqual(opening.state, "confirmed")
        july = self._payslip(self._run(month(2024, 7)))
        # July: insurance 10.3 % × 10,000 = 1,030.00; cumulative income 110,000, cumulative deductions
        # 7 × 5,000 + 6,180 + 1,030 = 42,210, taxable 67,790: 10 % − 2,520 = 4,259.00, minus 3,862.00 withheld
        # = 397.00 (without the opening, July would be taxed as the first month: 3 % × 3,970 = 119.10)
        self.assertEqual(july.employee_insurance, 1030)
        self.assertEqual(july.ytd_months, 7)
        self.assertEqual(july.tax, 397)
        self.assertEqual(july.net, 10000 - 1030 - 397)

    def test_draft_opening_is_not_used(self):
        """Without a confirmed opening, July has no income before it here, while the worker has been employed
        here since January: 7 months of basic deduction (公告2018年第61号: months employed, not months paid),
        10,000 − 35,000 − 1,030 < 0 → no tax; the run names the worker whose earlier months are missing."""
        self._opening()
        run = self._run(month(2024, 7))
        july = self._payslip(run)
        self.assertEqual((july.ytd_months, july.cumulative_income), (7, 10000))
        self.assertEqual(july.tax, 0)
        self.assertEqual(run.sgz_history_warning, "李娜")

    def test_covered_month_refused(self):
        self._opening().with_user(self.hr_x).action_confirm()
        with self.assertRaisesMsg(UserError, "李娜.*2024-06"):
            self._run(month(2024, 6), env=self.env(context={"lang": "en_US"}))

    def test_opening_over_confirmed_payslips_refused(self):
        self._run(month(2024, 1), confirm=True)
        opening = self._opening()
        with self.assertRaisesMsg(UserError, "李娜"):
            opening.with_user(self.hr_x).action_confirm()
        self.assertEqual(opening.state, "draft")

    def test_bad_input(self):
        cases = [
            ({"last_month": 12}, "12"),
            ({"last_month": 0}, "0"),
            ({"months_employed": 0}, "李娜"),
            ({"months_employed": 7}, "李娜"),
            ({"gross": -1}, "李娜"),
            ({"tax_withheld": 200000}, "李娜"),
            ({"year": 24}, "24"),
        ]
        for vals, pattern in cases:
            with self.subTest(vals=vals), self.assertRaisesMsg(ValidationError, pattern):
                self._opening(**vals)
        self._opening()
        with self.assertConstraintMsg("."):
            self._opening()

    def test_locked_once_confirmed(self):
        opening = self._opening()
        # the state is written only by the actions
        with self.assertRaisesMsg(UserError, "change only through the buttons"):
            opening.with_user(self.hr_x).with_context(lang="en_US").write({"state": "confirmed"})
        opening.with_user(self.hr_x).action_confirm()
        other = self._worker("王强", body="43022419960620222")
        for vals in ({"tax_withheld": 0}, {"gross": 1}, {"last_month": 3}, {"employee_id": other.id}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesMsg(UserError, "is locked|were set when it was created"),
            ):
                opening.with_user(self.hr_x).with_context(lang="en_US").write(vals)
        with self.assertRaisesMsg(UserError, "stays on record"):
            opening.with_user(self.hr_x).with_context(lang="en_US").unlink()
        self.assertEqual(opening.tax_withheld, 3862)
        # back to draft while no later month is confirmed; refused once July is
        opening.with_user(self.hr_x).action_draft()
        opening.with_user(self.hr_x).action_confirm()
        self._run(month(2024, 7), confirm=True)
        with self.assertRaisesMsg(UserError, "李娜"):
            opening.with_user(self.hr_x).action_draft()
        self.assertEqual(opening.state, "confirmed")

    def test_other_provider(self):
        opening = self._opening()
        with self.assertRaisesMsg(AccessError, "您不能打开此本年期初累计数：它属于其他单位"):
            opening.with_user(self.hr_y).read(["tax_withheld"])
        with self.assertRaisesMsg(AccessError, "您不能修改此本年期初累计数：它属于其他单位"):
            opening.with_user(self.hr_y).action_confirm()
        # provider Y's HR cannot enter figures for provider X's worker
        with self.assertRaisesMsg(UserError, "Worker must belong to the organization of the record"):
            self._opening(user=self.hr_y, company_id=self.provider_y.id, year=2023)

    def test_specials_of_covered_months_not_deducted_again(self):
        """Elderly support (3,000 a month) since January, declared to this employer on 5 July: January–June
        are in the opening (6 × 3,000 = 18,000; tax withheld: 100,000 − 6,180 − 30,000 − 18,000 = 45,820 →
        10 % − 2,520 = 2,062.00), so July deducts its own month only: 110,000 − 7,210 − 35,000 − 21,000 =
        46,790 → 4,679.00 − 2,520 = 2,159.00, minus 2,062.00 = 97.00 (catching up seven months would give 0)."""
        self.env["sgz.special.deduction"].create(
            {
                "company_id": self.provider_x.id,
                "employee_id": self.li.id,
                "kind": "elderly_support",
                "standard_id": self.env.ref("sgz_hr.sad_elderly_support_2023").id,
                "date_from": "2024-01-01",
                "declared_date": "2024-07-05",
            }
        )
        self._opening(special_elderly_support=18000, tax_withheld=2062).with_user(self.hr_x).action_confirm()
        july = self._payslip(self._run(month(2024, 7)))
        self.assertEqual(july.special_deductions, 3000)
        self.assertEqual(july.tax, 97)

    def test_draft_payslips_computed_again(self):
        # without the opening: 7 months employed here, 10,000 − 35,000 − 1,030 < 0 → nothing withheld
        run = self._run(month(2024, 7))
        self.assertEqual(self._payslip(run).tax, 0)
        opening = self._opening()
        opening.with_user(self.hr_x).action_confirm()
        self.assertFalse(self._payslip(run).is_computed)
        with self.assertRaisesMsg(UserError, "李娜"):
            run.action_confirm()
        run.action_compute()
        self.assertEqual(self._payslip(run).tax, 397)

    def test_confirm_refusals(self):
        # July already confirmed without the opening: adjustments correct it, not an opening after the fact
        self._run(month(2024, 7), confirm=True)
        opening = self._opening()
        with self.assertRaisesMsg(UserError, "李娜"):
            opening.with_user(self.hr_x).action_confirm()
        self.assertEqual(opening.state, "draft")

    def test_months_at_this_employer_only(self):
        # under contract here from April: April–June are 3 months, not 6 (January–March were another employer's)
        wang = self._worker("王强", body="43022419960620222")
        self._contract(wang, 8000, "2024-04-01")
        opening = self._opening(employee_id=wang.id, gross=60000, tax_withheld=500)
        with self.assertRaisesMsg(UserError, "王强"):
            opening.with_user(self.hr_x).action_confirm()
        opening.with_user(self.hr_x).write({"months_employed": 3})
        opening.with_user(self.hr_x).action_confirm()
        self.assertEqual(opening.state, "confirmed")

    def test_not_for_own_pay(self):
        self.li.user_id = self.hr_x
        opening = self._opening()
        with self.assertRaisesMsg(UserError, "李娜"):
            opening.with_user(self.hr_x).action_confirm()
        self.assertEqual(opening.state, "draft")

    def test_full_year_deduction_counts_the_opening(self):
        """公告2020年第19号: 2024 paid here in every month (January–June in the opening, July–December in this
        database), 12 × 5,000 = 60,000 ≤ 60,000 in all: January 2025 takes the 60,000 from January. Without the
        opening only six months would be known, and the rule would not apply."""
        wang = self._worker("王强", body="43022419960620222")
        self._contract(wang, 5000, "2024-01-01")
        self._opening(employee_id=wang.id, gross=30000, contributions=3090, tax_withheld=0).with_user(
            self.hr_x
        ).action_confirm()
        self._opening(gross=60000, tax_withheld=0).with_user(self.hr_x).action_confirm()
        for number in range(7, 13):
            self._run(month(2024, number), confirm=True)
        january = self._run(month(2025, 1))
        payslip = january.payslip_ids.filtered(lambda p: p.employee_id == wang)
        self.assertTrue(payslip.full_year_deduction)
        # 李娜 earned 10,000 a month: 120,000 in 2024, above 60,000
        self.assertFalse(self._payslip(january).full_year_deduction)

    def test_run_warns_of_missing_history(self):
        """The go-live case the gap check cannot see (no confirmed run here yet): 李娜, under contract since
        January, first paid here in July; the run names her until her opening balance is confirmed."""
        january = self._run(month(2024, 1))
        self.assertFalse(january.sgz_history_warning)  # nothing earlier in the year
        january.unlink()  # a draft January would stop July (the gap check refuses it)
        july = self._run(month(2024, 7))
        self.assertEqual(july.sgz_history_warning, "李娜")
        self._opening().with_user(self.hr_x).action_confirm()
        july.invalidate_recordset(["sgz_history_warning"])
        self.assertFalse(july.sgz_history_warning)
        # the form shows it to provider HR
        arch = july.with_user(self.hr_x).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("sgz_history_warning", arch)
