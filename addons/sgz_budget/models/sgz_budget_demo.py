from odoo import api, fields, models
from odoo.exceptions import UserError


class _DemoStory:
    """The demo story, step by step, each step as the demo user who would take it."""

    def __init__(self, env):
        self.env = env = env(context=dict(env.context, lang="zh_CN", tracking_disable=False))
        self.ref = ref = env.ref
        self.county = ref("sgz_base.company_changsha_county")
        self.finance = ref("sgz_base.user_county_finance")
        self.approver = ref("sgz_base.user_county_approver")
        self.officer = ref("sgz_base.user_county_officer")
        self.lottery = ref("sgz_base.fund_source_lottery_county")
        self.relief = ref("sgz_base.fund_source_relief_work")
        self.service = ref("sgz_budget.budget_category_service")
        self.training = ref("sgz_budget.budget_category_training")

    def as_user(self, user):
        return self.env(user=user, context=dict(self.env.context, allowed_company_ids=self.county.ids))

    def xmlid(self, name, record):
        self.env["ir.model.data"]._update_xmlids([{"xml_id": name, "record": record, "noupdate": True}])

    def chart(self):
        root = self.county.root_id
        if not root.chart_template:
            # (what try_loading does, without its warning about a registry still loading)
            self.env["account.chart.template"]._load("cn", root, install_demo=False)

    def adopt(self, year, amounts, note):
        """The budget of ``year``, prepared by county finance and approved by the bureau head."""
        budget = self.as_user(self.finance)["sgz.budget"].create(
            {
                "company_id": self.county.id,
                "fiscal_year": year,
                "line_ids": [
                    fields.Command.create(
                        {"fund_source_id": fund.id, "category_id": category.id, "amount": amount}
                    )
                    for fund, category, amount in amounts
                ],
                "note": note,
            }
        )
        budget.with_env(self.as_user(self.finance)).action_submit()
        budget.with_env(self.as_user(self.approver)).action_sgz_approve()
        return budget

    def sign_agreement(self):
        """The agreement with 星沙社工中心, split over the two funds, year 1 (2025-03 – 2026-02) signed on
        2025-02-20: 280,000.00 lottery + 100,000.00 relief work funds."""
        agreement = self.ref("sgz_procurement.agreement_changsha_county_2025").with_env(
            self.as_user(self.officer)
        )
        split = [(self.lottery, 280000), (self.relief, 100000)]
        agreement.write(
            {
                "date_start": "2025-03-01",
                "sign_date": "2025-02-20",
                "sgz_fund_split_ids": [
                    fields.Command.create(
                        {"fund_source_id": fund.id, "category_id": self.service.id, "amount": amount}
                    )
                    for fund, amount in split
                ],
            }
        )
        agreement.action_sign()
        return agreement

    def evaluate_and_renew(self, agreement):
        """Year 1 evaluated qualified by the third-party evaluator; year 2 (2026-03 – 2027-02) signed on
        2026-02-25 and committed on the 2026 budget."""
        evaluation = self.env["sgz.agreement.evaluation"].create(
            {
                "year_id": agreement.year_ids[:1].id,
                "evaluator_id": self.ref("sgz_base.user_evaluator").id,
                "date": "2026-02-10",
                "result": "qualified",
                "note": "服务档案齐全，个案、小组、社区活动均达到协议指标。",
                "line_ids": [
                    fields.Command.create({"name": name, "max_score": top, "score": score})
                    for name, top, score in (
                        ("服务成效", 40, 34),
                        ("项目管理", 30, 26),
                        ("人员与制度", 30, 27),
                    )
                ],
            }
        )
        evaluation.action_record()
        self.xmlid("sgz_budget.evaluation_xingsha_year1", evaluation)
        agreement.action_renew()
        year = agreement.year_ids.sorted("sequence")[-1:]
        year.write({"sign_date": "2026-02-25"})
        year.action_confirm()
        return year

    def record_steps(self, agreement):
        """The county published each signing and filed it with the finance department on time, stationed the
        workers when year 1 started (each step with the day it happened and its evidence), and filed the signed
        agreement with the city: the demo agreement has no overdue deadline."""
        county = agreement.with_env(self.as_user(self.officer))
        steps = (
            ("publication", "2025-02-21", "中国政府采购网，2025年2月21日合同公告"),
            ("finance_filing", "2025-02-27", "长沙县财政局政府采购合同备案回执"),
            ("stationing", "2025-03-01", "星沙、湘龙社工站驻站社工到岗签到表"),
            ("publication_2", "2026-02-26", "中国政府采购网，2026年2月26日合同公告"),
            ("finance_filing_2", "2026-03-04", "长沙县财政局政府采购合同备案回执（第二年）"),
        )
        for code, day, evidence in steps:
            county._sgz_deadline_record(code, day, evidence=evidence)
        county.action_sgz_file()

    def bill_and_pay(self, year):
        """The first quarter of year 2 is billed, posted and paid."""
        finance = self.as_user(self.finance)
        bill = year.with_env(finance)._sgz_bill_period(fields.Date.to_date("2026-04-20"))
        bill.action_post()
        wizard = (
            finance["account.payment.register"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"payment_date": "2026-04-30"})
        )
        wizard._create_payments()

    def transfer(self, budget):
        """A transfer between two lines, with its reason, approved."""
        lines = budget.line_ids
        transfer = self.as_user(self.finance)["sgz.budget.transfer"].create(
            {
                "budget_id": budget.id,
                "source_line_id": lines.filtered(
                    lambda line: line.fund_source_id == self.relief and line.category_id == self.service
                ).id,
                "target_line_id": lines.filtered(lambda line: line.category_id == self.training).id,
                "amount": 10000,
                "date": "2026-05-10",
                "reason": "社工督导培训经费不足，从救助工作经费服务项目调剂。",
            }
        )
        transfer.action_submit()
        transfer.with_env(self.as_user(self.approver)).action_sgz_approve()

    def refused_over_commitment(self, budget):
        """An over-commitment is refused and the refusal stays in the budget's chatter."""
        extra = self.as_user(self.officer)["sgz.agreement"].create(
            {
                "name": "长沙县社工站督导服务协议（超预算示例）",
                "company_id": self.county.id,
                "provider_id": self.ref("sgz_base.company_provider_xingsha").id,
                "user_id": self.officer.id,
                "fund_source_id": self.lottery.id,
                "station_line_ids": [
                    fields.Command.create(
                        {
                            "station_id": self.ref("sgz_base.station_xingsha").id,
                            "worker_quota": 1,
                            "annual_amount": 150000,
                        }
                    )
                ],
            }
        )
        try:
            with self.env.cr.savepoint():
                extra.write({"sign_date": "2026-06-01"})
                extra.action_sign()
        except UserError as refusal:
            budget._sgz_log_refusal(extra.display_name, str(refusal), user=self.officer)


class SgzBudgetDemo(models.AbstractModel):
    """Builds the demo story of 长沙县民政局's 2026 budget through the real actions, as the demo users."""

    _name = "sgz.budget.demo"
    _description = "Budget Demo Data"

    @api.model
    def _sgz_load_demo(self):
        story = _DemoStory(self.env)
        story.chart()
        # 2025: the year 1 of the agreement is committed on it; 2026: the story of the demo
        story.adopt(
            2025,
            [(story.lottery, story.service, 300000), (story.relief, story.service, 100000)],
            "2025年社工站项目预算：县级福彩公益金与社会救助工作经费。",
        )
        budget = story.adopt(
            2026,
            [
                (story.lottery, story.service, 400000),
                (story.relief, story.service, 150000),
                (story.relief, story.training, 20000),
            ],
            "2026年社工站项目预算：县级福彩公益金与社会救助工作经费。",
        )
        story.xmlid("sgz_budget.budget_changsha_county_2026", budget)
        year = story.evaluate_and_renew(story.sign_agreement())
        story.record_steps(year.agreement_id)
        story.bill_and_pay(year)
        story.transfer(budget)
        story.refused_over_commitment(budget)
        return budget
