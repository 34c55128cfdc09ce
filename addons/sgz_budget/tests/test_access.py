from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.access_matrix import check_matrix

from .common import BudgetCase

# r/w/c/d per role (province ⊃ city ⊃ county officer; approver ⊃ county officer). Providers and evaluators: none.
OFFICER_READ = {
    "province_officer": "r",
    "city_officer": "r",
    "county_officer": "r",
    "county_approver": "r",
    "county_finance": "r",
    "provider_manager": "",
    "provider_hr": "",
    "evaluator": "",
}
FINANCE_WRITES = dict(OFFICER_READ, county_finance="rwcd", city_officer="rwcd", province_officer="rwcd")
MATRIX = {
    "sgz.budget": FINANCE_WRITES,
    "sgz.budget.line": FINANCE_WRITES,
    "sgz.budget.entry": OFFICER_READ,
    "sgz.budget.category": OFFICER_READ,
    "sgz.budget.restriction": OFFICER_READ,
    "sgz.budget.reward.grade": OFFICER_READ,
    "sgz.budget.allocation": dict(OFFICER_READ, city_officer="rwcd", province_officer="rwcd"),
    "sgz.budget.transfer": FINANCE_WRITES,
    "sgz.budget.exception": FINANCE_WRITES,
    "sgz.budget.carry.forward": OFFICER_READ,
    "sgz.budget.carry.forward.line": OFFICER_READ,
    "sgz.budget.reward.round": dict(OFFICER_READ, province_officer="rwcd"),
    "sgz.budget.reward.round.line": dict(OFFICER_READ, province_officer="rwcd"),
    "sgz.agreement.year.fund": dict(
        OFFICER_READ,
        province_officer="rwcd",
        city_officer="rwcd",
        county_officer="rwcd",
        county_approver="rwcd",
        county_finance="rwcd",
    ),
    "sgz.lottery.disclosure": FINANCE_WRITES,
    "sgz.lottery.disclosure.line": OFFICER_READ,
    "sgz.lottery.disclosure.station": OFFICER_READ,
}


@tagged("post_install", "-at_install")
class TestBudgetAccess(BudgetCase):
    def test_matrix(self):
        check_matrix(self, "sgz_budget", MATRIX, self.role_users)

    def test_record_rules(self):
        budget_b = self._budget(self.county_b, {self.fund_lottery: 10000}, approve=False)
        budgets = self.budget_a | budget_b
        Budget = self.env["sgz.budget"]
        # county finance of 攸县 reads its own budget only
        self.assertEqual(Budget.with_user(self.finance_a).search([("id", "in", budgets.ids)]), self.budget_a)
        with self.assertRaisesMsg(AccessError, "您不能打开此预算：它属于其他单位"):
            budget_b.with_user(self.finance_a).read(["name"])
        with self.assertRaisesMsg(AccessError, "您不能打开此预算行：它属于其他单位"):
            budget_b.line_ids.with_user(self.finance_a).read(["amount"])
        # its ledger rows too
        self._signed(self._split_agreement())
        entries = self.env["sgz.budget.entry"].with_user(self.finance_b).search([])
        self.assertFalse(entries.filtered(lambda e: e.company_id == self.county_a))
        # the city sees both counties, the province all
        self.assertEqual(Budget.with_user(self.city_officer).search([("id", "in", budgets.ids)]), budgets)
        self.assertEqual(Budget.with_user(self.province_officer).search([("id", "in", budgets.ids)]), budgets)
        # providers and evaluators: nothing
        for user in (self.manager_x, self.hr_x, self.evaluator):
            with self.assertRaisesMsg(AccessError, "您的角色不能打开预算"):
                Budget.with_user(user).search([])
            with self.assertRaisesMsg(AccessError, "您的角色不能打开预算"):
                self.budget_a.with_user(user).read(["name"])
        # county finance may not create a budget for another county
        # refused first by reading 茶陵县's organization, in a sentence without a technical name
        with self.assertRaisesMsg(AccessError, "您不能打开此公司：它属于其他单位"):
            Budget.with_user(self.finance_a).create({"company_id": self.county_b.id, "fiscal_year": 2030})
