"""Unit tests of the pure-Python payroll engine (no database).

Expected values come from published worked examples where one exists, and are otherwise worked out by
hand in the comment next to each assertion. Sources:

[61号] 国家税务总局公告2018年第61号《个人所得税扣缴申报管理办法(试行)》第六条 (累计预扣法) and its 附件
       个人所得税预扣率表一. The two worked examples are those of the State Taxation Administration's
       解读 of that announcement (2018-12). The 解读 page itself was not at hand: example 2 is checked
       against public copies of its text (quoted with the arithmetic in several payroll calculators),
       example 1 only by the hand arithmetic in its test:
       1. wage 10,000 a month, 减除费用 5,000, 三险一金 1,500, 子女教育 1,000: 75 withheld in each of
          January, February and March;
       2. wage 30,000 a month, 减除费用 5,000, 三险一金 4,500, 子女教育 + 赡养老人 2,000 in total:
          555 in January, 625 in February, 1,850 in March (the cumulative taxable income of 37,000 in
          February moves to the 10% rate).
[19号] 国家税务总局公告2020年第19号《关于进一步简便优化部分纳税人个人所得税预扣预缴方法的公告》: for a
       resident withheld by the same employer in every month of the previous year whose wages that year did
       not exceed 60,000 yuan, "累计减除费用自1月份起直接按照全年6万元计算扣除".
[60号] 国家税务总局公告2018年第60号《个人所得税专项附加扣除操作办法(试行)》: a special additional deduction
       declared late is made up in the remaining months of the year (补充扣除).
Insurance rates, floors and ceilings below are test values shaped like Hunan's, not official figures.
"""

import logging
import time
from datetime import date
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from odoo.addons.sgz_hr.engine import (
    ANNUAL_CUMULATIVE_TABLE_2019,
    CALENDAR_DAYS,
    FULL_YEAR_WAGE_LIMIT,
    PAID_DAYS,
    PAID_DAYS_PER_MONTH,
    SPECIAL_DEDUCTION_KINDS,
    Bracket,
    ContributionRule,
    D,
    Declaration,
    PayslipInput,
    YearToDate,
    check_brackets,
    compute_batch,
    compute_payslip,
    contribution_base,
    contribution_lines,
    cumulative_deduction,
    cumulative_withholding,
    employment_months,
    fen,
    full_year_basic_deduction,
    month_deductions,
    month_shares,
    months_employed,
    prorate,
    prorate_shares,
    tax_on,
)

_logger = logging.getLogger(__name__)

PENSION = ContributionRule("pension", "0.16", "0.08", 3000, 20000, "Pension insurance")
MEDICAL = ContributionRule("medical", "0.087", "0.02", 3000, 20000, "Medical insurance")
UNEMPLOYMENT = ContributionRule("unemployment", "0.007", "0.003", 3000, 20000, "Unemployment insurance")
INJURY = ContributionRule("injury", "0.002", "0", 3000, 20000, "Work injury insurance")
HUNAN_LIKE = (PENSION, MEDICAL, UNEMPLOYMENT, INJURY)
HOUSING_FUND = ContributionRule("housing_fund", "0.08", "0.08", 3000, 20000, "Housing fund")
# The published examples state "三险一金" as one figure: 15 % of the wage on the employee side
# gives exactly 1,500 on 10,000 and 4,500 on 30,000.
THREE_INSURANCES_ONE_FUND = ContributionRule("social", "0", "0.15")


# the lines of test_full_payslip_lines, labels from the one table of lines (engine/lines.py)
FULL_PAYSLIP_LINES = [
    ("BASIC", "Basic Wage", "8000"),
    ("ALW", "Allowances", "1000"),
    ("PERF", "Performance Pay", "2000"),
    ("UNPAID", "Unpaid Leave Deduction", "-500"),
    ("GROSS", "Gross Pay", "10500"),
    ("EE_PENSION", "Pension Insurance (Employee)", "-720"),
    ("EE_MEDICAL", "Medical Insurance (Employee)", "-180"),
    ("EE_UNEMPLOYMENT", "Unemployment Insurance (Employee)", "-27"),
    ("EE_INJURY", "Work Injury Insurance (Employee)", "0"),
    ("HF_EE", "Housing Provident Fund (Employee)", "-720"),
    ("IIT", "Individual Income Tax", "-55.59"),
    ("NET", "Net Pay", "8797.41"),
    ("ER_PENSION", "Pension Insurance (Employer)", "1440"),
    ("ER_MEDICAL", "Medical Insurance (Employer)", "783"),
    ("ER_UNEMPLOYMENT", "Unemployment Insurance (Employer)", "63"),
    ("ER_INJURY", "Work Injury Insurance (Employer)", "18"),
    ("HF_ER", "Housing Provident Fund (Employer)", "720"),
    ("COST", "Employer Cost", "13524"),
]


def declaration(monthly, date_from, declared, date_to=None, one_off=False, kind="child_education"):
    return Declaration(1, kind, D(monthly), date_from, date_to, declared, one_off)


