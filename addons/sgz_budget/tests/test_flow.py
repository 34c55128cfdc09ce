from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BudgetCase


@tagged("post_install", "-at_install")
class TestBudgetFlow(BudgetCase):
    def test_allocation_commitment_bill_payment_refund(self):
        """The worked example, to the fen, at each step.

        Budget 攸县 2026: county lottery 300,000.00, relief work 100,000.00 (service purchase).
        1. 株洲市 allocates 50,000.00 of city lottery funds: a new line, allocated = received = 50,000.00.
        2. Year 1 of the agreement (360,000.00) is signed on 1 March, split 260,000.00 lottery + 100,000.00 relief:
           lottery committed 260,000.00, available 300,000.00 − 260,000.00 = 40,000.00; relief available 0.00.
        3. The first quarter is billed on 10 April: A1 50,000.00 + A2 40,000.00 = 90,000.00, of which lottery
           36,111.11 + 28,888.89 = 65,000.00 and relief 13,888.89 + 11,111.11 = 25,000.00 (each fund's share of
           the order, 260/360 and 100/360, cumulated line by line). Lottery: actual 65,000.00, committed
           260,000.00 − 65,000.00 = 195,000.00, available still 40,000.00 (the commitment is not counted twice).
        4. 45,000.00 of the 90,000.00 is paid on 20 April: half of each actual is paid — lottery 32,500.00,
           relief 12,500.00.
        5. The bill is refunded in full on 1 May: actual back to 0.00, commitment back to 260,000.00.
        """
        lottery = self._line(self.budget_a, self.fund_lottery)
        relief = self._line(self.budget_a, self.fund_relief)
        self.assertEqual(
            self._figures(lottery),
            {"allocated": 300000.0, "committed": 0.0, "actual": 0.0, "paid": 0.0, "available": 300000.0},
        )
        # 1. allocation from the city
        with freeze_time("2026-02-01"):
            allocation = (
                self.env["sgz.budget.allocation"]
                .with_user(self.city_officer)
                .create(
                    {
                        "company_id": self.city.id,
                        "target_company_id": self.county_a.id,
                        "fiscal_year": 2026,
                        "fund_source_id": self.fund_lottery_city.id,
                        "amount": 50000,
                        "date": "2026-02-01",
                    }
                )
            )
            allocation.action_confirm()
        city_line = self._line(self.budget_a, self.fund_lottery_city)
        self.assertEqual(city_line.received, 50000.0)
        self.assertEqual(city_line.available, 50000.0)
        self.assertEqual(city_line.allocation_ids, allocation)
        self.assertIn("株洲市民政局", self.budget_a.message_ids.mapped("body")[0])
        # county finance sees the allocation it received
        self.assertEqual(allocation.with_user(self.finance_a).read(["amount"])[0]["amount"], 50000.0)
        # 2. commitment
        year = self._signed(self._split_agreement())
        self.assertEqual(year.sgz_committed, 360000.0)
        self.assertEqual(
            self._figures(lottery),
            {"allocated": 300000.0, "committed": 260000.0, "actual": 0.0, "paid": 0.0, "available": 40000.0},
        )
        self.assertEqual(self._figures(relief)["available"], 0.0)
        order = year.sudo().purchase_order_id
        self.assertEqual(len(order.order_line), 16, "8 service lines, each split over the two funds")
        lottery_lines = order.order_line.filtered(lambda line: line.sgz_fund_source_id == self.fund_lottery)
        self.assertAlmostEqual(sum(lottery_lines.mapped("price_subtotal")), 260000.0, places=2)
        # drill-down: the commitment opens to the agreement year
        action = lottery.with_user(self.finance_a).action_open_committed()
        self.assertEqual(self.env["sgz.agreement.year"].search(action["domain"]), year)
        # 3. partial bill: the first quarter
        bill = self._bill_period(year, "2026-03-01", "2026-04-10")
        self.assertAlmostEqual(bill.amount_total, 90000.0, places=2)
        self._post(bill, "2026-04-10")
        self.assertEqual(
            self._figures(lottery),
            {
                "allocated": 300000.0,
                "committed": 195000.0,
                "actual": 65000.0,
                "paid": 0.0,
                "available": 40000.0,
            },
        )
        self.assertEqual(
            self._figures(relief),
            {"allocated": 100000.0, "committed": 75000.0, "actual": 25000.0, "paid": 0.0, "available": 0.0},
        )
        # "as of" before the bill: nothing billed yet
        self.assertEqual(self._figures(lottery, as_of="2026-04-09")["committed"], 260000.0)
        action = lottery.with_user(self.finance_a).action_open_actual()
        rows = self.env["sgz.budget.entry"].search(action["domain"])
        self.assertEqual((rows.move_id, sum(rows.mapped("amount"))), (bill, 65000.0))
        # 4. payment of half the bill
        self._pay(bill, 45000, "2026-04-20")
        self.assertEqual(bill.payment_state, "partial")
        self.assertEqual(self._figures(lottery)["paid"], 32500.0)
        self.assertEqual(self._figures(relief)["paid"], 12500.0)
        self.assertEqual(self._figures(lottery, as_of="2026-04-19")["paid"], 0.0)
        # 5. refund in full
        with freeze_time("2026-05-01"):
            refund = bill._reverse_moves([{"date": "2026-05-01", "invoice_date": "2026-05-01"}])
            refund.action_post()
        self.assertEqual(refund.move_type, "in_refund")
        self.assertEqual(
            {k: v for k, v in self._figures(lottery).items() if k != "paid"},
            {"allocated": 300000.0, "committed": 260000.0, "actual": 0.0, "available": 40000.0},
        )
        self.assertEqual(self._figures(lottery, as_of="2026-04-30")["actual"], 65000.0)

    def test_agreement_change_moves_the_commitment(self):
        """An agreement change (sgz_procurement) re-prices the unbilled periods; the budget follows: the
        difference is committed or released on the split's funds, under the same hard control.

        Signed 1 March 2026, quarterly: 江桥 (A1) 200,000.00 a year = 50,000.00 a quarter. From 1 June 2026 A1
        drops to 180,000.00 = 45,000.00 a quarter for the three quarters left: the year falls by 15,000.00, split
        260/360 on lottery funds (10,833.33) and 100/360 on relief funds (4,166.67)."""
        year = self._signed(self._split_agreement())
        lottery = self._line(self.budget_a, self.fund_lottery)
        relief = self._line(self.budget_a, self.fund_relief)
        Change = self.env["sgz.agreement.change"].with_user(self.officer_a)
        vals = {
            "agreement_id": year.agreement_id.id,
            "kind": "policy",
            "date": "2026-06-01",
            "reason": "县财政调整",
            "description": "江桥街道社工站年度经费调整",
        }
        # an increase beyond the relief funds' line is refused, nothing saved
        with self.assertRaisesMsg(UserError, "short by|不足"):
            Change.create(
                dict(
                    vals,
                    line_ids=[Command.create({"station_id": self.station_a1.id, "annual_amount": 220000})],
                )
            )
        self.assertEqual(year.amount, 360000.0)
        Change.create(
            dict(vals, line_ids=[Command.create({"station_id": self.station_a1.id, "annual_amount": 180000})])
        )
        self.assertEqual(year.amount, 345000.0)
        self.assertEqual(self._figures(lottery)["committed"], 249166.67)
        self.assertEqual(self._figures(relief)["committed"], 95833.33)
        self.assertEqual(sum(year.sgz_fund_split_ids.mapped("amount")), 345000.0)
        order_lines = year.sudo().purchase_order_id.order_line
        self.assertAlmostEqual(sum(order_lines.mapped("price_subtotal")), 345000.0, places=2)

    def test_reset_to_draft_reverses(self):
        year = self._signed(self._split_agreement())
        lottery = self._line(self.budget_a, self.fund_lottery)
        bill = self._bill_period(year, "2026-03-01", "2026-04-10")
        self._post(bill, "2026-04-10")
        self.assertEqual(self._figures(lottery)["actual"], 65000.0)
        with freeze_time("2026-04-12"):
            bill.button_draft()
        self.assertEqual(self._figures(lottery)["actual"], 0.0)
        self.assertEqual(self._figures(lottery)["committed"], 260000.0)
        # the rows stay on record: posting, then its reversal
        entries = bill.sudo().sgz_budget_entry_ids
        self.assertEqual(len(entries.filtered(lambda e: e.kind == "actual")), 4)
        self.assertAlmostEqual(sum(entries.mapped("amount")), 0.0, places=2)
        with self.assertRaisesMsg(UserError, "reset to draft stays on record"):
            entries[0].unlink()
        # posting again counts once
        self._post(bill, "2026-04-13")
        self.assertEqual(self._figures(lottery)["actual"], 65000.0)
        self.assertEqual(self._figures(lottery)["committed"], 195000.0)

    def test_over_commitment_refused_then_exception(self):
        """Available lottery after the first agreement: 40,000.00. A second agreement needing 60,000.00 of it is
        short by 20,000.00; an approved exception for that agreement lets it through and is logged."""
        self._signed(self._split_agreement())
        second = self._agreement(
            name="攸县社工站督导协议",
            station_line_ids=[
                Command.create({"station_id": self.station_a1.id, "worker_quota": 1, "annual_amount": 60000})
            ],
        )
        with self.assertRaisesMsg(UserError, r"20,000\.00.*40,000\.00.*60,000\.00"):
            self._signed(second, "2026-03-10")
        self.assertEqual(second.state, "draft")
        lottery = self._line(self.budget_a, self.fund_lottery)
        self.assertEqual(self._figures(lottery)["committed"], 260000.0)
        # an exception needs its reason
        Exception_ = self.env["sgz.budget.exception"].with_user(self.finance_a)
        vals = {"budget_line_id": lottery.id, "document_ref": f"sgz.agreement,{second.id}", "amount": 20000}
        with self.assertRaisesMsg(UserError, "reason|理由"):
            Exception_.create(dict(vals, reason="  "))
        exception = Exception_.create(dict(vals, reason="上级资金已下达，待调整预算"))
        exception.action_submit()
        self.assertEqual(exception.sgz_approval_status, "pending")
        # finance, who asked, is no reviewer of it; the approver decides
        with self.assertRaisesMsg(UserError, "Only members of .*County Approver can decide this review"):
            exception.with_user(self.finance_a).action_sgz_approve()
        exception.with_user(self.approver_a).action_sgz_approve()
        self.assertEqual(exception.state, "approved")
        self._signed(second, "2026-03-10")
        self.assertEqual(second.state, "active")
        self.assertEqual(exception.state, "used")
        self.assertEqual(self._figures(lottery)["available"], -20000.0)
        self.assertEqual(lottery.exception_ids, exception)
        bodies = " ".join(self.budget_a.message_ids.mapped("body"))
        self.assertIn("上级资金已下达", bodies)
        self.assertIn(second.year_ids.name, bodies)

    def test_direct_bill_over_budget_refused(self):
        training = self.env["sgz.budget.line"].search([("budget_id", "=", self.budget_a.id)], limit=1)
        self.assertTrue(training)
        bill = self._direct_bill(self.county_a, 300000.01, self.fund_lottery)
        with self.assertRaisesMsg(UserError, r"0\.01"):
            self._post(bill, "2026-04-10")
        self.assertEqual(bill.state, "draft")
        self.assertFalse(bill.sudo().sgz_budget_entry_ids)

    def test_transfer(self):
        """Relief → lottery: 30,000.00 moves after approval; lottery 330,000.00, relief 70,000.00."""
        lottery = self._line(self.budget_a, self.fund_lottery)
        relief = self._line(self.budget_a, self.fund_relief)
        Transfer = self.env["sgz.budget.transfer"].with_user(self.finance_a)
        vals = {
            "budget_id": self.budget_a.id,
            "source_line_id": relief.id,
            "target_line_id": lottery.id,
            "amount": 30000,
            "date": "2026-03-01",
        }
        no_reason = Transfer.create(vals)
        with self.assertRaisesMsg(UserError, "reason|理由"):
            no_reason.action_submit()
        too_much = Transfer.create(dict(vals, amount=100000.01, reason="调剂"))
        with self.assertRaisesMsg(UserError, r"100,000\.01.*100,000\.00"):
            too_much.action_submit()
        transfer = Transfer.create(dict(vals, reason="救助经费调剂至福彩公益金项目"))
        transfer.action_submit()
        self.assertEqual(transfer.state, "draft")
        self.assertEqual(self._figures(lottery)["allocated"], 300000.0)
        with self.assertRaisesMsg(
            UserError, r"is locked \(waiting for approval\): Amount can no longer be changed"
        ):
            transfer.with_user(self.finance_a).write({"amount": 1})  # locked while waiting for approval
        transfer.with_user(self.approver_a).action_sgz_approve()
        self.assertEqual(transfer.state, "confirmed")
        self.assertEqual(self._figures(lottery)["allocated"], 330000.0)
        self.assertEqual(self._figures(relief)["allocated"], 70000.0)
        self.assertIn("救助经费调剂", " ".join(self.budget_a.message_ids.mapped("body")))
        # between two budgets: refused
        budget_b = self._budget(self.county_b, {self.fund_lottery: 10000})
        with self.assertRaisesMsg(Exception, "one budget|同一预算|一个预算"):
            Transfer.sudo().create(dict(vals, target_line_id=budget_b.line_ids.id, reason="x"))
        # the state never moves by a write: not to confirmed without the approval, nor back once approved
        with self.assertRaisesMsg(UserError, "needs approval before it can become “Confirmed”"):
            no_reason.write({"state": "confirmed"})
        with self.assertRaisesMsg(UserError, "State of Budget Transfer change only through the buttons"):
            transfer.write({"state": "draft"})

    def test_approved_budget_changes_only_by_transfer(self):
        lottery = self._line(self.budget_a, self.fund_lottery).with_user(self.finance_a)
        with self.assertRaisesMsg(UserError, "transfer|调剂"):
            lottery.write({"amount": 1})
        with self.assertRaisesMsg(
            UserError, r"budget is locked \(Approved\): Lines can no longer be changed"
        ):
            self.budget_a.with_user(self.finance_a).write(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "fund_source_id": self.fund_reward.id,
                                "category_id": self.category_service.id,
                                "amount": 5,
                            }
                        )
                    ]
                }
            )
        with self.assertRaisesMsg(UserError, "2026 budget stays on record"):
            self.budget_a.with_user(self.finance_a).unlink()
        with self.assertRaisesMsg(UserError, "State of Budget change only through the buttons"):
            self.budget_a.with_user(self.finance_a).write({"state": "draft"})
        self.assertEqual(lottery.amount, 300000.0)

    def test_bad_inputs(self):
        Budget = self.env["sgz.budget"].with_user(self.finance_a)
        with self.assertRaisesMsg(Exception, "攸县民政局.*2026"):
            Budget.create({"company_id": self.county_a.id, "fiscal_year": 2026})
        with self.assertRaisesMsg(Exception, r"\S"):
            Budget.create({"company_id": self.county_a.id, "fiscal_year": "abc"})
        # a barred pair: lottery money for travel
        with self.assertRaisesMsg(UserError, "差旅|Travel"):
            Budget.create(
                {
                    "company_id": self.county_a.id,
                    "fiscal_year": 2027,
                    "line_ids": [
                        Command.create(
                            {
                                "fund_source_id": self.fund_lottery.id,
                                "category_id": self.category_travel.id,
                                "amount": 1000,
                            }
                        )
                    ],
                }
            )
        Allocation = self.env["sgz.budget.allocation"].with_user(self.city_officer)
        vals = {
            "company_id": self.city.id,
            "target_company_id": self.county_a.id,
            "fiscal_year": 2026,
            "fund_source_id": self.fund_lottery_city.id,
            "amount": 100,
        }
        with self.assertRaisesMsg(Exception, "positive|正数|大于"):
            Allocation.create(dict(vals, amount=-5))
        with self.assertRaisesMsg(Exception, r"\S"):
            Allocation.create(dict(vals, amount="abc"))
        with self.assertRaisesMsg(Exception, "株洲市民政局"):
            Allocation.create(dict(vals, company_id=self.county_a.id, target_company_id=self.city.id))
        # a fund split that does not add up to the year
        agreement = self._split_agreement(lottery=250000)
        with self.assertRaisesMsg(UserError, r"350,000\.00.*360,000\.00"):
            self._signed(agreement)
        self.assertEqual(agreement.state, "draft")
        # a bill line without fund source on an agreement bill
        year = self._signed(self._split_agreement())
        bill = self._bill_period(year, "2026-03-01", "2026-04-10")
        bill.invoice_line_ids[0].sgz_fund_source_id = False
        with self.assertRaisesMsg(UserError, "fund source|资金来源"):
            self._post(bill, "2026-04-10")
        # a bill paying travel with lottery money
        travel = self._direct_bill(self.county_a, 100, self.fund_lottery, self.category_travel)
        with self.assertRaisesMsg(UserError, "差旅|Travel"):
            self._post(travel, "2026-04-10")
        # a direct bill line with a fund source but no category
        bare = self._direct_bill(self.county_a, 100, self.fund_relief)
        bare.invoice_line_ids.sgz_budget_category_id = False
        with self.assertRaisesMsg(UserError, "category|类别"):
            self._post(bare, "2026-04-10")


