import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import pass_bid_deadline

# Each committee member scores every criterion of a bid alike: 星沙 90, 阳光 80, 仁爱 70.
DEMO_BIDS = (
    ("sgz_base.user_provider_manager", 115000, 90),
    ("sgz_procurement.user_provider_liuyang", 112000, 80),
    ("sgz_procurement.user_provider_renai", 118000, 70),
)


@tagged("post_install", "-at_install")
class TestDemoWorks(TransactionCase):
    """The demo as shipped: each role's main procurement step, as the demo user, on the demo data."""

    def test_the_tender_plays_on_the_day_it_is_installed(self):
        """Issue 20, point 2: the demo tender waits for the approver with its deadline ahead; approver, the three
        providers, county, the committee and the approver again take it to the signature. Ranking (technical ×
        70 % + lowest price / price × 30): 星沙 90 × 0.7 = 63 + 112,000 / 115,000 × 30 = 29.22 → 92.22;
        阳光 56 + 30 = 86; 仁爱 49 + 28.47 = 77.47 → 星沙 wins at 115,000.00 (within the county's 2026 lottery
        funds when the budgets addon is installed: 120,000.00 left)."""
        ref = self.env.ref
        county, approver = ref("sgz_base.user_county_officer"), ref("sgz_base.user_county_approver")
        tender = ref("sgz_procurement.tender_changsha_county_2026")
        self.assertEqual(tender.sgz_approval_status, "pending")
        self.assertGreater(tender.bid_deadline, fields.Datetime.now())
        self.assertEqual(
            (tender.bid_deadline.date() - tender.announcement_date).days, 21, "an open tender leaves 20 days"
        )
        tender.with_user(approver).action_sgz_approve()
        self.assertEqual(tender.state, "published")
        bids = {}
        for xmlid, price, _mark in DEMO_BIDS:
            provider = ref(xmlid)
            bids[xmlid] = (
                self.env["sgz.tender.bid"]
                .with_user(provider)
                .create({"tender_id": tender.id, "lot_id": tender.lot_ids.id, "price": price})
            )
        pass_bid_deadline(tender)
        tender.with_user(county).action_open_bids()
        self.assertEqual(tender.state, "opened")
        self.assertEqual(set(tender.sudo().bid_ids.mapped("state")), {"valid"})
        for xmlid, _price, mark in DEMO_BIDS:
            for line in bids[xmlid].sudo().score_ids:
                line.with_user(line.member_user_id).write({"score": mark})
        tender.with_user(county).action_award()
        tender.with_user(approver).action_sgz_approve()
        self.assertEqual(tender.state, "awarded")
        agreement = tender.agreement_ids
        self.assertEqual(agreement.provider_id, ref("sgz_base.company_provider_xingsha"))
        self.assertEqual(agreement.annual_amount, 115000)
        agreement.with_user(county).action_sign()
        self.assertEqual(agreement.state, "active")

    def test_an_expired_tender_is_not_published(self):
        """The demo tender approved after its bid deadline: refused with a sentence (issue 20, point 2)."""
        tender = self.env.ref("sgz_procurement.tender_changsha_county_2026")
        approver = self.env.ref("sgz_base.user_county_approver")
        with (
            freeze_time(tender.bid_deadline + datetime.timedelta(minutes=1)),
            self.assertRaisesRegex(UserError, "has passed|已过"),
        ):
            tender.with_user(approver).action_sgz_approve()
        self.assertEqual(tender.state, "draft")

    def test_the_demo_agreement_is_not_overdue(self):
        """Issue 20, point 7: the demo's deadlines are met (on the day they happened) or due ahead: the agreement
        (signed by the budgets addon's demo when installed) opens without the overdue ribbon or late activities."""
        agreement = self.env.ref("sgz_procurement.agreement_changsha_county_2025")
        self.env["sgz.deadline"]._cron_refresh_overdue()
        today = fields.Date.context_today(agreement)
        self.assertFalse(agreement.sgz_overdue)
        self.assertFalse(agreement.sudo().sgz_deadline_ids.filtered("overdue").mapped("name"))
        self.assertFalse(agreement.sudo().activity_ids.filtered(lambda a: a.date_deadline < today))
        done = agreement.sudo().sgz_deadline_ids.filtered(lambda d: d.state == "done" and d.code != "filing")
        self.assertTrue(all(d.evidence and d.date_done <= d.date_deadline for d in done))

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