def deductions_by_month(declarations, months, employed=tuple(range(1, 13)), covered=0, year=2024):
    """The special deductions of a worker's payslips of ``months`` (in order), each deducting what is due
    less what the earlier ones deducted."""
    deducted, result = {}, []
    for month in months:
        amounts = month_deductions(declarations, date(year, month, 1), employed, covered, deducted)
        for kind, value in amounts.items():
            deducted[kind] = deducted.get(kind, D(0)) + value
        result.append(sum(amounts.values(), D(0)))
    return result


def d(value):
    return Decimal(value)


def run_months(months, **values):
    """Compute ``months`` consecutive payslips from January with the same input values."""
    ytd, results = YearToDate(), []
    for _month in range(months):
        result = compute_payslip(PayslipInput(ytd=ytd, **values))
        results.append(result)
        ytd = ytd.after(result)
    return results


@tagged("post_install", "-at_install", "sgz_engine")
class TestPayrollEngine(BaseCase):
    # ------------------------------------------------------------------ money
    def test_money_d_and_fen(self):
        self.assertEqual(D(7), d(7))
        self.assertEqual(D("12.30"), d("12.30"))
        self.assertEqual(D(0.1), d("0.1"))  # through str(), not the binary 0.1000000000000000055…
        self.assertEqual(D(d("3.5")), d("3.5"))
        for bad in (True, False, None, "abc", "", "1,000", float("nan"), "Infinity", d("NaN"), [1]):
            with self.assertRaisesRegex(ValueError, "not a number"):
                D(bad)
        self.assertEqual(fen("2.345"), d("2.35"))  # half-up on the tie
        self.assertEqual(fen("2.3449"), d("2.34"))
        self.assertEqual(fen("-2.345"), d("-2.35"))  # ties away from zero
        # 100.005: ROUND_HALF_UP gives 100.01 where banker's rounding would give 100.00
        self.assertEqual(fen(d("100.005")), d("100.01"))
        self.assertEqual(str(fen(7)), "7.00")

    # ------------------------------------------------------------------ tax table
    def test_tax_table_2019_boundaries(self):
        # [61号] 预扣率表一; by hand: taxable × rate − quick deduction at each upper limit
        cases = [
            ("36000", "1080.00"),  # 36,000 × 3% = 1,080
            ("144000", "11880.00"),  # 144,000 × 10% − 2,520 = 11,880
            ("300000", "43080.00"),  # 300,000 × 20% − 16,920 = 43,080
            ("420000", "73080.00"),  # 420,000 × 25% − 31,920 = 73,080
            ("660000", "145080.00"),  # 660,000 × 30% − 52,920 = 145,080
            ("960000", "250080.00"),  # 960,000 × 35% − 85,920 = 250,080
            ("1000000", "268080.00"),  # 1,000,000 × 45% − 181,920 = 268,080
        ]
        for taxable, expected in cases:
            self.assertEqual(tax_on(taxable), d(expected), taxable)
        # The quick deductions make the tax continuous: one fen above each limit, the next rate adds at
        # most 0.45 × 0.01 = 0.0045, which rounds away (e.g. 36,000.01 × 10% − 2,520 = 1,080.001 → 1,080.00).
        for bracket in ANNUAL_CUMULATIVE_TABLE_2019[:-1]:
            self.assertEqual(tax_on(bracket.upper + d("0.01")), tax_on(bracket.upper), bracket.upper)
        self.assertEqual(tax_on("36000.50"), d("1080.05"))  # 36,000.50 × 10% − 2,520 = 1,080.05
        self.assertEqual(tax_on(0), 0)
        self.assertEqual(tax_on(-100), 0)

    def test_tax_table_validation(self):
        self.assertEqual(check_brackets(list(ANNUAL_CUMULATIVE_TABLE_2019)), ANNUAL_CUMULATIVE_TABLE_2019)
        with self.assertRaisesRegex(ValueError, "increasing order"):
            check_brackets((Bracket(1000, "0.1", 0), Bracket(500, "0.2", 0), Bracket(None, "0.3", 0)))
        with self.assertRaisesRegex(ValueError, "last bracket"):
            check_brackets((Bracket(1000, "0.1", 0), Bracket(2000, "0.2", 0)))
        with self.assertRaisesRegex(ValueError, "no brackets"):
            check_brackets(())
        with self.assertRaisesRegex(ValueError, "fraction below 1"):
            Bracket(1000, 3, 0)  # 3 meant as 3 %: refused, rates are fractions

    # ------------------------------------------------------------------ published examples
    def test_published_example_10000(self):
        # [61号] 解读, example 1: wage 10,000, 减除费用 5,000, 三险一金 1,500, 子女教育 1,000.
        # By hand: month m, cumulative taxable = (10,000 − 5,000 − 1,500 − 1,000) × m = 2,500 m;
        # cumulative tax = 75 m (3%); this month = 75 m − 75 (m − 1) = 75.
        withheld = d(0)
        for month in (1, 2, 3):
            result = cumulative_withholding(
                months_employed=month,
                cumulative_income=10000 * month,
                cumulative_contributions=1500 * month,
                cumulative_special_deductions=1000 * month,
                tax_withheld=withheld,
            )
            self.assertEqual(result.tax, d(75), month)
            withheld += result.tax
        # March, every intermediate: 30,000 − 15,000 − 4,500 − 3,000 = 7,500; 7,500 × 3% = 225; 225 − 150 = 75
        self.assertEqual(result.cumulative_income, d(30000))
        self.assertEqual(result.basic_deduction, d(15000))
        self.assertEqual(result.cumulative_contributions, d(4500))
        self.assertEqual(result.cumulative_special_deductions, d(3000))
        self.assertEqual(result.cumulative_deductions, d(22500))
        self.assertEqual(result.taxable, d(7500))
        self.assertEqual(result.rate, d("0.03"))
        self.assertEqual(result.quick_deduction, d(0))
        self.assertEqual(result.cumulative_tax, d(225))
        self.assertEqual(result.tax_withheld, d(150))

        # The same through payslips for the whole year: 75 every month
        # (December: 30,000 × 3% = 900 = 12 × 75), net = 10,000 − 1,500 − 75 = 8,425.
        results = run_months(
            12, base_wage=10000, insurance_rules=(THREE_INSURANCES_ONE_FUND,), special_deductions=1000
        )
        self.assertEqual([r.tax for r in results], [d(75)] * 12)
        self.assertEqual({r.net for r in results}, {d(8425)})
        self.assertEqual(results[-1].iit.cumulative_tax, d(900))

    def test_published_example_30000(self):
        # [61号] 解读, example 2: wage 30,000, 减除费用 5,000, 三险一金 4,500, 子女教育 + 赡养老人 2,000.
        # 1月: (30,000 − 5,000 − 4,500 − 2,000) × 3% = 18,500 × 3% = 555
        # 2月: (60,000 − 10,000 − 9,000 − 4,000) × 10% − 2,520 − 555 = 37,000 × 10% − 2,520 − 555 = 625
        # 3月: (90,000 − 15,000 − 13,500 − 6,000) × 10% − 2,520 − 555 − 625 = 5,550 − 2,520 − 1,180 = 1,850
        results = run_months(
            3, base_wage=30000, insurance_rules=(THREE_INSURANCES_ONE_FUND,), special_deductions=2000
        )
        self.assertEqual([r.tax for r in results], [d(555), d(625), d(1850)])
        self.assertEqual([r.iit.taxable for r in results], [d(18500), d(37000), d(55500)])
        self.assertEqual([r.iit.rate for r in results], [d("0.03"), d("0.10"), d("0.10")])
        self.assertEqual([r.iit.quick_deduction for r in results], [d(0), d(2520), d(2520)])
        self.assertEqual([r.iit.cumulative_tax for r in results], [d(555), d(1180), d(3030)])
        self.assertEqual([r.iit.tax_withheld for r in results], [d(0), d(555), d(1180)])
        self.assertEqual(results[2].net, d(30000) - d(4500) - d(1850))

    def test_example_30000_with_3000_special_deductions(self):
        # Not a published example: the 30,000 case with 3,000 of special deductions (子女教育 1,000 +
        # 赡养老人 2,000), by hand. It shows that a cumulative taxable of exactly 35,000 stays at 3%:
        # 1月: (30,000 − 5,000 − 4,500 − 3,000) × 3% = 17,500 × 3% = 525
        # 2月: 35,000 ≤ 36,000 → 35,000 × 3% − 525 = 1,050 − 525 = 525
        # 3月: 52,500 × 10% − 2,520 − 1,050 = 5,250 − 2,520 − 1,050 = 1,680
        results = run_months(
            3, base_wage=30000, insurance_rules=(THREE_INSURANCES_ONE_FUND,), special_deductions=3000
        )
        self.assertEqual([r.iit.taxable for r in results], [d(17500), d(35000), d(52500)])
        self.assertEqual([r.tax for r in results], [d(525), d(525), d(1680)])

    # ------------------------------------------------------------------ insurance
    def test_contribution_base_clamp(self):
        self.assertEqual(contribution_base(2500, 3000, 20000), d(3000))
        self.assertEqual(contribution_base(3000, 3000, 20000), d(3000))
        self.assertEqual(contribution_base(8000, 3000, 20000), d(8000))
        self.assertEqual(contribution_base(25000, 3000, 20000), d(20000))
        self.assertEqual(contribution_base(8000, None, 5000), d(5000))
        self.assertEqual(contribution_base(8000, None, None), d(8000))
        with self.assertRaisesRegex(ValueError, "above base ceiling"):
            contribution_base(8000, 20000, 3000)
        with self.assertRaisesRegex(ValueError, "above base ceiling"):
            ContributionRule("pension", "0.16", "0.08", 20000, 3000)

    def test_contribution_lines_floor_within_ceiling(self):
        def amounts(wage):
            return [
                (ln.code, ln.base, ln.employer_amount, ln.employee_amount)
                for ln in contribution_lines(wage, HUNAN_LIKE)
            ]

        # at and below the floor the base is 3,000: 3,000 × 16% = 480, × 8% = 240; × 8.7% = 261, × 2% = 60;
        # × 0.7% = 21, × 0.3% = 9; × 0.2% = 6
        at_floor = [
            ("pension", d(3000), d("480.00"), d("240.00")),
            ("medical", d(3000), d("261.00"), d("60.00")),
            ("unemployment", d(3000), d("21.00"), d("9.00")),
            ("injury", d(3000), d("6.00"), d("0.00")),
        ]
        self.assertEqual(amounts(3000), at_floor)
        self.assertEqual(amounts(2500), at_floor)
        # within: 8,000 × 16% = 1,280, × 8% = 640; × 8.7% = 696, × 2% = 160; × 0.7% = 56, × 0.3% = 24;
        # × 0.2% = 16
        self.assertEqual(
            amounts(8000),
            [
                ("pension", d(8000), d("1280.00"), d("640.00")),
                ("medical", d(8000), d("696.00"), d("160.00")),
                ("unemployment", d(8000), d("56.00"), d("24.00")),
                ("injury", d(8000), d("16.00"), d("0.00")),
            ],
        )
        # at and above the ceiling the base is 20,000: × 16% = 3,200, × 8% = 1,600; × 8.7% = 1,740,
        # × 2% = 400; × 0.7% = 140, × 0.3% = 60; × 0.2% = 40
        at_ceiling = [
            ("pension", d(20000), d("3200.00"), d("1600.00")),
            ("medical", d(20000), d("1740.00"), d("400.00")),
            ("unemployment", d(20000), d("140.00"), d("60.00")),
            ("injury", d(20000), d("40.00"), d("0.00")),
        ]
        self.assertEqual(amounts(20000), at_ceiling)
        self.assertEqual(amounts(25000), at_ceiling)

    def test_contribution_half_up_per_line(self):
        # base 5,000.25, each line rounded on its own:
        # pension 5,000.25 × 16% = 800.04, × 8% = 400.02
        # medical × 8.7% = 435.02175 → 435.02; × 2% = 100.005 → 100.01 (half-up; half-even would give 100.00)
        # unemployment × 0.7% = 35.00175 → 35.00; × 0.3% = 15.00075 → 15.00
        # injury × 0.2% = 10.0005 → 10.00
        lines = contribution_lines("5000.25", HUNAN_LIKE)
        self.assertEqual(
            [(ln.employer_amount, ln.employee_amount) for ln in lines],
            [
                (d("800.04"), d("400.02")),
                (d("435.02"), d("100.01")),
                (d("35.00"), d("15.00")),
                (d("10.00"), d("0.00")),
            ],
        )

    # ------------------------------------------------------------------ payslip
    def test_full_payslip_lines(self):
        # By hand. Gross = 8,000 + 1,000 + 2,000 − 500 = 10,500; contribution wage = 8,000 + 1,000 = 9,000:
        # pension 1,440 / 720, medical 783 / 180, unemployment 63 / 27, injury 18 / 0 → employer 2,304,
        # employee 927; housing fund 8% / 8% = 720 / 720.
        # IIT (January): 10,500 − 5,000 − (927 + 720) − 2,000 = 1,853; × 3% = 55.59.
        # Net = 10,500 − 927 − 720 − 55.59 = 8,797.41; employer cost = 10,500 + 2,304 + 720 = 13,524.
        inp = PayslipInput(
            base_wage=8000,
            allowances=1000,
            performance_pay=2000,
            unpaid_leave_deduction=500,
            insurance_rules=HUNAN_LIKE,
            housing_fund_rule=HOUSING_FUND,
            special_deductions=2000,
        )
        result = compute_payslip(inp)
        self.assertEqual(
            [(ln.code, ln.name_en, ln.amount) for ln in result.lines],
            [(c, n, d(a)) for c, n, a in FULL_PAYSLIP_LINES],
        )
        self.assertEqual(result.gross, d(10500))
        self.assertEqual(result.contribution_wage, d(9000))
        self.assertEqual(result.employee_contributions, d(927))
        self.assertEqual(result.employer_contributions, d(2304))
        self.assertEqual((result.housing_fund_employee, result.housing_fund_employer), (d(720), d(720)))
        self.assertEqual(result.tax, d("55.59"))
        self.assertEqual(result.net, d("8797.41"))
        self.assertEqual(result.employer_cost, d(13524))
        self.assertEqual(result.amount("IIT"), d("-55.59"))
        # a zero deduction shows as 0.00, not -0.00
        self.assertEqual(str(result.amount("EE_INJURY")), "0.00")
        self.assertFalse([ln.code for ln in result.lines if ln.amount.is_zero() and ln.amount.is_signed()])
        # lines from BASIC to IIT (GROSS excluded) add up to NET
        codes = [ln.code for ln in result.lines]
        to_net = result.lines[: codes.index("NET")]
        self.assertEqual(sum(ln.amount for ln in to_net if ln.code != "GROSS"), result.net)

        # February, same pay: cumulative 21,000 − 10,000 − 3,294 − 4,000 = 3,706; × 3% = 111.18;
        # 111.18 − 55.59 = 55.59
        february = compute_payslip(PayslipInput(**{**_fields(inp), "ytd": inp.ytd.after(result)}))
        self.assertEqual(february.iit.taxable, d(3706))
        self.assertEqual(february.iit.cumulative_tax, d("111.18"))
        self.assertEqual(february.tax, d("55.59"))

    def test_prorata_joiner_and_leaver(self):
        # Joins on the 16th of a 30-day month: 15 / 30 of base wage and allowances.
        # 4,000 × 15 / 30 = 2,000.00; 600 × 15 / 30 = 300.00; gross 2,300.
        # Contributions on the full-month wage 4,600: pension 736 / 368, medical 400.20 / 92,
        # unemployment 32.20 / 13.80, injury 9.20 / 0 → employee 473.80, employer 1,177.60.
        # IIT: first month here, basic deduction 5,000 > 2,300 → 0. Net 2,300 − 473.80 = 1,826.20;
        # employer cost 2,300 + 1,177.60 = 3,477.60.
        joiner = compute_payslip(
            PayslipInput(
                base_wage=4000, allowances=600, worked_days=15, calendar_days=30, insurance_rules=HUNAN_LIKE
            )
        )
        self.assertEqual((joiner.base_wage, joiner.allowances, joiner.gross), (d(2000), d(300), d(2300)))
        self.assertEqual(joiner.contribution_wage, d(4600))
        self.assertEqual(joiner.employee_contributions, d("473.80"))
        self.assertEqual(joiner.employer_contributions, d("1177.60"))
        self.assertEqual(joiner.iit.basic_deduction, d(5000))
        self.assertEqual(joiner.tax, 0)
        self.assertEqual(joiner.net, d("1826.20"))
        self.assertEqual(joiner.employer_cost, d("3477.60"))
        # Leaves after 10 days of a 31-day month: 4,000 × 10 / 31 = 1,290.3225… → 1,290.32;
        # 600 × 10 / 31 = 193.5483… → 193.55; gross 1,483.87.
        leaver = compute_payslip(
            PayslipInput(base_wage=4000, allowances=600, worked_days=10, calendar_days=31)
        )
        self.assertEqual((leaver.base_wage, leaver.allowances), (d("1290.32"), d("193.55")))
        self.assertEqual(leaver.gross, d("1483.87"))

    def test_full_year_basic_deduction_60000(self):
        # [19号] Earned 4,000 a month last year (48,000 ≤ 60,000, withheld here every month): with the flag
        # the basic deduction is 60,000 from January and nothing is withheld through December
        # (cumulative income 48,000 in December). Without the flag it is 5,000 × months; at 4,000 a month
        # there is no tax either way, so the flag only shows in the basic deduction here.
        with_flag = run_months(12, base_wage=4000, full_year_basic_deduction=True)
        self.assertEqual({r.iit.basic_deduction for r in with_flag}, {d(60000)})
        self.assertEqual({r.tax for r in with_flag}, {d(0)})
        self.assertEqual(with_flag[-1].iit.cumulative_income, d(48000))
        without = run_months(12, base_wage=4000)
        self.assertEqual([r.iit.basic_deduction for r in without], [d(5000 * m) for m in range(1, 13)])
        self.assertEqual({r.tax for r in without}, {d(0)})

        # Same worker after a raise to 8,000 this year (no insurance, for round numbers), by hand:
        # with the flag, taxable = 8,000 m − 60,000: nothing while cumulative income ≤ 60,000 (months 1–7),
        # August 4,000 × 3% = 120, then 8,000 more each month → 240 a month; December 36,000 × 3% = 1,080.
        # Without the flag, (8,000 − 5,000) × 3% = 90 every month, 1,080 for the year: the same total.
        raised = run_months(12, base_wage=8000, full_year_basic_deduction=True)
        self.assertEqual([r.tax for r in raised], [d(0)] * 7 + [d(120)] + [d(240)] * 4)
        self.assertEqual(raised[-1].iit.cumulative_tax, d(1080))
        unflagged = run_months(12, base_wage=8000)
        self.assertEqual([r.tax for r in unflagged], [d(90)] * 12)
        self.assertEqual(sum(r.tax for r in unflagged), sum(r.tax for r in raised))

    def test_full_year_condition(self):
        # [19号] withheld here in each of the 12 months of last year, wages of at most 60,000 = 12 × 5,000
        self.assertEqual(FULL_YEAR_WAGE_LIMIT, d(60000))
        self.assertTrue(full_year_basic_deduction(12, 60000))
        self.assertTrue(full_year_basic_deduction(12, d("54000.00")))
        self.assertFalse(full_year_basic_deduction(12, "60000.01"))
        self.assertFalse(full_year_basic_deduction(11, 30000))  # joined in February: not every month
        with self.assertRaisesRegex(TypeError, "whole number"):
            full_year_basic_deduction(12.0, 30000)
        with self.assertRaisesRegex(ValueError, "must not be negative"):
            full_year_basic_deduction(12, -1)

    def test_catch_up_month_never_negative(self):
        # Wage 10,000, employee contributions 1,500; child education 2,000 a month from January, first
        # declared in April ([60号]): April takes 4 × 2,000 = 8,000, later months 2,000. By hand:
        # Jan–Mar: (10,000 − 5,000 − 1,500) × 3% = 105 a month → 315 withheld.
        # Apr: 40,000 − 20,000 − 6,000 − 8,000 = 6,000 → 180; 180 − 315 < 0 → 0 (135 withheld too much)
        # May: 50,000 − 25,000 − 7,500 − 10,000 = 7,500 → 225 → 0 (90 too much)
        # Jun: 9,000 → 270 → 0 (45 too much); Jul: 10,500 → 315 → 0
        # Aug: 12,000 → 360 − 315 = 45; then 1,500 more taxable a month → 45 a month;
        # Dec: 18,000 → 540 = 315 + 5 × 45, the year's liability (120,000 − 60,000 − 18,000 − 24,000) × 3%.
        ytd, taxes, excess = YearToDate(), [], []
        specials = deductions_by_month([declaration(2000, date(2023, 9, 1), date(2024, 4, 10))], range(1, 13))
        for month in range(1, 13):
            result = compute_payslip(
                PayslipInput(
                    base_wage=10000,
                    insurance_rules=(THREE_INSURANCES_ONE_FUND,),
                    special_deductions=specials[month - 1],
                    ytd=ytd,
                )
            )
            taxes.append(result.tax)
            excess.append(result.iit.excess_withheld)
            ytd = ytd.after(result)
        self.assertEqual(taxes, [d(105)] * 3 + [d(0)] * 4 + [d(45)] * 5)
        self.assertEqual(excess[3:7], [d(135), d(90), d(45), d(0)])
        self.assertEqual(ytd.tax_withheld, d(540))
        self.assertEqual(ytd.cumulative_special_deductions, d(24000))

    def test_special_deductions_catch_up(self):
        kinds = [kind.code for kind in SPECIAL_DEDUCTION_KINDS]
        self.assertEqual(len(kinds), 6)
        self.assertIn("infant_care", kinds)
        self.assertNotIn("serious_illness", kinds)  # 大病医疗: annual settlement only
        # applies from before the year, declared in April: 0 before April, 4 months in April, then 1 month
        since_2020 = declaration(2000, date(2020, 9, 1), date(2024, 4, 10))
        self.assertEqual(
            deductions_by_month([since_2020], range(1, 7)), [d(0), d(0), d(0), d(8000), d(2000), d(2000)]
        )
        # declared on time: the monthly amount from the start month
        on_time = declaration(1000, date(2024, 3, 1), date(2024, 3, 5))
        self.assertEqual(deductions_by_month([on_time], (2, 3, 4)), [d(0), d(1000), d(1000)])
        # declared in advance (January) for a deduction that starts in March: nothing to catch up
        ahead = declaration(1000, date(2024, 3, 1), date(2024, 1, 5))
        self.assertEqual(deductions_by_month([ahead], (1, 2, 3, 4)), [d(0), d(0), d(1000), d(1000)])
        # a child born in March, declared in June: 4 months (March–June) in June
        born = declaration(2000, date(2024, 3, 10), date(2024, 6, 1), kind="infant_care")
        self.assertEqual(deductions_by_month([born], range(1, 7))[-1], d(8000))
        # ended in February, declared in March: both months in March, then nothing
        ended = declaration(
            1100, date(2024, 1, 1), date(2024, 3, 10), date_to=date(2024, 2, 29), kind="housing_rent"
        )
        self.assertEqual(deductions_by_month([ended], (1, 2, 3, 4)), [d(0), d(0), d(2200), d(0)])
        with self.assertRaisesRegex(ValueError, "must not be negative"):
            cumulative_deduction(
                declaration(-2000, date(2024, 1, 1), date(2024, 1, 1)), date(2024, 1, 1), (1,)
            )

    def test_special_deductions_start_with_employment(self):
        # [60号] 第五条/第六条: hired on 1 July with a child at school since 2020, declared in July: July deducts
        # 2,000 (not January to July, which the former employer deducted), August 2,000.
        since_2020 = declaration(2000, date(2020, 9, 1), date(2024, 7, 3))
        july_on = employment_months(2024, [(date(2024, 7, 1), None)])
        self.assertEqual(july_on, tuple(range(7, 13)))
        self.assertEqual(deductions_by_month([since_2020], (7, 8), employed=july_on), [d(2000), d(2000)])
        # hired on 16 March, paid the following month: April's payslip (March's wages) takes March and April
        march_16 = employment_months(2024, [(date(2024, 3, 16), None)])
        self.assertEqual(
            deductions_by_month(
                [since_2020._replace(declared_date=date(2024, 3, 20))], (4,), employed=march_16
            ),
            [d(4000)],
        )
        # an opening balance through June: its months are not deducted again
        self.assertEqual(
            deductions_by_month([since_2020], (7,), employed=tuple(range(1, 13)), covered=6), [d(2000)]
        )
        # left in March and back in September: the months in between are not deducted
        gap = employment_months(2024, [(date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 9, 1), None)])
        self.assertEqual(gap, (1, 2, 3, 9, 10, 11, 12))
        early = declaration(1000, date(2024, 1, 1), date(2024, 1, 2))
        self.assertEqual(sum(deductions_by_month([early], range(1, 13), employed=gap), d(0)), d(7000))
        # a certificate obtained in March, before the worker was employed here: not taken here (it may have
        # been at the former employer; the annual settlement takes it); obtained in August: taken in August
        certificate = declaration(
            3600, date(2024, 3, 20), date(2024, 7, 3), one_off=True, kind="continuing_education"
        )
        self.assertEqual(deductions_by_month([certificate], range(7, 13), employed=july_on), [d(0)] * 6)
        august = declaration(
            3600, date(2024, 8, 20), date(2024, 8, 25), one_off=True, kind="continuing_education"
        )
        self.assertEqual(deductions_by_month([august], range(7, 10), employed=july_on), [d(0), d(3600), d(0)])

    def test_months_employed(self):
        # [61号] 任职受雇月份数: months of employment in the tax year through the tax month, not months paid
        march_16 = employment_months(2024, [(date(2024, 3, 16), None)])
        self.assertEqual(months_employed(date(2024, 3, 1), march_16), 1)  # paid in March
        self.assertEqual(months_employed(date(2024, 4, 1), march_16), 2)  # March's wages paid in April
        self.assertEqual(months_employed(date(2024, 5, 1), march_16), 3)
        # employed since before the year: every month from January
        self.assertEqual(
            months_employed(date(2024, 4, 1), employment_months(2024, [(date(2020, 1, 1), None)])), 4
        )
        # an opening balance through June counting 4 months (employed here from March): 4 + July = 5
        all_year = tuple(range(1, 13))
        self.assertEqual(months_employed(date(2024, 7, 1), all_year, opening_through=6, opening_months=4), 5)
        with self.assertRaisesRegex(ValueError, "already covers month 6"):
            months_employed(date(2024, 6, 1), all_year, opening_through=6, opening_months=6)
        with self.assertRaisesRegex(ValueError, "ends"):
            employment_months(2024, [(date(2024, 3, 1), date(2024, 2, 1))])

    def test_month_shares_across_a_renewal(self):
        # 劳社部发〔2008〕3号: 21.75 paid days a month. June 2025: 21 weekdays, 10 up to the 15th and 11 after.
        june = (date(2025, 6, 1), date(2025, 6, 30))
        halves = [(date(2025, 6, 1), date(2025, 6, 15)), (date(2025, 6, 16), date(2025, 6, 30))]
        shares = month_shares(PAID_DAYS, halves, *june)
        self.assertEqual(shares, [(10, 21), (11, 21)])
        # a month worked in full pays the monthly wage (each part by 21.75 would pay 4,137.93 + 4,551.72 = 8,689.65)
        self.assertEqual(sum(prorate_shares([9000, 9000], shares), d(0)), d(9000))
        self.assertEqual(
            prorate(9000, 10, PAID_DAYS_PER_MONTH) + prorate(9000, 11, PAID_DAYS_PER_MONTH), d("8689.65")
        )
        # a raise at the renewal: (9,000 × 10 + 9,600 × 11) / 21 = 9,314.2857 → 4,285.71 + 5,028.58 = 9,314.29
        self.assertEqual(prorate_shares([9000, 9600], shares), [d("4285.71"), d("5028.58")])
        # July 2025: 23 weekdays, 11 + 12 (by 21.75: 4,551.72 + 4,965.52 = 9,517.24, above the monthly wage)
        july = (date(2025, 7, 1), date(2025, 7, 31))
        parts = [(date(2025, 7, 1), date(2025, 7, 15)), (date(2025, 7, 16), date(2025, 7, 31))]
        self.assertEqual(month_shares(PAID_DAYS, parts, *july), [(11, 23), (12, 23)])
        self.assertEqual(
            sum(prorate_shares([9000, 9000], month_shares(PAID_DAYS, parts, *july)), d(0)), d(9000)
        )
        # calendar days: 15/31 and 16/31, 4,354.84 + 4,645.16
        self.assertEqual(
            prorate_shares([9000, 9000], month_shares(CALENDAR_DAYS, parts, *july)),
            [d("4354.84"), d("4645.16")],
        )
        # a part month keeps the 21.75 method: joining on 16 June, 11 paid days → 4,551.72
        joined = month_shares(PAID_DAYS, halves[1:], *june)
        self.assertEqual(joined, [(11, PAID_DAYS_PER_MONTH)])
        self.assertEqual(prorate_shares([9000], joined), [d("4551.72")])
        # two contracts not covering the month (leaving on the 25th): each part by 21.75
        leaving = [(date(2025, 6, 1), date(2025, 6, 15)), (date(2025, 6, 16), date(2025, 6, 25))]
        self.assertEqual(
            month_shares(PAID_DAYS, leaving, *june), [(10, PAID_DAYS_PER_MONTH), (8, PAID_DAYS_PER_MONTH)]
        )

    # ------------------------------------------------------------------ validation
    def test_inputs_rejected(self):
        for name in ("base_wage", "allowances", "performance_pay", "unpaid_leave_deduction"):
            values = {"base_wage": 4000, name: -1}
            with self.assertRaisesRegex(ValueError, f"^{name} must not be negative"):
                PayslipInput(**values)
            values = {"base_wage": 4000, name: "four thousand"}
            with self.assertRaisesRegex(ValueError, f"^{name}: not a number"):
                PayslipInput(**values)
        with self.assertRaisesRegex(ValueError, "^base_wage: not a number"):
            PayslipInput(base_wage=None)
        with self.assertRaisesRegex(ValueError, "^special_deductions must not be negative"):
            PayslipInput(base_wage=4000, special_deductions=-1)
        with self.assertRaisesRegex(ValueError, "^contribution_wage must not be negative"):
            PayslipInput(base_wage=4000, contribution_wage=-1)
        with self.assertRaisesRegex(ValueError, "give both or neither"):
            PayslipInput(base_wage=4000, worked_days=15)
        with self.assertRaisesRegex(ValueError, "must not exceed calendar_days"):
            PayslipInput(base_wage=4000, worked_days=31, calendar_days=30)
        with self.assertRaisesRegex(ValueError, "unpaid_leave_deduction"):
            compute_payslip(PayslipInput(base_wage=4000, unpaid_leave_deduction=4000.01))
        good, bad = PayslipInput(base_wage=4000), PayslipInput(base_wage=4000, unpaid_leave_deduction=5000)
        with self.assertRaisesRegex(ValueError, "^payslip 3 of the batch: unpaid_leave_deduction"):
            compute_batch([good, good, bad, good])
        with self.assertRaisesRegex(ValueError, "contribution wage must not be negative"):
            contribution_lines(-5, HUNAN_LIKE)
        with self.assertRaisesRegex(ValueError, "between 0 and 12"):
            YearToDate(months_employed=13)
        with self.assertRaisesRegex(ValueError, "new tax year"):
            PayslipInput(base_wage=4000, ytd=YearToDate(months_employed=12))
        with self.assertRaisesRegex(ValueError, "between 1 and 12"):
            cumulative_withholding(months_employed=0, cumulative_income=0)
        with self.assertRaisesRegex(ValueError, "^ytd.tax_withheld must not be negative"):
            YearToDate(tax_withheld=-1)

    # ------------------------------------------------------------------ batch
    def test_compute_batch_5000(self):
        # Four cases checked above, repeated to 5,000 payslips; expected (tax, net):
        # - example 2, March (ytd of January and February): 1,850; 30,000 − 4,500 − 1,850 = 23,650
        # - the full payslip: 55.59; 8,797.41
        # - the joiner: 0; 1,826.20
        # - example 1, January: 75; 10,000 − 1,500 − 75 = 8,425
        march_ytd = YearToDate(2, d(60000), d(9000), d(4000), d(0), d(1180))
        cases = [
            (
                PayslipInput(
                    base_wage=30000,
                    insurance_rules=(THREE_INSURANCES_ONE_FUND,),
                    special_deductions=2000,
                    ytd=march_ytd,
                ),
                (d(1850), d(23650)),
            ),
            (
                PayslipInput(
                    base_wage=8000,
                    allowances=1000,
                    performance_pay=2000,
                    unpaid_leave_deduction=500,
                    insurance_rules=HUNAN_LIKE,
                    housing_fund_rule=HOUSING_FUND,
                    special_deductions=2000,
                ),
                (d("55.59"), d("8797.41")),
            ),
            (
                PayslipInput(
                    base_wage=4000,
                    allowances=600,
                    worked_days=15,
                    calendar_days=30,
                    insurance_rules=HUNAN_LIKE,
                ),
                (d(0), d("1826.20")),
            ),
            (
                PayslipInput(
                    base_wage=10000, insurance_rules=(THREE_INSURANCES_ONE_FUND,), special_deductions=1000
                ),
                (d(75), d(8425)),
            ),
        ]
        count = 5000
        started = time.perf_counter()
        inputs = [PayslipInput(**_fields(cases[i % len(cases)][0])) for i in range(count)]
        built = time.perf_counter()
        results = compute_batch(inputs)
        computed = time.perf_counter()
        self.assertEqual(len(results), count)
        for index, result in enumerate(results):
            self.assertEqual((result.tax, result.net), cases[index % len(cases)][1], index)
        _logger.info(
            "compute_batch: %d payslips in %.3f s (inputs: %.3f s)", count, computed - built, built - started
        )


def _fields(inp):
    """The constructor arguments of a PayslipInput (to copy one with a change)."""
    return {name: getattr(inp, name) for name in PayslipInput.__dataclass_fields__}
