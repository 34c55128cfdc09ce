from odoo.tests import tagged

from .common import BudgetCase


@tagged("post_install", "-at_install")
class TestTransferWords(BudgetCase):
    """Issue 20 §12: a transfer is named after its two lines, the source line is not offered as the target, and
    a submitted transfer can be withdrawn by finance and changed."""

    def _transfer(self):
        lottery = self._line(self.budget_a, self.fund_lottery)
        relief = self._line(self.budget_a, self.fund_relief)
        transfer = (
            self.env["sgz.budget.transfer"]
            .with_user(self.finance_a)
            .with_context(lang="zh_CN")
            .create(
                {
                    "budget_id": self.budget_a.id,
                    "source_line_id": relief.id,
                    "target_line_id": lottery.id,
                    "amount": 30000,
                    "date": "2026-03-01",
                    "reason": "救助经费调剂至福彩公益金项目",
                }
            )
        )
        return transfer, relief, lottery

    def test_named_after_its_lines(self):
        transfer, relief, lottery = self._transfer()
        self.assertIn(relief.fund_source_id.with_context(lang="zh_CN").name, transfer.name)
        self.assertIn(relief.category_id.with_context(lang="zh_CN").name, transfer.name)
        self.assertIn(lottery.fund_source_id.with_context(lang="zh_CN").name, transfer.name)
        self.assertIn("→", transfer.name)

    def test_source_line_not_offered_as_target(self):
        arch = self.env["sgz.budget.transfer"].get_view(view_type="form")["arch"]
        self.assertIn("('id', '!=', source_line_id)", arch)

    def test_finance_withdraws_a_submitted_transfer(self):
        transfer, _relief, _lottery = self._transfer()
        transfer.action_submit()
        self.assertEqual(transfer.sgz_approval_status, "pending")
        transfer.action_sgz_withdraw()
        self.assertNotEqual(transfer.sgz_approval_status, "pending")
        transfer.write({"amount": 20000})  # unlocked: finance corrects it
        transfer.action_submit()
        transfer.with_user(self.approver_a).action_sgz_approve()
        self.assertEqual(transfer.state, "confirmed")
