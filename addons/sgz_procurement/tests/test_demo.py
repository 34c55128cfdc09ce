from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoWorks(TransactionCase):
    """The demo as shipped: each role's main procurement step, as the demo user, on the demo data."""

    def test_county_officer_publishes_a_tender(self):
        county = self.env.ref("sgz_base.user_county_officer")
        demo = self.env.ref("sgz_procurement.tender_changsha_county_2026")
        tender = demo.copy({"name": "长沙县2026年社工站服务项目（二）"}).with_user(county)
        with freeze_time("2026-01-05"):
            tender.action_publish()  # posts the approval request in the chatter (the demo users have emails)
        self.assertEqual(tender.sgz_approval_status, "pending")
        approver = self.env.ref("sgz_base.user_county_approver")
        with freeze_time("2026-01-05"):
            tender.with_user(approver).action_sgz_approve()
        self.assertEqual(tender.state, "published")
        self.assertTrue(tender.message_ids.filtered(lambda m: m.author_id == approver.partner_id))

    def test_city_officer_acknowledges_the_plan(self):
        plan = self.env.ref("sgz_procurement.plan_changsha_county_2026")
        self.assertEqual(plan.state, "submitted")
        city = self.env.ref("sgz_base.user_city_officer")
        plan.sgz_filing_ids.with_user(city).action_acknowledge()
        self.assertEqual(plan.state, "filed")

    def test_county_officer_signs_the_agreement(self):
        # the demo agreement itself may already be signed by the demo data of a higher addon (sgz_budget)
        demo = self.env.ref("sgz_procurement.agreement_changsha_county_2025")
        county = self.env.ref("sgz_base.user_county_officer")
        # signed in 2025, a year without adopted budget (sgz_budget controls only adopted budgets)
        agreement = demo.copy(
            {"name": "长沙县社工站服务协议（示例二）", "sign_date": "2025-12-01"}
        ).with_user(county)
        agreement.action_sign()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.year_ids.state, "confirmed")
