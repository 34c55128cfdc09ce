from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import ANNOUNCE, ProcurementCase, pass_bid_deadline


@tagged("post_install", "-at_install", "sgz_tour")
class TestApproveTour(HttpCase, ProcurementCase):
    def test_approver_approves_tender(self):
        self.approver_a.write({"password": "approver_a_pw", "tz": "Asia/Shanghai"})
        tender = self._tender(
            name="攸县社工站服务项目（待审批）", announcement_date=ANNOUNCE, bid_deadline="2099-12-31"
        )
        tender.with_user(self.officer_a).action_publish()
        self.assertEqual(tender.sgz_approval_status, "pending")
        self.start_tour("/odoo", "sgz_procurement_approve_tour", login="approver_a", timeout=180)
        self.assertEqual(tender.state, "published")
        self.assertEqual(tender.sgz_review_ids.reviewed_by_id, self.approver_a)


@tagged("post_install", "-at_install", "sgz_tour")
class TestDemoTours(HttpCase):
    """Issue 20: each role's main procurement flow clicked on the demo data, as installed today (the demo users'
    password is their login). A dead end (a menu, a button or a record a role cannot reach) fails its tour."""

    def _tour(self, name, login):
        self.start_tour("/odoo", name, login=login, timeout=240)

    def test_county_from_the_demo_tender_to_the_signature(self):
        """approver publishes; 星沙 bids by clicking (115,000.00), 阳光 (112,000.00) and 仁爱 (118,000.00) by their
        own calls; the 21 days pass; county opens and scores 80 everywhere, expert 赵敏 scores 80 everywhere, the
        three other experts 90 / 80 / 70 (星沙 / 阳光 / 仁爱). Technical × 70 %: 星沙 (80 + 80 + 3 × 90) / 5 = 86 →
        60.2, 阳光 80 → 56, 仁爱 (160 + 210) / 5 = 74 → 51.8; price (112,000 / price × 30): 29.22, 30, 28.47 →
        星沙 89.42 first. county asks for the award, approver approves, county signs with 星沙 at 115,000.00."""
        ref = self.env.ref
        tender = ref("sgz_procurement.tender_changsha_county_2026")
        self._tour("sgz_procurement_demo_approve_tour", "approver")
        self.assertEqual(tender.state, "published")
        self._tour("sgz_procurement_bid_tour", "provider")
        for xmlid, price in (("user_provider_liuyang", 112000), ("user_provider_renai", 118000)):
            self.env["sgz.tender.bid"].with_user(ref(f"sgz_procurement.{xmlid}")).create(
                {"tender_id": tender.id, "lot_id": tender.lot_ids.id, "price": price}
            )
        pass_bid_deadline(tender)
        self._tour("sgz_procurement_open_tour", "county")
        self.assertEqual(tender.state, "opened")
        self._tour("sgz_procurement_score_tour", "expert1")
        marks = {
            "长沙县星沙社会工作服务中心": 90,
            "浏阳市阳光社会工作服务中心": 80,
            "长沙县仁爱社会工作服务中心": 70,
        }
        for login in ("expert2", "expert3", "expert4"):
            expert = self.env["res.users"].search([("login", "=", login)])
            for line in tender.sudo().bid_ids.score_ids.filtered(lambda s, e=expert: s.member_user_id == e):
                line.with_user(expert).write({"score": marks[line.bid_id.company_id.name]})
        unscored = tender.sudo().bid_ids.score_ids.filtered(lambda s: not s.scored)
        self.assertFalse(
            unscored,
            [(s.member_user_id.login, s.bidder_id.name, s.criterion_id.name, s.score) for s in unscored],
        )
        self._tour("sgz_procurement_award_tour", "county")
        self._tour("sgz_procurement_demo_approve_tour", "approver")
        self.assertEqual(tender.state, "awarded")
        self._tour("sgz_procurement_sign_tour", "county")
        agreement = tender.agreement_ids
        self.assertEqual(
            (agreement.provider_id, agreement.annual_amount, agreement.state),
            (ref("sgz_base.company_provider_xingsha"), 115000, "active"),
        )

    def test_evaluator_records_an_evaluation(self):
        """A 10,000.00 agreement of 长沙县 for 黄兴镇 whose year 1 ends today (so today is in its last month):
        the evaluator creates the evaluation, the type's three indicators come, 34 + 26 + 27 = 87 of 100 is
        qualified (pass mark 60), and recording asks for confirmation."""
        ref = self.env.ref
        county = ref("sgz_base.user_county_officer")
        today = fields.Date.context_today(county)
        start = today - relativedelta(years=1, days=-1)
        agreement = (
            self.env["sgz.agreement"]
            .with_user(county)
            .create(
                {
                    "name": "长沙县黄兴镇社工站过渡服务协议",
                    "company_id": county.company_id.id,
                    "provider_id": ref("sgz_base.company_provider_xingsha").id,
                    "fund_source_id": ref("sgz_base.fund_source_lottery_county").id,
                    "date_start": start,
                    "sign_date": start,
                    "station_line_ids": [
                        Command.create(
                            {"station_id": ref("sgz_base.station_huangxing").id, "annual_amount": 10000}
                        )
                    ],
                }
            )
        )
        agreement.action_sign()
        self.assertEqual(agreement.year_ids.date_end, today)
        self._tour("sgz_procurement_evaluation_tour", "evaluator")
        evaluation = agreement.year_ids.evaluation_ids
        self.assertEqual(
            (evaluation.state, evaluation.total_score, evaluation.result), ("done", 87, "qualified")
        )
        self.assertEqual(agreement.year_ids.evaluation_result, "qualified")

    def test_city_opens_and_acknowledges_what_was_filed_with_it(self):
        """Issue 20 §1: 陈静 of 长沙市民政局, with only her own company active (the browser's default), opens the
        annual plan 长沙县 filed with the city (its summary on the filing, then the plan itself) and acknowledges
        it."""
        city = self.env.ref("sgz_base.user_city_officer")
        plan = self.env.ref("sgz_procurement.plan_changsha_county_2026")
        filing = plan.sgz_filing_ids.filtered(lambda f: f.state == "submitted")
        self.assertEqual(filing.target_company_id, city.company_id)
        self._tour("sgz_procurement_city_filing_tour", "city")
        self.assertEqual(filing.state, "acknowledged")
