"""Issue 8, payroll points 1–10: one test per point, with the working written out.

Rates of the test scheme of 攸县 (tests/common.py): pension 16 % / 8 %, medical 8.7 % / 2 %, unemployment
0.7 % / 0.3 %, work injury 0.2 % / 0, base floor 3,000 (4,000 from July 2024), ceiling 20,000. Employee share
= 10.3 % of the base. Tax: 预扣率表一, 3 % up to a cumulative taxable income of 36,000.
"""

import datetime
import io
from decimal import Decimal

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..report.sgz_payroll_xlsx import bank_transfer
from .common import SgzHrCase, month


def d(value):
    return float(Decimal(value))


@tagged("post_install", "-at_install", "sgz_hr")
class TestPayrollLaw(SgzHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.li = cls._worker("李娜", body="43022319950315124")
        cls.contract_li = cls._contract(cls.li, 10000, "2023-06-01")

    def _payslip(self, run, worker):
        payslip = run.payslip_ids.filtered(lambda p: p.employee_id == worker and not p.is_adjustment)
        self.assertEqual(len(payslip), 1)
        return payslip

    def _deduction(self, worker, kind, standard, date_from, declared, date_to=False, **vals):
        return self.env["sgz.special.deduction"].create(
            {
                "company_id": self.provider_x.id,
                "employee_id": worker.id,
                "kind": kind,
                "standard_id": self.env.ref(f"sgz_hr.{standard}").id,
                "date_from": date_from,
                "date_to": date_to,
                "declared_date": declared,
                **vals,
            }
        )

    # 1 ------------------------------------------------------------------------------------------------------
    def test_1_declared_base_new_hire(self):
        """A new hire's base is the first full month's wage, performance pay included (工资总额):
        5,200 + 600 + 800 = 6,600 (not 5,800); employee share 528.00 + 132.00 + 19.80 = 679.80."""
        zhang = self._worker("张敏", body="43022319970301128")
        self._contract(zhang, 5200, "2024-03-01", sgz_allowance=600, sgz_performance_pay=800)
        payslip = self._payslip(self._run(month(2024, 3)), zhang)
        base = payslip.contribution_base_id
        self.assertEqual((base.year, base.amount, base.source), (2024, 6600, "new_hire"))
        self.assertEqual(payslip.contribution_base, 6600)
        self.assertEqual(self._line(payslip, "EE_PENSION"), -528)
        self.assertEqual(payslip.employee_insurance, d("679.80"))
        # the contribution year starts in the month the scheme says: from July, March belongs to 2023's year
        self.scheme_a.contribution_year_start_month = 7
        wang = self._worker("王芳", body="43022319980402126")
        self._contract(wang, 5000, "2024-03-01")
        run = self.env["sgz.payroll.run"].search([("company_id", "=", self.provider_x.id)])
        run.action_generate()
        run.action_compute()
        self.assertEqual(self._payslip(run, wang).contribution_base_id.year, 2023)

    def test_1_declared_base_from_last_year_and_corrected(self):
        """Last year's average monthly total wage over the full months paid: October 6,000, November 6,000,
        December 6,000 + 2,000 more performance pay = 8,000 → 20,000 / 3 = 6,666.67; pension 8 % = 533.33."""
        zhou = self._worker("周强", body="43022319900707135")
        self._contract(zhou, 5000, "2023-10-01", sgz_performance_pay=1000)
        self.contract_li.date_start = "2024-01-01"
        self._run(month(2023, 10), confirm=True)
        self._run(month(2023, 11), confirm=True)
        december = self._run(month(2023, 12))
        self._payslip(december, zhou).with_user(self.hr_x).performance_pay = 3000
        december.action_compute()
        december.action_confirm()
        january = self._payslip(self._run(month(2024, 1)), zhou)
        base = january.contribution_base_id
        self.assertEqual(
            (base.year, base.amount, base.source, base.months), (2024, d("6666.67"), "previous_year", 3)
        )
        self.assertEqual(self._line(january, "EE_PENSION"), d("-533.33"))
        # HR corrects it, giving the reason; without one it is refused
        with self.assertRaisesMsg(UserError, "Say why"):
            base.with_user(self.hr_x).with_context(lang="en_US").write({"amount": 7000})
        with self.assertRaisesMsg(UserError, "change only through the buttons"):
            base.with_user(self.hr_x).with_context(lang="en_US").write({"year": 2025})
        base.with_user(self.hr_x).write({"amount": 7000, "correction_reason": "含年终奖"})
        self.assertEqual(base.source, "corrected")
        january.run_id.action_compute()
        self.assertEqual(self._line(january, "EE_PENSION"), -560)  # 7,000 × 8 %

    # 2 ------------------------------------------------------------------------------------------------------
    def test_2_one_payslip_per_worker_and_month(self):
        """Hired on 1 June at 9,000 a month to 15 June and renewed from 16 June: one payslip, 9,000 × 15/30 twice
        = 9,000; insurance once on 9,000 (720 + 180 + 27 = 927); tax once, one month employed: (9,000 − 5,000 −
        927) × 3 % = 92.19; net 9,000 − 927 − 92.19 = 7,980.81."""
        wu = self._worker("吴迪", body="43022319920202111")
        first = self._contract(wu, 9000, "2024-06-01", "2024-06-15", state="close")
        second = self._contract(wu, 9000, "2024-06-16", "2025-06-15")
        run = self._run(month(2024, 6))
        payslip = self._payslip(run, wu)
        self.assertEqual(payslip.period_ids.contract_id, first | second)
        self.assertEqual(payslip.contract_id, second)
        self.assertEqual(payslip.gross, 9000)
        self.assertEqual(payslip.employee_insurance, 927)
        self.assertEqual(len(payslip.line_ids.filtered(lambda line: line.code == "EE_PENSION")), 1)
        self.assertEqual(payslip.tax, d("92.19"))
        self.assertEqual(payslip.net, d("7980.81"))

    # 3 ------------------------------------------------------------------------------------------------------
    def test_3_net_pay_never_negative(self):
        """A month of unpaid leave: gross 0, the worker's own share 400 + 100 + 15 = 515 on the 5,000 base is
        not paid from wages: net 0, 515 owed, recovered from February (5,000 − 515 − 515 = 3,970)."""
        sun = self._worker("孙悦", body="43022319930303142")
        self._contract(sun, 5000, "2024-01-01")
        january = self._run(month(2024, 1))
        payslip = self._payslip(january, sun)
        payslip.with_user(self.hr_x).unpaid_leave_deduction = 5000
        january.action_compute()
        self.assertEqual((payslip.gross, payslip.employee_insurance, payslip.net), (0, 515, 0))
        self.assertEqual(payslip.owed, 515)
        self.assertEqual(self._line(payslip, "OWED"), 515)
        self.assertGreaterEqual(
            min(payslip.line_ids.filtered(lambda line: line.code == "NET").mapped("amount")), 0
        )
        bank = january.with_context(lang="en_US")._sgz_export_rows()
        self.assertIn("孙悦", [row["name"] for row in bank])
        content = bank_transfer(self.env._, january._sgz_export_labels(), bank)
        rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
        self.assertNotIn("孙悦", [row[0] for row in rows])  # no zero line in the bank file
        january.action_confirm()
        february = self._payslip(self._run(month(2024, 2)), sun)
        self.assertEqual((february.carried_owed, february.recovered, february.owed), (515, 515, 0))
        self.assertEqual(self._line(february, "RECOVER"), -515)
        self.assertEqual(february.net, 3970)

    # 4 ------------------------------------------------------------------------------------------------------
    def test_4_adjustment_paid_and_taxed_in_its_month(self):
        """January: 10,000, tax 119.10. February's run pays February (tax 119.10 on 20,000 − 10,000 − 2,060 =
        7,940 → 238.20) and a January correction of +2,000 performance pay: 22,000 − 10,000 − 2,060 = 9,940 →
        298.20, so 60.00 withheld with it; it pays 2,000 − 60 = 1,940. March: 32,000 − 15,000 − 3,090 = 13,910
        → 417.30, minus what was withheld (119.10 + 119.10 + 60.00 = 298.20) = 119.10."""
        january = self._run(month(2024, 1), confirm=True)
        february = self._run(month(2024, 2))
        adjustment = self._adjust(self._payslip(january, self.li), february, performance_pay=2000)
        self.assertEqual((adjustment.paid_gross, adjustment.tax, adjustment.net), (2000, 60, 1940))
        rows = february.with_context(lang="en_US")._sgz_export_rows()
        self.assertEqual(len(rows), 2)  # February and the correction of January, both in the run's exports
        correction = next(row for row in rows if row["is_adjustment"])
        self.assertEqual(correction["lines"]["GROSS"], 2000)
        self.assertEqual(correction["lines"]["NET"], 1940)
        february.action_confirm()
        march = self._payslip(self._run(month(2024, 3)), self.li)
        self.assertEqual(march.cumulative_income, 32000)
        self.assertEqual(march.cumulative_tax, d("417.30"))
        self.assertEqual(march.tax, d("119.10"))

    # 5 ------------------------------------------------------------------------------------------------------
    def test_5_part_month(self):
        """Joins on 31 May 2024 (a Friday): calendar days 6,200 × 1/31 = 200.00 and performance pay 620 × 1/31 =
        20.00 (not 620); entered by HR, 300 is taken as it is. With 21.75 paid days a month (劳社部发〔2008〕3号):
        6,200 × 1/21.75 = 285.06 and 620 × 1/21.75 = 28.51."""
        he = self._worker("何平", body="43022319940404149")
        self._contract(he, 6200, "2024-05-31", sgz_performance_pay=620)
        run = self._run(month(2024, 5))
        payslip = self._payslip(run, he)
        self.assertEqual((payslip.worked_days, payslip.calendar_days), (1, 31))
        self.assertEqual((payslip.base_wage, payslip.performance_pay), (200, 20))
        payslip.with_user(self.hr_x).performance_pay = 300
        run.action_compute()
        self.assertEqual(payslip.performance_pay, 300)
        self.assertEqual(payslip.gross, 500)
        self.scheme_a.proration_method = "paid_days"
        lu = self._worker("陆遥", body="43022319940405146")
        self._contract(lu, 6200, "2024-05-31", sgz_performance_pay=620)
        run.action_generate()
        run.action_compute()
        self.assertEqual(
            (self._payslip(run, lu).base_wage, self._payslip(run, lu).performance_pay),
            (d("285.06"), d("28.51")),
        )
        self.assertEqual(payslip.performance_pay, 300)  # entered: not prorated

    # 6 ------------------------------------------------------------------------------------------------------
    def test_6_no_silent_gap(self):
        self._run(month(2024, 1), confirm=True)
        february = self._run(month(2024, 2))
        with self.assertRaisesMsg(UserError, "李娜.*2024-02"):
            self._run(month(2024, 3), env=self.env(context={"lang": "en_US"}))
        february.unlink()  # no run at all for February: refused the same way
        with self.assertRaisesMsg(UserError, "李娜.*2024-02"):
            self._run(month(2024, 3), env=self.env(context={"lang": "en_US"}))

    # 7 ------------------------------------------------------------------------------------------------------
    def test_7_special_deductions(self):
        # shared elderly support: at most 1,500 a month
        shared = self._deduction(
            self.li, "elderly_support", "sad_elderly_support_2023", "2024-01-01", "2024-01-01", shared=True
        )
        self.assertEqual(shared.monthly_amount, 1500)
        with self.assertRaisesMsg(ValidationError, "above the standard of 1500.00"):
            shared.with_context(lang="en_US").monthly_amount = 2000
        shared.unlink()
        # housing loan interest and rent never for the same months
        self._deduction(
            self.li, "mortgage_interest", "sad_mortgage_interest_2019", "2024-01-01", "2024-01-01"
        )
        with self.assertRaisesMsg(ValidationError, "same months"):
            self._deduction(self.li, "housing_rent", "sad_housing_rent_2_2019", "2024-06-01", "2024-06-01")

    def test_7_certificate_and_late_declaration(self):
        """January and February confirmed (tax 119.10 each, 238.20). In March the social worker certificate
        obtained on 20 March (3,600 once) and a rent of 1,100 for January–February declared on 10 March (caught
        up: 2,200): 30,000 − 15,000 − 3,090 − 3,600 − 2,200 = 6,110 → 183.30 < 238.20: no tax. April: no more
        deduction: 40,000 − 20,000 − 4,120 − 5,800 = 10,080 → 302.40 − 238.20 = 64.20."""
        self._run(month(2024, 1), confirm=True)
        self._run(month(2024, 2), confirm=True)
        self._deduction(
            self.li,
            "continuing_education",
            "sad_continuing_education_certificate_2019",
            "2024-03-20",
            "2024-03-25",
        )
        self._deduction(
            self.li, "housing_rent", "sad_housing_rent_2_2019", "2024-01-01", "2024-03-10", "2024-02-29"
        )
        march = self._payslip(self._run(month(2024, 3), confirm=True), self.li)
        self.assertEqual(self._line(march, "SAD_CONTINUING_EDUCATION"), 3600)
        self.assertEqual(self._line(march, "SAD_HOUSING_RENT"), 2200)
        self.assertEqual(march.cumulative_taxable, 6110)
        self.assertEqual(march.tax, 0)
        april = self._payslip(self._run(month(2024, 4)), self.li)
        self.assertEqual(april.special_deductions, 0)
        self.assertEqual(april.cumulative_taxable, 10080)
        self.assertEqual(april.tax, d("64.20"))

    # 8 ------------------------------------------------------------------------------------------------------
    def test_8_housing_fund_rate(self):
        qian = self._worker("钱程", body="43022319910101150")
        for rate in (3, 4.99, 12.5, 20):
            with self.assertRaisesMsg(ValidationError, "between 5 % and 12 %"):
                self._contract(qian, 5000, "2024-01-01", sgz_housing_fund_rate=rate).with_context(
                    lang="en_US"
                )
        for rate in (0, 5, 12):
            contract = self._contract(qian, 5000, "2024-01-01", state="draft", sgz_housing_fund_rate=rate)
            self.assertEqual(contract.sgz_housing_fund_rate, rate)
            contract.unlink()  # a draft: an open contract stays on record

    # 9 ------------------------------------------------------------------------------------------------------
    def test_9_minimum_wage_recheck(self):
        """攸县 in tier 2 (1,740 from 2022). A contract at 1,800; a new tier-2 standard of 1,900 from July 2024:
        the contract gets a to-do for provider HR, and the July run refuses the full month, naming the worker."""
        self.region_county_a.sgz_min_wage_tier = "2"
        zheng = self._worker("郑好", body="43022319950505158")
        contract = self._contract(zheng, 1800, "2024-01-01", hr_responsible_id=self.hr_x.id)
        self.env["sgz.minimum.wage"].create(
            {
                "region_id": self.env.ref("sgz_base.region_430000").id,
                "tier": "2",
                "amount": 1900,
                "date_from": "2024-07-01",
            }
        )
        activity = contract.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.hr_x)
        self.assertEqual(activity.date_deadline, datetime.date(2024, 7, 1))
        self.assertFalse(self.contract_li.activity_ids)  # 10,000: not below
        self._run(month(2024, 6), confirm=True)  # June: the old standard
        with self.assertRaisesMsg(UserError, "郑好.*below the minimum monthly wage"):
            self._run(month(2024, 7), env=self.env(context={"lang": "en_US"}))

    # 10 -----------------------------------------------------------------------------------------------------
    def test_10_tax_month_is_the_payment_month(self):
        """Wages paid the following month: December 2024 paid on 10 January 2025 are January 2025's income —
        first month of the tax year: (10,000 − 5,000 − 1,030) × 3 % = 119.10, cumulative income 10,000; January
        2025's wages, paid in February, add up with them: 20,000 − 10,000 − 2,060 = 7,940 → 238.20 − 119.10."""
        self.provider_x.write({"sgz_pay_next_month": True, "sgz_pay_day": 10})
        december = self._run(month(2024, 12))
        self.assertEqual(december.payment_date, datetime.date(2025, 1, 10))
        payslip = self._payslip(december, self.li)
        self.assertEqual(payslip.tax_month, datetime.date(2025, 1, 1))
        self.assertEqual(
            (payslip.ytd_months, payslip.cumulative_income, payslip.tax), (1, 10000, d("119.10"))
        )
        december.action_confirm()
        january = self._payslip(self._run(month(2025, 1)), self.li)
        self.assertEqual(january.tax_month, datetime.date(2025, 2, 1))
        self.assertEqual((january.ytd_months, january.cumulative_income), (2, 20000))
        self.assertEqual(january.tax, d("119.10"))
        # paid in the same month as December after all: refused (one run per tax month and employer), nothing moves
        run = january.run_id
        with self.assertRaisesMsg(ValidationError, "already paid in 2025-01"):
            run.with_context(lang="en_US").payment_date = "2025-01-28"
        self.assertEqual(run.payment_date, datetime.date(2025, 2, 10))
        self.assertEqual(january.tax_month, datetime.date(2025, 2, 1))
        self.assertTrue(january.is_computed)
        # paid in a free month: the payslips move to the tax month of the new payment date
        march_run = self.env["sgz.payroll.run"].create(
            {"company_id": self.provider_x.id, "date_from": "2025-03-01"}
        )
        march_run.action_generate()
        march = self._payslip(march_run, self.li)
        self.assertEqual(march.tax_month, datetime.date(2025, 4, 1))
        march_run.payment_date = "2025-03-31"
        self.assertEqual(march.tax_month, datetime.date(2025, 3, 1))
