from odoo.tests import HttpCase, tagged

from .common import BudgetCase


@tagged("post_install", "-at_install", "sgz_tour")
class TestExecutionTour(HttpCase, BudgetCase):
    def test_finance_drills_down_to_a_bill(self):
        year = self._signed(self._split_agreement())
        bill = self._bill_period(year, "2026-03-01", "2026-04-10")
        self._post(bill, "2026-04-10")
        self.finance_a.write({"password": "finance_a_pw", "tz": "Asia/Shanghai"})
        self.start_tour("/odoo", "sgz_budget_execution_tour", login="finance_a", timeout=180)


@tagged("post_install", "-at_install", "sgz_tour")
class TestTransferTour(HttpCase):
    """Issue 20: county finance's flow with its approval, on the demo as installed (password = login): finance
    submits a transfer, the approver finds it counted in the top bar and approves it."""

    def test_finance_transfer_approved_by_the_approver(self):
        Transfer = self.env["sgz.budget.transfer"]
        self.start_tour("/odoo", "sgz_budget_transfer_tour", login="finance", timeout=240)
        transfer = Transfer.search([("reason", "=", "培训经费结余调剂至购买服务")])
        self.assertEqual(len(transfer), 1)
        self.assertEqual(transfer.amount, 1000)
        self.assertEqual(transfer.sgz_approval_status, "pending")
        lottery = transfer.target_line_id
        allocated = lottery.allocated
        self.start_tour("/odoo", "sgz_budget_transfer_approve_tour", login="approver", timeout=240)
        self.assertEqual(transfer.state, "confirmed")
        lottery.invalidate_recordset()
        self.assertEqual(lottery.allocated, allocated + 1000)
