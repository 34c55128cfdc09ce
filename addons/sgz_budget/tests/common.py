from freezegun import freeze_time

from odoo import Command

from odoo.addons.sgz_procurement.tests.common import ProcurementCase


class BudgetCase(ProcurementCase):
    """ProcurementCase plus a chart of accounts, 攸县's approved 2026 budget and bill/payment helpers.

    攸县民政局 2026: county lottery funds 300,000.00 and relief work funds 100,000.00 for the purchase of stationed
    social work services. The agreement of ProcurementCase (360,000.00 a year: station A1 200,000.00, A2 160,000.00)
    is split 260,000.00 lottery + 100,000.00 relief."""

    YEAR = 2026

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        root = cls.county_a.root_id
        if not root.chart_template:
            cls.env["account.chart.template"].try_loading("generic_coa", root, install_demo=False)
        cls.category_service = cls.env.ref("sgz_budget.budget_category_service")
        cls.category_training = cls.env.ref("sgz_budget.budget_category_training")
        cls.category_travel = cls.env.ref("sgz_budget.budget_category_travel")
        cls.fund_lottery_city = cls.env.ref("sgz_base.fund_source_lottery_city")
        cls.fund_reward = cls.env.ref("sgz_base.fund_source_reward_province")
        cls.finance_b = cls._user("finance_b", "county_finance", cls.county_b)
        cls.approver_b = cls._user("approver_b", "county_approver", cls.county_b)
        cls.budget_a = cls._budget(cls.county_a, {cls.fund_lottery: 300000, cls.fund_relief: 100000})

    # ---- builders ------------------------------------------------------------------------------------------------

    @classmethod
    def _budget(cls, company, amounts, year=None, approve=True, user=None):
        """A budget with one service line per fund source; approved by the county approver when asked."""
        user = user or (cls.finance_a if company == cls.county_a else cls.env.user)
        budget = (
            cls.env["sgz.budget"]
            .with_user(user)
            .create(
                {
                    "company_id": company.id,
                    "fiscal_year": year or cls.YEAR,
                    "line_ids": [
                        Command.create(
                            {
                                "fund_source_id": fund.id,
                                "category_id": cls.category_service.id,
                                "amount": amount,
                            }
                        )
                        for fund, amount in amounts.items()
                    ],
                }
            )
        )
        if approve:
            with freeze_time(f"{year or cls.YEAR}-01-05"):
                budget.with_user(user).action_submit()
                for review in budget.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending"):
                    approver = {cls.county_a: cls.approver_a, cls.county_b: cls.approver_b}.get(
                        company, cls.env.user
                    )
                    cls.env["sgz.approval.review"].browse(review.id).with_user(approver).action_approve()
        return budget.with_env(cls.env)

    def _line(self, budget, fund, category=None):
        category = category or self.category_service
        return budget.line_ids.filtered(
            lambda line: line.fund_source_id == fund and line.category_id == category
        )

    def _figures(self, line, as_of=None):
        line = line.with_context(sgz_as_of=as_of) if as_of else line
        line.invalidate_recordset()
        return {
            name: getattr(line, name) for name in ("allocated", "committed", "actual", "paid", "available")
        }

    def _split_agreement(self, lottery=260000, relief=100000, **vals):
        split = [
            Command.create({"fund_source_id": self.fund_lottery.id, "amount": lottery}),
            Command.create({"fund_source_id": self.fund_relief.id, "amount": relief}),
        ]
        return self._agreement(sgz_fund_split_ids=split, **vals)

    def _signed(self, agreement, day="2026-03-01"):
        with freeze_time(day):
            agreement.with_user(self.officer_a).action_sign()
        return agreement.year_ids

    def _bill_period(self, year, period_start, day):
        """County finance bills the order lines of one payment period of the agreement year, on ``day``."""
        order = year.sudo().purchase_order_id
        with freeze_time(day):
            order.with_user(self.finance_a).action_create_invoice()
            bill = order.invoice_ids.filtered(lambda m: m.state == "draft").with_user(self.finance_a)
            other = bill.invoice_line_ids.filtered(
                lambda line: str(line.purchase_line_id.sgz_period_start) != period_start
            )
            bill.write({"invoice_date": day, "invoice_line_ids": [Command.unlink(line.id) for line in other]})
        return bill

    def _direct_bill(self, company, amount, fund, category=None, day="2026-04-10", user=None, partner=None):
        """A vendor bill without order: one line paid by ``fund``."""
        user = user or self.finance_a
        with freeze_time(day):
            bill = (
                self.env["account.move"]
                .with_user(user)
                .with_company(company)
                .create(
                    {
                        "move_type": "in_invoice",
                        "company_id": company.id,
                        "partner_id": (partner or self.provider_x.partner_id).id,
                        "invoice_date": day,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "督导培训服务",
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                    "sgz_fund_source_id": fund.id,
                                    "sgz_budget_category_id": (category or self.category_service).id,
                                }
                            )
                        ],
                    }
                )
            )
        return bill

    def _post(self, bill, day):
        with freeze_time(day):
            bill.action_post()
        return bill

    def _pay(self, bill, amount, day):
        with freeze_time(day):
            wizard = (
                self.env["account.payment.register"]
                .with_user(self.finance_a)
                .with_context(active_model="account.move", active_ids=bill.ids)
                .create({"amount": amount, "payment_date": day})
            )
            wizard._create_payments()
