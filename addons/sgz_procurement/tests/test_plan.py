from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestPlan(ProcurementCase):
    def _plan(self, **vals):
        return (
            self.env["sgz.procurement.plan"]
            .with_user(self.officer_a)
            .create(
                {
                    "company_id": self.county_a.id,
                    "year": 2025,
                    "background": "<p>全覆盖</p>",
                    "objectives": "<p>两站四名社工</p>",
                    "budget_note": "<p>40万元，公开招标</p>",
                    "content_schedule": "<p>一月招标</p>",
                    "station_standards": "<p>独立办公室</p>",
                    "evaluation": "<p>第三方评估</p>",
                    "station_ids": [(6, 0, (self.station_a1 | self.station_a2).ids)],
                    "line_ids": [
                        (0, 0, {"fund_source_id": self.fund_lottery.id, "amount": 240000}),
                        (0, 0, {"fund_source_id": self.fund_relief.id, "amount": 160000}),
                    ],
                    **vals,
                }
            )
        )

    def test_one_plan_per_county_and_year(self):
        self._plan()
        with self.assertConstraintMsg("one implementation plan per year|每年.*一个|一份"):
            self._plan()
        self._plan(year=2026)

    def test_year_between_2000_and_2100(self):
        for year in (1999, 2101, 0):
            with self.assertRaisesMsg(ValidationError, str(year)):
                self._plan(year=year)

    def test_plan_state_and_content_locked_once_submitted(self):
        plan = self._plan()
        as_officer = plan.with_user(self.officer_a)
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            as_officer.write({"state": "filed"})  # a plan written directly to filed
        as_officer.action_submit()
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            as_officer.write({"objectives": "<p>改写</p>"})
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            as_officer.line_ids[0].write({"amount": 1})
        plan.sgz_filing_ids.with_user(self.city_officer).action_acknowledge()
        for user in (self.officer_a, self.admin):
            with self.assertRaisesMsg(UserError, "stays on record|不能删除|保留"):
                plan.with_user(user).unlink()
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            plan.sgz_filing_ids.with_user(self.officer_a).write({"document": b"UEsE"})  # after acknowledgment

    def test_amount_per_fund_source(self):
        plan = self._plan()
        self.assertEqual(plan.amount_total, 400000)

    def test_filed_and_acknowledged_by_city(self):
        plan = self._plan()
        plan.action_submit()
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.sgz_filing_state, "submitted")
        filing = plan.sgz_filing_ids
        self.assertEqual(filing.company_id, self.county_a)
        self.assertEqual(filing.target_company_id, self.city)
        self.assertEqual(filing.user_id, self.officer_a)
        with self.assertRaisesMsg(UserError, "Only an officer of|工作人员"):
            filing.with_user(self.officer_a).action_acknowledge()
        filing.with_user(self.city_officer).action_acknowledge()
        self.assertEqual(plan.state, "filed")
        self.assertEqual(plan.sgz_filing_state, "acknowledged")

    def test_returned_with_reason_and_filed_again(self):
        plan = self._plan()
        plan.action_submit()
        plan.sgz_filing_ids.with_user(self.city_officer).action_return("预算未分年度列明")
        self.assertEqual(plan.state, "returned")
        self.assertEqual(plan.return_reason, "预算未分年度列明")
        plan.action_submit()
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(len(plan.sgz_filing_ids), 2)

    def test_incomplete_plan_is_not_filed(self):
        plan = self._plan(evaluation=False)
        with self.assertRaisesMsg(UserError, "performance evaluation|绩效评估"):
            plan.action_submit()
        self.assertFalse(plan.sgz_filing_ids)
        self.assertEqual(plan.state, "draft")

    def test_tender_from_filed_plan(self):
        plan = self._plan()
        with self.assertRaisesMsg(UserError, "acknowledged the plan|确认计划备案"):
            plan.action_create_tender()
        plan.action_submit()
        plan.sgz_filing_ids.with_user(self.city_officer).action_acknowledge()
        action = plan.with_user(self.officer_a).action_create_tender()
        tender = self.env["sgz.tender"].browse(action["res_id"])
        self.assertEqual(tender.lot_ids.station_ids, self.station_a1 | self.station_a2)
        self.assertEqual(tender.lot_ids.ceiling_price, 400000)

    def test_other_county_cannot_see_plan(self):
        plan = self._plan()
        with self.assertRaisesMsg(AccessError, "您不能打开此年度实施计划：它属于其他单位"):
            plan.with_user(self.officer_b).read(["name"])
        self.assertEqual(plan.with_user(self.city_officer).read(["year"])[0]["year"], 2025)
        with self.assertRaisesMsg(AccessError, "您的角色不能打开年度实施计划"):
            plan.with_user(self.manager_x).read(["name"])
