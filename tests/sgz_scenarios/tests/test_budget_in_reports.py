"""Budget execution in the periodic reports: sgz_reporting reads the budget ledger of sgz_budget."""

import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.sgz_budget.tests.common import BudgetCase
from odoo.addons.sgz_reporting.lib.periods import Period


@tagged("post_install", "-at_install")
class TestBudgetInReports(BudgetCase):
    """攸县民政局's 2026 budget (BudgetCase): county lottery funds 300,000.00, relief work funds 100,000.00.

    Signed 1 March 2026: the agreement year of 360,000.00 commits 260,000.00 lottery + 100,000.00 relief.
    Billed 10 April: the first quarter, 90,000.00 = 65,000.00 lottery + 25,000.00 relief, moves from committed to
    actual. So the second-quarter report of 攸县 reads, as of 30 June:
        lottery  budget 300,000.00  committed 260,000.00 − 65,000.00 = 195,000.00  actual 65,000.00
                 available 300,000.00 − 195,000.00 − 65,000.00 = 40,000.00
        relief   budget 100,000.00  committed 75,000.00  actual 25,000.00  available 0.00
    and, for the previous quarter (as of 31 March, before the bill), lottery committed 260,000.00, actual 0.00."""

    def setUp(self):
        super().setUp()
        year = self._signed(self._split_agreement())
        self._post(self._bill_period(year, "2026-03-01", "2026-04-10"), "2026-04-10")

    def _values(self, company, date_from, date_to):
        rows = self.env["sgz.report"]._sgz_budget_figures(company, date_from, date_to)
        return {row["code"]: row["value"] for row in rows}

    def test_hook_reads_the_ledger(self):
        q2 = self._values(self.county_a, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
        self.assertEqual(
            q2,
            {
                "budget_lottery_county_allocated": 300000.0,
                "budget_lottery_county_committed": 195000.0,
                "budget_lottery_county_actual": 65000.0,
                "budget_lottery_county_available": 40000.0,
                "budget_relief_work_allocated": 100000.0,
                "budget_relief_work_committed": 75000.0,
                "budget_relief_work_actual": 25000.0,
                "budget_relief_work_available": 0.0,
            },
        )
        q1 = self._values(self.county_a, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
        self.assertEqual(q1["budget_lottery_county_committed"], 260000.0)
        self.assertEqual(q1["budget_lottery_county_actual"], 0.0)
        # the city consolidates the bureaus below it: 茶陵县 has no budget, so the city reads 攸县's figures
        self.assertEqual(self._values(self.city, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)), q2)
        # another year's report reads nothing of 2026
        self.assertEqual(
            self._values(self.county_a, datetime.date(2027, 4, 1), datetime.date(2027, 6, 30)), {}
        )

    def test_county_quarterly_report_lists_the_budget(self):
        rtype = self.env.ref("sgz_reporting.report_type_county_quarterly")
        Report = self.env["sgz.report"].with_context(lang="zh_CN")
        with freeze_time("2026-07-02"):
            report = Report._sgz_generate(
                rtype,
                [Period("quarter", datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))],
                self.county_a,
            )
            report._sgz_refresh_figures()
        self.assertEqual(len(report), 1)
        line = report.line_ids.filtered(lambda row: row.code == "budget_lottery_county_actual")
        self.assertEqual((line.section, line.value, line.previous_value), ("budget", 65000.0, 0.0))
        self.assertIn("县级福彩公益金", line.name)
        self.assertIn("实际支出", line.name)
        committed = report.line_ids.filtered(lambda row: row.code == "budget_lottery_county_committed")
        self.assertEqual((committed.value, committed.previous_value), (195000.0, 260000.0))
