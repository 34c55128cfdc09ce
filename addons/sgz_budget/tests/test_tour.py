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
