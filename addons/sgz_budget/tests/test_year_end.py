import io

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BudgetCase


@tagged("post_install", "-at_install")
class TestYearEnd(BudgetCase):
    def test_carry_forward_balance_and_commitment(self):
        """2026: lottery 300,000.00, relief 100,000.00; the agreement commits 260,000.00 + 100,000.00 and the
        first quarter (65,000.00 + 25,000.00) is billed. Closing 2026:
        - lottery balance carried = allocated − actual = 300,000.00 − 65,000.00 = 235,000.00 (the open
          commitment 195,000.00 moves with its year; the free 40,000.00 comes along: 结余结转下年使用);
        - relief: its open commitment 75,000.00 moves; its unused money does not carry (not a lottery fund).
        2027 (lottery 100,000.00, relief 80,000.00): lottery allocated 335,000.00, committed 195,000.00,
        available 140,000.00; relief committed 75,000.00, available 5,000.00."""
        year = self._signed(self._split_agreement())
        bill = self._bill_period(year, "2026-03-01", "2026-04-10")
        self._post(bill, "2026-04-10")
        budget_2027 = self._budget(
            self.county_a, {self.fund_lottery: 100000, self.fund_relief: 80000}, year=2027
        )
        draft = self._direct_bill(self.county_a, 10, self.fund_relief, day="2026-11-01")
        with self.assertRaisesMsg(UserError, "draft|草稿"):
            self.budget_a.with_user(self.finance_a).action_close()
        draft.unlink()
        self.budget_a.with_user(self.finance_a).action_close()
        self.assertEqual(self.budget_a.state, "closed")
        carry = self.budget_a.carry_forward_ids
        self.assertEqual((carry.budget_from_id, carry.budget_to_id), (self.budget_a, budget_2027))
        self.assertEqual(carry.amount_balance, 235000.0)
        self.assertEqual(carry.amount_commitment, 270000.0)
        self.assertEqual(year.sgz_budget_year, 2027)
        lottery_2026 = self._line(self.budget_a, self.fund_lottery)
        self.assertEqual(
            self._figures(lottery_2026),
            {"allocated": 65000.0, "committed": 0.0, "actual": 65000.0, "paid": 0.0, "available": 0.0},
        )
        lottery_2027 = self._line(budget_2027, self.fund_lottery)
        relief_2027 = self._line(budget_2027, self.fund_relief)
        self.assertEqual(
            self._figures(lottery_2027),
            {"allocated": 335000.0, "committed": 195000.0, "actual": 0.0, "paid": 0.0, "available": 140000.0},
        )
        self.assertEqual(self._figures(relief_2027)["available"], 5000.0)
        # the next bill of the year releases its commitment in 2027
        bill2 = self._bill_period(year, "2026-06-01", "2027-01-10")
        self._post(bill2, "2027-01-10")
        self.assertEqual(self._figures(lottery_2027)["committed"], 130000.0)
        self.assertEqual(self._figures(lottery_2027)["actual"], 65000.0)
        # the carry-forward is evidence
        with self.assertRaisesMsg(UserError, "carry-forward 2026 → 2027 stays on record"):
            carry.sudo().unlink()
        with self.assertRaisesMsg(AccessError, "您的角色不能新建预算结转"):
            self.env["sgz.budget.carry.forward"].with_user(self.finance_a).create(
                {"budget_from_id": self.budget_a.id, "budget_to_id": budget_2027.id, "date": "2026-12-31"}
            )

    def test_reward_round(self):
        """Grades: excellent ≥ 90, good ≥ 80, qualified below; amounts 100,000.00 / 60,000.00 / 30,000.00.
        攸县's evaluation scores 50 + 32 = 82 (good) → 60,000.00; 茶陵县's is unqualified → nothing."""
        # 攸县 controls its money by budgets: the 2025 agreement year needs the 2025 budget
        self._budget(self.county_a, {self.fund_lottery: 300000, self.fund_relief: 100000}, year=2025)
        year_a = self._signed(self._split_agreement(), "2025-03-01")
        self._evaluate(year_a, "qualified", day="2026-02-20")
        agreement_b = self.env["sgz.agreement"].create(
            {
                "name": "茶陵县社工站服务协议",
                "company_id": self.county_b.id,
                "user_id": self.officer_b.id,
                "provider_id": self.provider_y.id,
                "fund_source_id": self.fund_lottery.id,
                "station_line_ids": [
                    Command.create(
                        {"station_id": self.station_b1.id, "worker_quota": 2, "annual_amount": 100000}
                    )
                ],
            }
        )
        with freeze_time("2025-03-01"):
            agreement_b.sudo().action_sign()
        self._evaluate(agreement_b.year_ids, "unqualified", day="2026-02-21")
        grades = {g.code: g for g in self.env["sgz.budget.reward.grade"].search([])}
        reward_round = (
            self.env["sgz.budget.reward.round"]
            .with_user(self.province_officer)
            .create(
                {
                    "name": "2026年度社工站奖励性补助",
                    "company_id": self.province.id,
                    "fiscal_year": 2026,
                    "evaluation_year": 2026,
                    "date": "2026-03-15",
                    "line_ids": [
                        Command.create({"grade_id": grades["excellent"].id, "amount": 100000}),
                        Command.create({"grade_id": grades["good"].id, "amount": 60000}),
                        Command.create({"grade_id": grades["qualified"].id, "amount": 30000}),
                    ],
                }
            )
        )
        reward_round.action_confirm()
        # (the demo data, when loaded, adds 长沙县's qualified evaluation: only 株洲's counties are looked at here)
        allocation = reward_round.allocation_ids.filtered(lambda a: a.target_company_id == self.county_a)
        self.assertEqual(len(allocation), 1)
        self.assertFalse(
            reward_round.allocation_ids.filtered(lambda a: a.target_company_id == self.county_b),
            "an unqualified county gets no reward",
        )
        self.assertEqual(allocation.amount, 60000.0)
        self.assertEqual(allocation.evaluation_ids, year_a.evaluation_ids)
        self.assertEqual(year_a.evaluation_ids.sgz_reward_grade_id, grades["good"])
        reward_line = self._line(self.budget_a, self.fund_reward)
        self.assertEqual(reward_line.received, 60000.0)
        with self.assertRaisesMsg(UserError, "奖励性补助 is already confirmed"):
            reward_round.action_confirm()

    def test_report_consolidation_and_xlsx(self):
        """The city's consolidated figures equal the sum of its two counties' figures."""
        year = self._signed(self._split_agreement())
        self._post(self._bill_period(year, "2026-03-01", "2026-04-10"), "2026-04-10")
        self._budget(self.county_b, {self.fund_lottery: 123456.78})
        self._post(
            self._direct_bill(self.county_b, 1234.56, self.fund_lottery, user=self.finance_b), "2026-04-11"
        )
        Report = self.env["sgz.budget.report"].with_user(self.city_officer)

        def rows(company, scope="company"):
            report = Report.create(
                {"company_id": company.id, "fiscal_year": 2026, "scope": scope, "date_as_of": "2026-12-31"}
            )
            report.action_compute()
            return report, {
                line.fund_source_id: {n: line[n] for n in ("allocated", "committed", "actual", "available")}
                for line in report.line_ids
            }

        _report_a, county_a = rows(self.county_a)
        _report_b, county_b = rows(self.county_b)
        report, city = rows(self.city, "consolidated")
        for fund in (self.fund_lottery, self.fund_relief):
            for name in ("allocated", "committed", "actual", "available"):
                expected = county_a.get(fund, {}).get(name, 0.0) + county_b.get(fund, {}).get(name, 0.0)
                self.assertAlmostEqual(city[fund][name], expected, places=2, msg=f"{fund.name} {name}")
        self.assertEqual(city[self.fund_lottery]["allocated"], 423456.78)
        self.assertEqual(city[self.fund_lottery]["actual"], 66234.56)
        # drill-down from the consolidated line to the bills of both counties
        line = report.line_ids.filtered(lambda line: line.fund_source_id == self.fund_lottery)
        rows = self.env["sgz.budget.entry"].search(line.action_open_actual()["domain"])
        self.assertEqual(rows.move_id.company_id, self.county_a | self.county_b)
        self.assertEqual(sum(rows.mapped("amount")), 66234.56)
        # county A's finance cannot report on the city or county B: the report of another bureau is refused at
        # its creation by the record rule (the report's own check would refuse its computation)
        with self.assertRaisesMsg(AccessError, "新建此预算执行情况报表：它属于其他单位"):
            self.env["sgz.budget.report"].with_user(self.finance_a).create(
                {"company_id": self.county_b.id, "fiscal_year": 2026}
            ).action_compute()
        # .xlsx with exact decimals
        _filename, content = report._sgz_export_content()
        sheet = load_workbook(io.BytesIO(content)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
        lottery_row = next(row for row in values if row[1] == self.fund_lottery.name)
        self.assertEqual(lottery_row[2], 423456.78)
        self.assertEqual(repr(lottery_row[5]), "66234.56")


@tagged("post_install", "-at_install")
class TestLotteryMoneyYears(BudgetCase):
    """Issue 16 §8–9: the provincial reward subsidy is welfare-lottery money, and unused lottery money is carried
    forward for two years at most, then returned to the finance department as surplus."""

    def test_reward_subsidy_is_lottery_money(self):
        """ "从省级福彩公益金中安排" (policy §三(一)): disclosed with the lottery funds, barred from travel, carried."""
        self.assertEqual(self.fund_reward.category, "lottery")
        travel = self.env.ref("sgz_budget.restriction_lottery_travel")
        self.assertIn(self.fund_reward, travel.fund_source_ids)
        budget = self._budget(self.county_a, {self.fund_reward: 50000}, year=2027)
        bill = self._direct_bill(self.county_a, 100, self.fund_reward, self.category_travel, day="2027-04-10")
        with self.assertRaisesMsg(UserError, "差旅|Travel"):
            self._post(bill, "2027-04-10")
        bill.unlink()
        self._budget(self.county_a, {self.fund_lottery: 1000}, year=2028)
        with freeze_time("2028-01-05"):
            budget.with_user(self.finance_a).action_close()
        carried = budget.carry_forward_ids.line_ids
        self.assertEqual(
            [(line.kind, line.fund_source_id, line.amount) for line in carried],
            [("balance", self.fund_reward, 50000.0)],
        )

    def test_carried_two_years_then_returned(self):
        """Worked (the oldest money is spent first):
        - 2023: 100,000.00 allocated, 30,000.00 spent → 70,000.00 of 2023 carried into 2024;
        - 2024: 50,000.00 of its own; 60,000.00 spent, all of it 2023's → 10,000.00 of 2023 and 50,000.00 of
          2024 carried into 2025;
        - 2025: 20,000.00 of its own; 5,000.00 spent, 2023's → at the closing of 2025 the 5,000.00 of 2023 left
          have been carried two years: returned to the finance department (国发〔2014〕45号); 50,000.00 of 2024
          and 20,000.00 of 2025 carried into 2026 (70,000.00).
        The 2025 line ends at allocated 20,000 + 60,000 − 70,000 − 5,000 = 5,000 = its 5,000 spent."""
        lottery = self.fund_lottery
        budgets = {
            year: self._budget(self.county_a, {lottery: amount}, year=year)
            for year, amount in ((2023, 100000), (2024, 50000), (2025, 20000))
        }
        for year, spent in ((2023, 30000), (2024, 60000), (2025, 5000)):
            bill = self._direct_bill(self.county_a, spent, lottery, day=f"{year}-04-10")
            self._post(bill, f"{year}-04-10")
            with freeze_time(f"{year + 1}-01-05"):
                budgets[year].with_user(self.finance_a).action_close()
        lines = lambda year: sorted(  # noqa: E731
            (line.kind, line.origin_year, line.amount) for line in budgets[year].carry_forward_ids.line_ids
        )
        self.assertEqual(lines(2023), [("balance", 2023, 70000.0)])
        self.assertEqual(lines(2024), [("balance", 2023, 10000.0), ("balance", 2024, 50000.0)])
        self.assertEqual(
            lines(2025),
            [("balance", 2024, 50000.0), ("balance", 2025, 20000.0), ("surplus", 2023, 5000.0)],
        )
        carry = budgets[2025].carry_forward_ids
        self.assertEqual((carry.amount_balance, carry.amount_surplus), (70000.0, 5000.0))
        self.assertEqual(carry.budget_to_id, self.budget_a)
        self.assertEqual(
            self._figures(self._line(budgets[2025], lottery)),
            {"allocated": 5000.0, "committed": 0.0, "actual": 5000.0, "paid": 0.0, "available": 0.0},
        )
        # the surplus leaves the ledger (one row, in 2025), it does not reach 2026
        surplus = carry.entry_ids.filtered(lambda entry: entry.kind == "surplus")
        self.assertEqual((surplus.fiscal_year, surplus.amount), (2025, -5000.0))
        into_2026 = self.env["sgz.budget.entry"].search(
            [("carry_forward_id", "=", carry.id), ("fiscal_year", "=", 2026)]
        )
        self.assertEqual(sum(into_2026.mapped("amount")), 70000.0)


@tagged("post_install", "-at_install")
class TestAsOfIsOnlyForReading(BudgetCase):
    """Issue 15 §1 (context keys): ``sgz_as_of`` dates the figures a user reads; a decision never honours it. A
    bill of 290,000.00 leaves 10,000.00 on the lottery line; a transfer of 50,000.00 from it, submitted and
    approved with the figures "as of" January (300,000.00 available then), is refused all the same."""

    def test_transfer_decided_on_todays_ledger(self):
        lottery = self._line(self.budget_a, self.fund_lottery)
        relief = self._line(self.budget_a, self.fund_relief)
        self._post(self._direct_bill(self.county_a, 290000, self.fund_lottery), "2026-04-10")
        early = {"sgz_as_of": "2026-01-10"}
        self.assertEqual(self._figures(lottery, as_of="2026-01-10")["available"], 300000.0)
        Transfer = self.env["sgz.budget.transfer"].with_user(self.finance_a).with_context(**early)
        transfer = Transfer.create(
            {
                "budget_id": self.budget_a.id,
                "source_line_id": lottery.id,
                "target_line_id": relief.id,
                "amount": 50000,
                "date": "2026-05-01",
                "reason": "调剂",
            }
        )
        with self.assertRaisesMsg(UserError, r"50,000\.00.*10,000\.00"):
            transfer.action_submit()
        self.assertEqual(self._figures(lottery)["available"], 10000.0)
