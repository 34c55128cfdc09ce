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
        # the budget, prepared by county finance and approved by the bureau head
        budget = as_user(finance)["sgz.budget"].create(
            {
                "company_id": county.id,
                "fiscal_year": 2026,
                "line_ids": [
                    fields.Command.create(
                        {"fund_source_id": lottery.id, "category_id": service.id, "amount": 400000}
                    ),
                    fields.Command.create(
                        {"fund_source_id": relief.id, "category_id": service.id, "amount": 150000}
                    ),
                    fields.Command.create(
                        {"fund_source_id": relief.id, "category_id": training.id, "amount": 20000}
                    ),
                ],
                "note": "2026年社工站项目预算：县级福彩公益金与社会救助工作经费。",
            }
        )
        budget.with_env(as_user(finance)).action_submit()
        budget.with_env(as_user(approver)).action_sgz_approve()
        env["ir.model.data"]._update_xmlids(
            [{"xml_id": "sgz_budget.budget_changsha_county_2026", "record": budget}]
        )
        # the agreement's year 1, split over the two funds, is signed: 280,000.00 + 100,000.00 committed
        agreement = ref("sgz_procurement.agreement_changsha_county_2025").with_env(as_user(officer))
        agreement.write(
            {
                "sgz_fund_split_ids": [
                    fields.Command.create(
                        {"fund_source_id": lottery.id, "category_id": service.id, "amount": 280000}
                    ),
                    fields.Command.create(
                        {"fund_source_id": relief.id, "category_id": service.id, "amount": 100000}
                    ),
                ]
            }
        )
        agreement.write({"sign_date": "2026-01-15"})
        agreement.action_sign()
        year = agreement.year_ids[:1]
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
