import functools

from odoo import Command
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import new_test_user, tagged

from odoo.addons.sgz_base.tests.concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestSimultaneousPostings(ConcurrencyCase):
    """Two finance users of 浏阳市民政局 post a 20,000.00 bill each against a 30,000.00 budget line at the same
    moment: exactly one passes; the other gets the shortfall sentence and nothing of it is written."""

    def test_two_bills_one_fits(self):
        with self.committed() as env:
            company = env.ref("sgz_base.company_liuyang")
            root = company.root_id
            if not root.chart_template:
                env["account.chart.template"].try_loading("generic_coa", root, install_demo=False)
            fund = env.ref("sgz_base.fund_source_relief_work")
            category = env.ref("sgz_budget.budget_category_training")
            users = [
                new_test_user(
                    env,
                    login=f"liuyang_finance_{n}",
                    groups="sgz_base.sgz_base_group_county_finance",
                    company_id=company.id,
                    company_ids=[Command.set(company.ids)],
                )
                for n in (1, 2)
            ]
            budget = env["sgz.budget"].create(
                {
                    "company_id": company.id,
                    "fiscal_year": 2031,
                    "line_ids": [
                        Command.create(
                            {"fund_source_id": fund.id, "category_id": category.id, "amount": 30000}
                        )
                    ],
                }
            )
            budget.sudo()._sgz_approval_apply("approved")
            bills = (
                env["account.move"]
                .with_company(company)
                .create(
                    [
                        {
                            "move_type": "in_invoice",
                            "company_id": company.id,
                            "partner_id": env.ref("sgz_base.company_provider_liuyang").partner_id.id,
                            "invoice_date": "2031-03-01",
                            "date": "2031-03-01",
                            "invoice_line_ids": [
                                Command.create(
                                    {
                                        "name": f"督导培训 {n}",
                                        "quantity": 1,
                                        "price_unit": 20000,
                                        "tax_ids": [Command.clear()],
                                        "sgz_fund_source_id": fund.id,
                                        "sgz_budget_category_id": category.id,
                                    }
                                )
                            ],
                        }
                        for n in (1, 2)
                    ]
                )
            )
            bill_ids, user_ids, budget_id = bills.ids, [u.id for u in users], budget.id
        with self.two_envs(*user_ids, context={"sgz_budget_log_refusal": True}) as (env_a, env_b):
            env_b.cr.execute("SELECT 1")  # user B's transaction has started: it sees the data of this moment
            env_a["account.move"].browse(bill_ids[0]).action_post()
            env_a.cr.commit()  # A passes

            def post_b():
                env_b["account.move"].browse(bill_ids[1]).action_post()

            with self.assertRaises(UserError) as caught:
                # what the web client's request runs through: a serialization failure is retried
                retrying(functools.partial(post_b), env_b)
            self.assertRegex(str(caught.exception), r"10,000\.00.*10,000\.00.*20,000\.00")
        with self.committed() as env:
            first, second = env["account.move"].browse(bill_ids)
            self.assertEqual((first.state, second.state), ("posted", "draft"))
            self.assertFalse(second.sgz_budget_entry_ids)
            budget = env["sgz.budget"].browse(budget_id)
            self.assertEqual((budget.line_ids.actual, budget.line_ids.available), (20000.0, 10000.0))
            # the refusal stays in the budget's chatter although its transaction was rolled back
            refusal = budget.message_ids.filtered(lambda m: "10,000.00" in (m.body or ""))
            self.assertEqual(len(refusal), 1)
            self.assertIn(env["res.users"].browse(user_ids[1]).name, refusal.body)
