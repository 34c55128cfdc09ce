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

    def test_county_officer_signs_an_agreement(self):
        """A small agreement of 长沙县 with 星沙 signed by the demo county officer (within the demo budget when
        the budgets addon is installed: county lottery funds have 120,000.00 left in 2026)."""
        county = self.env.ref("sgz_base.user_county_officer")
        agreement = (
            self.env["sgz.agreement"]
            .with_user(county)
            .create(
                {
                    "name": "长沙县黄兴镇社工站服务协议",
                    "company_id": county.company_id.id,
                    "provider_id": self.env.ref("sgz_base.company_provider_xingsha").id,
                    "fund_source_id": self.env.ref("sgz_base.fund_source_lottery_county").id,
                    "station_line_ids": [
                        (
                            0,
                            0,
                            {
                                "station_id": self.env.ref("sgz_base.station_huangxing").id,
                                "annual_amount": 10000,
                            },
                        )
                    ],
                }
            )
        )
        with freeze_time("2026-07-01"):
            agreement.action_sign()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.year_ids.state, "confirmed")
