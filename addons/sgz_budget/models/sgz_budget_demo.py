from odoo import api, fields, models
from odoo.exceptions import UserError


class SgzBudgetDemo(models.AbstractModel):
    """Builds the demo story of 长沙县民政局's 2026 budget through the real actions, as the demo users."""

    _name = "sgz.budget.demo"
    _description = "Budget Demo Data"

    @api.model
    def _sgz_load_demo(self):
        env = self.env(context=dict(self.env.context, lang="zh_CN", tracking_disable=False))
        ref = env.ref
        county = ref("sgz_base.company_changsha_county")
        finance, approver, officer = (
            ref("sgz_base.user_county_finance"),
            ref("sgz_base.user_county_approver"),
            ref("sgz_base.user_county_officer"),
        )
        ctx = dict(env.context, allowed_company_ids=county.ids)

        def as_user(user):
            return env(user=user, context=ctx)

        root = county.root_id
        if not root.chart_template:
            # (what try_loading does, without its warning about a registry still loading)
            env["account.chart.template"]._load("cn", root, install_demo=False)
        lottery, relief = ref("sgz_base.fund_source_lottery_county"), ref("sgz_base.fund_source_relief_work")
        service, training = (
            ref("sgz_budget.budget_category_service"),
            ref("sgz_budget.budget_category_training"),
        )

        def adopt(year, amounts, note):
            """The budget of ``year``, prepared by county finance and approved by the bureau head."""
            budget = as_user(finance)["sgz.budget"].create(
                {
                    "company_id": county.id,
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
            budget.with_env(as_user(finance)).action_submit()
            budget.with_env(as_user(approver)).action_sgz_approve()
            return budget

        # 2025: the year 1 of the agreement is committed on it; 2026: the story of the demo
        adopt(
            2025,
            [(lottery, service, 300000), (relief, service, 100000)],
            "2025年社工站项目预算：县级福彩公益金与社会救助工作经费。",
        )
        budget = adopt(
            2026,
            [(lottery, service, 400000), (relief, service, 150000), (relief, training, 20000)],
            "2026年社工站项目预算：县级福彩公益金与社会救助工作经费。",
        )
        env["ir.model.data"]._update_xmlids(
            [{"xml_id": "sgz_budget.budget_changsha_county_2026", "record": budget, "noupdate": True}]
        )
        # The agreement with 星沙社工中心, split over the two funds: year 1 (2025-03 – 2026-02) signed on 2025-02-20,
        # evaluated qualified by the third-party evaluator, year 2 (2026-03 – 2027-02) signed on 2026-02-25 and
        # committed on the 2026 budget: 280,000.00 lottery + 100,000.00 relief work funds.
        agreement = ref("sgz_procurement.agreement_changsha_county_2025").with_env(as_user(officer))
        agreement.write(
            {
                "date_start": "2025-03-01",
                "sign_date": "2025-02-20",
                "sgz_fund_split_ids": [
                    fields.Command.create(
                        {"fund_source_id": lottery.id, "category_id": service.id, "amount": 280000}
                    ),
                    fields.Command.create(
                        {"fund_source_id": relief.id, "category_id": service.id, "amount": 100000}
                    ),
                ],
            }
        )
        agreement.action_sign()
        evaluation = env["sgz.agreement.evaluation"].create(
            {
                "year_id": agreement.year_ids[:1].id,
                "evaluator_id": ref("sgz_base.user_evaluator").id,
                "date": "2026-02-10",
                "result": "qualified",
                "note": "服务档案齐全，个案、小组、社区活动均达到协议指标。",
                "line_ids": [
                    fields.Command.create({"name": "服务成效", "max_score": 40, "score": 34}),
                    fields.Command.create({"name": "项目管理", "max_score": 30, "score": 26}),
                    fields.Command.create({"name": "人员与制度", "max_score": 30, "score": 27}),
                ],
            }
        )
        evaluation.action_record()
        env["ir.model.data"]._update_xmlids(
            [{"xml_id": "sgz_budget.evaluation_xingsha_year1", "record": evaluation, "noupdate": True}]
        )
        agreement.action_renew()
        year = agreement.year_ids.sorted("sequence")[-1:]
        year.write({"sign_date": "2026-02-25"})
        year.action_confirm()
        # the first quarter is billed, posted and paid
        bill = year.with_env(as_user(finance))._sgz_bill_period(fields.Date.to_date("2026-04-20"))
        bill.action_post()
        wizard = (
            as_user(finance)["account.payment.register"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"payment_date": "2026-04-30"})
        )
        wizard._create_payments()
        # a transfer between two lines, with its reason, approved
        transfer = as_user(finance)["sgz.budget.transfer"].create(
            {
                "budget_id": budget.id,
                "source_line_id": budget.line_ids.filtered(
                    lambda line: line.fund_source_id == relief and line.category_id == service
                ).id,
                "target_line_id": budget.line_ids.filtered(lambda line: line.category_id == training).id,
                "amount": 10000,
                "date": "2026-05-10",
                "reason": "社工督导培训经费不足，从救助工作经费服务项目调剂。",
            }
        )
        transfer.action_submit()
        transfer.with_env(as_user(approver)).action_sgz_approve()
        # an over-commitment is refused and the refusal stays in the budget's chatter
        extra = as_user(officer)["sgz.agreement"].create(
            {
                "name": "长沙县社工站督导服务协议（超预算示例）",
                "company_id": county.id,
                "provider_id": ref("sgz_base.company_provider_xingsha").id,
                "user_id": officer.id,
                "fund_source_id": lottery.id,
                "station_line_ids": [
                    fields.Command.create(
                        {
                            "station_id": ref("sgz_base.station_xingsha").id,
                            "worker_quota": 1,
                            "annual_amount": 150000,
                        }
                    )
                ],
            }
        )
        try:
            with env.cr.savepoint():
                extra.write({"sign_date": "2026-06-01"})
                extra.action_sign()
        except UserError as refusal:
            budget._sgz_log_refusal(extra.display_name, str(refusal), user=officer)
        return budget
