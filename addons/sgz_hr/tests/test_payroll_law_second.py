"""Issue 16, payroll points 10–17: the law, second pass. One test per point, the working written out.

Test scheme of 攸县 (tests/common.py): pension 16 % / 8 %, medical 8.7 % / 2 %, unemployment 0.7 % / 0.3 %, work
injury 0.2 % / 0; base floor 3,000 (4,000 from July 2024), ceiling 20,000: the worker pays 10.3 % of the base.
Tax: 预扣率表一, 3 % up to a cumulative taxable income of 36,000.
"""

import datetime
import io
from decimal import Decimal

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..report.sgz_payroll_xlsx import IIT_WAGE_HEADERS, iit_wages
from .common import SgzHrCase, month


def d(value):
    return float(Decimal(value))


@tagged("post_install", "-at_install", "sgz_hr")
class TestPayrollLawSecond(SgzHrCase):
    def _payslip(self, run, worker):
        payslip = run.payslip_ids.filtered(lambda p: p.employee_id == worker and not p.is_adjustment)
        self.assertEqual(len(payslip), 1)
        return payslip

    def _child_education(self, worker, date_from, declared):
        return self.env["sgz.special.deduction"].create(
            {
                "company_id": worker.company_id.id,
                "employee_id": worker.id,
                "kind": "child_education",
                "standard_id": self.env.ref("sgz_hr.sad_child_education_2023").id,
                "date_from": date_from,
                "declared_date": declared,
            }
        )

    # 10 -----------------------------------------------------------------------------------------------------
    def test_10_midyear_hire_deducts_from_the_hire_month(self):
        """Hired on 1 July 2024 at 10,000, a child at school since September 2020 (2,000 a month from 2023,
        国发〔2023〕13号), declared in July. January to June were at a former employer (公告2018年第60号第六条):
        July deducts July only, 2,000 (not 7 × 2,000 = 14,000). Insurance 10.3 % × 10,000 = 1,030; months employed
        1; taxable 10,000 − 5,000 − 1,030 − 2,000 = 1,970; tax 3 % = 59.10. August: 2,000 more, cumulative
        20,000 − 10,000 − 2,060 − 4,000 = 3,940 → 118.20 − 59.10 = 59.10."""
        zhao = self._worker("赵新", body="43022319900101145", sgz_hire_date="2024-07-01")
        self._contract(zhao, 10000, "2024-07-01")
        self._child_education(zhao, "2020-09-01", "2024-07-03")
        july = self._payslip(self._run(month(2024, 7), confirm=True), zhao)
        self.assertEqual(self._line(july, "SAD_CHILD_EDUCATION"), 2000)
        self.assertEqual(july.special_deductions, 2000)
        self.assertEqual(july.employee_insurance, 1030)
        self.assertEqual(july.ytd_months, 1)
        self.assertEqual(july.cumulative_taxable, 1970)
        self.assertEqual(july.tax, d("59.10"))
        august = self._payslip(self._run(month(2024, 8)), zhao)
        self.assertEqual(august.special_deductions, 2000)
        self.assertEqual(august.cumulative_taxable, 3940)
        self.assertEqual(august.tax, d("59.10"))

    def test_10_deductions_continue_after_the_opening_balance(self):
        """Employed since 2023, payroll here from July 2024 with an opening balance through June that records
        6 × 2,000 = 12,000 of child education: July deducts July's 2,000 only, and the withholding sheet's
        cumulative column reads 14,000 (point 17). Opening: income 60,000, insurance 6,180, tax withheld 3 % ×
        (60,000 − 30,000 − 6,180 − 12,000 = 11,820) = 354.60. July: 70,000 − 35,000 − 7,210 − 14,000 = 13,790
        → 413.70 − 354.60 = 59.10."""
        qian = self._worker("钱进", body="43022319900101153")
        self._contract(qian, 10000, "2023-01-01")
        self._child_education(qian, "2020-09-01", "2024-01-05")
        opening = self.env["sgz.payroll.opening"].create(
            {
                "company_id": self.provider_x.id,
                "employee_id": qian.id,
                "year": 2024,
                "last_month": 6,
                "months_employed": 6,
                "gross": 60000,
                "contributions": 6180,
                "special_child_education": 12000,
                "tax_withheld": d("354.60"),
            }
        )
        self.assertEqual(opening.special_deductions, 12000)
        opening.with_user(self.hr_x).action_confirm()
        run = self._run(month(2024, 7))
        july = self._payslip(run, qian)
        self.assertEqual(july.special_deductions, 2000)
        self.assertEqual(july.ytd_months, 7)
        self.assertEqual(july.cumulative_taxable, 13790)
        self.assertEqual(july.tax, d("59.10"))
        # 17: the withholding client's cumulative columns include the opening balance's months, per kind
        rows = run.with_context(lang="en_US")._sgz_export_rows()
        row = next(row for row in rows if row["employee_id"] == qian.id)
        self.assertEqual(row["ytd"]["SAD_CHILD_EDUCATION"], 14000)
        sheet = openpyxl.load_workbook(io.BytesIO(iit_wages(rows))).active
        values = dict(
            zip(
                IIT_WAGE_HEADERS,
                next(r for r in sheet.iter_rows(values_only=True) if r[1] == "钱进"),
                strict=True,
            )
        )
        self.assertEqual(values["累计子女教育"], 14000)
        self.assertEqual(values["累计住房租金"], 0)

    # 11 -----------------------------------------------------------------------------------------------------
    def test_11_months_employed_not_months_paid(self):
        """Hired on 16 March 2024 at 20,000 (base 20,000, the ceiling: insurance 2,060); March's wages are
        20,000 × 16/31 = 10,322.58.

        Paid in March (same month): March counts 1 month: 10,322.58 − 5,000 − 2,060 = 3,262.58 → 97.88; April
        counts 2: 30,322.58 − 10,000 − 4,120 = 16,202.58 → 486.08 − 97.88 = 388.20.

        Paid the following month: March's wages are April's income and April is the second month of employment
        (the withholding client counts from the 任职受雇从业日期 to the period, March and April: 10,000 of basic
        deduction, 12366's answer for a worker first paid the month after joining): 10,322.58 − 10,000 − 2,060 <
        0 → 0 (counting the months paid would give 1 month and 97.88). May (April's wages): 3 months,
        30,322.58 − 15,000 − 4,120 = 11,202.58 → 336.08."""
        same = self._worker("孙同", body="43022319900101161")
        self._contract(same, 20000, "2024-03-16")
        march = self._payslip(self._run(month(2024, 3), confirm=True), same)
        self.assertEqual((march.base_wage, march.employee_insurance), (d("10322.58"), 2060))
        self.assertEqual((march.ytd_months, march.tax), (1, d("97.88")))
        april = self._payslip(self._run(month(2024, 4)), same)
        self.assertEqual((april.ytd_months, april.cumulative_taxable), (2, d("16202.58")))
        self.assertEqual(april.tax, d("388.20"))

        self.provider_y.write({"sgz_pay_next_month": True, "sgz_pay_day": 10})
        self._scheme(self.region_county_b, "2024-01-01", False, floor=3000, ceiling=20000)
        later = self._worker("周迟", body="43022419900101165", station=self.station_b1)
        self._contract(later, 20000, "2024-03-16")
        march = self._payslip(self._run(month(2024, 3), company=self.provider_y, confirm=True), later)
        self.assertEqual(march.tax_month, datetime.date(2024, 4, 1))
        self.assertEqual(march.ytd_months, 2)
        self.assertEqual(march.cumulative_deductions, 10000 + 2060)
        self.assertEqual(march.tax, 0)
        april = self._payslip(self._run(month(2024, 4), company=self.provider_y), later)
        self.assertEqual(april.tax_month, datetime.date(2024, 5, 1))
        self.assertEqual((april.ytd_months, april.cumulative_taxable), (3, d("11202.58")))
        self.assertEqual(april.tax, d("336.08"))

    # 12 -----------------------------------------------------------------------------------------------------
    def test_12_gap_across_the_year_boundary(self):
        """Wages paid the following month: December 2024's wages are January 2025's income. With December still
        in draft, January 2025's wages (February's income) would be taxed as the first month of 2025: refused,
        naming the worker and December."""
        self.provider_x.write({"sgz_pay_next_month": True, "sgz_pay_day": 10})
        li = self._worker("李娜", body="43022319950315124")
        self._contract(li, 10000, "2024-01-01")
        december = self._run(month(2024, 12))
        self.assertEqual(december.payslip_ids.tax_month, datetime.date(2025, 1, 1))
        env = self.env(context={"lang": "en_US"})
        with self.assertRaisesMsg(UserError, "李娜's payslip of 2024-12 is not confirmed.*2025-01"):
            self._run(month(2025, 1), env=env)
        # the same once an earlier month was confirmed and December has no run at all
        december.unlink()
        self._run(month(2024, 11), confirm=True)
        with self.assertRaisesMsg(UserError, "李娜's payslip of 2024-12 is not confirmed"):
            self._run(month(2025, 1), env=env)
        self._run(month(2024, 12), confirm=True)
        january = self._payslip(self._run(month(2025, 1)), li)
        # February 2025's income, the second month of 2025: 20,000 − 10,000 − 2,060 = 7,940 → 238.20 − 119.10
        self.assertEqual((january.ytd_months, january.tax), (2, d("119.10")))

    # 13 -----------------------------------------------------------------------------------------------------
    def test_13_renewal_under_the_21_75_method(self):
        """21.75 paid days a month (劳社部发〔2008〕3号). June 2025 has 21 weekdays: 10 from the 1st to the 15th, 11
        from the 16th. Renewed on the 16th at the same 9,000, the month was worked in full: 9,000 (dividing each part
        by 21.75 paid 9,000 × 10/21.75 + 9,000 × 11/21.75 = 4,137.93 + 4,551.72 = 8,689.65). Renewed with a raise
        to 9,600: the month shared by paid days, (9,000 × 10 + 9,600 × 11) / 21 = 9,314.29. Joining on the 16th (a
        part month): 9,000 × 11/21.75 = 4,551.72, as before."""
        self.scheme_a2.proration_method = "paid_days"
        same = self._worker("吴同", body="43022319900101170")
        self._contract(same, 9000, "2025-01-01", "2025-06-15", state="close")
        self._contract(same, 9000, "2025-06-16", "2026-06-15")
        raise_ = self._worker("吴升", body="43022319900101188")
        self._contract(raise_, 9000, "2025-01-01", "2025-06-15", state="close")
        self._contract(raise_, 9600, "2025-06-16", "2026-06-15")
        joiner = self._worker("吴新", body="43022319900101196")
        self._contract(joiner, 9000, "2025-06-16")
        run = self._run(month(2025, 6))
        self.assertEqual(self._payslip(run, same).base_wage, 9000)
        self.assertEqual(self._payslip(run, raise_).base_wage, d("9314.29"))
        self.assertEqual(self._payslip(run, joiner).base_wage, d("4551.72"))

    def test_13_renewal_in_july(self):
        """July 2025 has 23 weekdays: 11 to the 15th, 12 from the 16th. Renewed on 16 July at 9,000: 9,000 (by
        21.75 each part: 4,551.72 + 4,965.52 = 9,517.24, more than the monthly wage). Calendar days give 9,000
        too: 9,000 × 15/31 + 9,000 × 16/31 = 4,354.84 + 4,645.16."""
        self.scheme_a2.proration_method = "paid_days"
        wu = self._worker("吴迪", body="43022319920202111")
        self._contract(wu, 9000, "2025-01-01", "2025-07-15", state="close")
        self._contract(wu, 9000, "2025-07-16", "2026-07-15")
        run = self._run(month(2025, 7))
        payslip = self._payslip(run, wu)
        self.assertEqual(payslip.base_wage, 9000)
        self.scheme_a2.proration_method = "calendar_days"
        run.action_compute()
        self.assertEqual(payslip.base_wage, 9000)

    # 14 -----------------------------------------------------------------------------------------------------
    def _changsha_station(self):
        """A station in 芙蓉区 (长沙市) run by provider X."""
        city = self.env["res.company"].create(
            {
                "name": "长沙市民政局（测试）",
                "parent_id": self.province.id,
                "sgz_kind": "city",
                "sgz_region_id": self.env.ref("sgz_base.region_430100").id,
            }
        )
        district = self.env.ref("sgz_base.region_430102")
        bureau = self.env["res.company"].create(
            {
                "name": "芙蓉区民政局（测试）",
                "parent_id": city.id,
                "sgz_kind": "county",
                "sgz_region_id": district.id,
            }
        )
        township = self.env["sgz.region"].create(
            {"name": "定王台街道（测试）", "code": "430102901", "level": "township", "parent_id": district.id}
        )
        return self._station(township, bureau, provider_id=self.provider_x.id)

    def test_14_minimum_wage_of_the_county_tier(self):
        """Every county has its tier (data); 芙蓉区 is on the first: 1,930 from April 2022 (湘人社规〔2022〕6号),
        2,200 from September 2025. A contract at 1,600 there is refused (before, no county had a tier and the
        lowest, 1,550, applied)."""
        counties = self.env["sgz.region"].search([("level", "=", "county"), ("code", "=like", "43%")])
        # the 122 counties and the cities' 12 functional zones (their city's urban tier)
        self.assertEqual(len(counties.filtered(lambda region: not region.functional_zone)), 122)
        self.assertEqual(len(counties), 134)
        self.assertFalse(counties.filtered(lambda region: not region.sgz_min_wage_tier))
        self.assertEqual(self.env.ref("sgz_base.region_430102").sgz_min_wage_tier, "1")
        self.assertEqual(self.region_county_a.sgz_min_wage_tier, "3")
        station = self._changsha_station()
        worker = self._worker("刘低", body="43022319900101209", station=station)
        with self.assertRaisesMsg(ValidationError, r"1600.00.*芙蓉区.*1930.00"):
            self._contract(worker, 1600, "2024-03-01").with_context(lang="en_US")
        with self.assertRaisesMsg(ValidationError, r"2100.00.*芙蓉区.*2200.00 from 2025-09-01"):
            self._contract(worker, 2100, "2025-10-01").with_context(lang="en_US")
        contract = self._contract(worker, 2200, "2025-10-01")
        self.assertEqual(contract.wage, 2200)
        MinimumWage = self.env["sgz.minimum.wage"]
        self.assertEqual(
            MinimumWage._sgz_applicable(self.region_county_a, datetime.date(2025, 10, 1)).amount, 1800
        )

    # 15 -----------------------------------------------------------------------------------------------------
    def test_15_insurance_per_city(self):
        """In Changsha the medical insurance is the city's (8.7 % / 2 %), pension, unemployment and work injury
        the province's (shipped data, 2025). A 芙蓉区 worker at 6,000 in March 2025 (a new hire: base 6,000):
        pension 480, medical 120, unemployment 18 → 618; employer 960 + 522 + 42 + 12 = 1,536. A county scheme
        with its own work injury rate (0.5 %) takes that line only: employer 960 + 522 + 42 + 30 = 1,554."""
        station = self._changsha_station()
        worker = self._worker("刘中", body="43022319900101217", station=station)
        self._contract(worker, 6000, "2025-03-01")
        district = self.env.ref("sgz_base.region_430102")
        found = self.env["sgz.insurance.scheme"]._sgz_lookup({(district.id, month(2025, 3))})[
            district.id, month(2025, 3)
        ]
        kinds = {line.kind: line.scheme_id for line in found.lines}
        changsha = self.env.ref("sgz_hr.insurance_scheme_changsha_2025")
        hunan = self.env.ref("sgz_hr.insurance_scheme_hunan_2025")
        self.assertEqual(found.scheme, changsha)
        self.assertEqual(kinds["medical"], changsha)
        self.assertEqual(kinds["pension"], hunan)
        self.assertEqual(kinds["injury"], hunan)
        payslip = self._payslip(self._run(month(2025, 3)), worker)
        self.assertEqual(payslip.scheme_id, changsha)
        self.assertEqual((payslip.contribution_base, payslip.employee_insurance), (6000, 618))
        self.assertEqual(self._line(payslip, "EE_MEDICAL"), -120)
        self.assertEqual(payslip.employer_insurance, 1536)
        self._scheme(district, "2025-01-01", False, floor=4308, ceiling=21540, name="芙蓉区工伤")
        county = self.env["sgz.insurance.scheme"].search([("name", "=", "芙蓉区工伤")])
        county.line_ids.filtered(lambda line: line.kind != "injury").unlink()
        county.line_ids.employer_rate = 0.5
        payslip.run_id.action_compute()
        self.assertEqual(payslip.scheme_id, county)
        self.assertEqual(self._line(payslip, "ER_INJURY"), 30)
        self.assertEqual(payslip.employer_insurance, 1554)

    # 16 -----------------------------------------------------------------------------------------------------
    def test_16_worker_month_is_original_plus_adjustments(self):
        """January 2024, 10,000: tax 119.10, net 8,850.90. Corrected in February by +2,000 performance pay: the
        adjustment pays 2,000 − 60.00 tax = 1,940.00 (test_payroll_law, point 4). The worker-month: gross 12,000,
        tax 119.10 + 60.00 = 179.10, net 8,850.90 + 1,940.00 = 10,790.90, insurance once (1,030)."""
        li = self._worker("李娜", body="43022319950315124")
        self._contract(li, 10000, "2023-06-01")
        january = self._run(month(2024, 1), confirm=True)
        february = self._run(month(2024, 2))
        self._adjust(self._payslip(january, li), february, performance_pay=2000)
        february.action_confirm()
        Month = self.env["sgz.payslip.month"]
        row = Month.search([("employee_id", "=", li.id), ("month", "=", "2024-01-01")])
        self.assertEqual(len(row), 1)
        self.assertEqual((row.versions, row.adjusted), (2, True))
        self.assertEqual((row.gross, row.tax, row.net), (12000, d("179.10"), d("10790.90")))
        self.assertEqual(row.employee_insurance, 1030)
        self.assertEqual(row.payslip_id, february.payslip_ids.filtered("is_adjustment"))
        # provider staff only, like the payslips
        self.assertEqual(Month.with_user(self.hr_x).search_count([("employee_id", "=", li.id)]), 2)
        self.assertFalse(Month.with_user(self.hr_y).search_count([("employee_id", "=", li.id)]))