@tagged("post_install", "-at_install")
class TestBudgetHoles(BudgetCase):
    """Each way around the hard control found by the RPC review, made as county finance did it."""

    def test_no_spending_in_a_year_without_budget(self):
        """攸县 controls its money by budgets (2026 adopted): a bill dated 2027 or 2024 is refused."""
        for day in ("2027-01-05", "2024-06-30"):
            with self.subTest(day=day):
                bill = self._direct_bill(self.county_a, 1000, self.fund_lottery, day=day)
                with self.assertRaisesMsg(UserError, "no approved budget|没有已批准的预算|预算"):
                    self._post(bill, day)

    def test_agreement_bill_dated_in_its_budget_year(self):
        year = self._signed(self._split_agreement())
        bill = self._bill_period(year, "2026-03-01", "2026-04-10")
        bill.write({"invoice_date": "2027-01-05", "date": "2027-01-05"})
        with self.assertRaisesMsg(UserError, "2026"):
            self._post(bill, "2027-01-05")

    def test_refunds_only_give_back_what_a_bill_spent(self):
        bill = self._post(self._direct_bill(self.county_a, 10000, self.fund_lottery), "2026-04-10")
        free_refund = self._direct_bill(self.county_a, 500000, self.fund_lottery)
        free_refund.write({"move_type": "in_refund"})
        with self.assertRaisesMsg(UserError, "Credit Note|红字|退款|冲销"):
            self._post(free_refund, "2026-04-11")
        # 攸县 lottery 300,000.00: spend 290,000.00 more (nothing left), refund the 10,000.00 bill (10,000.00 back),
        # spend them, then undo the refund: the line would go 10,000.00 below zero
        self._post(
            self._direct_bill(self.county_a, 290000, self.fund_lottery, day="2026-04-10"), "2026-04-10"
        )
        with freeze_time("2026-04-12"):
            refund = bill._reverse_moves([{"date": "2026-04-12", "invoice_date": "2026-04-12"}])
            refund.action_post()
        self._post(self._direct_bill(self.county_a, 10000, self.fund_lottery, day="2026-04-13"), "2026-04-13")
        with freeze_time("2026-04-14"), self.assertRaisesMsg(UserError, "short|不足"):
            refund.with_user(self.finance_a).button_draft()

    def test_every_bureau_bill_line_names_its_fund(self):
        bill = self._direct_bill(self.county_a, 1000000, self.fund_lottery)
        bill.invoice_line_ids.write({"sgz_fund_source_id": False})
        with self.assertRaisesMsg(UserError, "fund source|资金来源"):
            self._post(bill, "2026-04-10")

    def test_no_commitment_without_a_fund(self):
        agreement = self._agreement(fund_source_id=False)
        with self.assertRaisesMsg(UserError, "fund source|资金来源"):
            self._signed(agreement)
        self.assertEqual(agreement.state, "draft")

    def test_split_and_exception_stay_where_they_are(self):
        year = self._signed(self._split_agreement())
        agreement = self._split_agreement(name="另一协议")
        with self.assertRaisesMsg(UserError, "were set when it was created and cannot change"):
            agreement.sgz_fund_split_ids[0].with_user(self.officer_a).write(
                {"agreement_id": False, "year_id": year.id}
            )
