from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ANNOUNCE, DEADLINE, ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementRules(ProcurementCase):
    """The procurement rules a county can be sanctioned for, each with its legal basis."""

    def test_bid_opening_at_the_deadline_itself(self):
        """财政部令第87号第三十九条: bids are opened at the moment of the bid deadline (09:30 on 24 March 2025,
        Beijing time), not the next day; a bid is refused from that moment."""
        tender = self._published()
        self._bid(tender, self.manager_x, 380000)
        self._bid(tender, self.manager_y, 380000)
        self._bid(tender, self.manager_v, 380000, day="2025-03-24 01:29:59")  # the last second is in time
        with freeze_time("2025-03-24 01:29:59"), self.assertRaisesMsg(UserError, "deadline|截止"):
            tender.with_user(self.officer_a).action_open_bids()
        self.env["sgz.provider.disclosure"].create(
            [
                {
                    "name": name,
                    "company_id": self.provider_z.id,
                    "kind": kind,
                    "year": 2024,
                    "document": b"UEsD",
                }
                for name, kind in (("基本情况", "basic"), ("2024年度财务报告", "financial"))
            ]
        )
        with self.assertRaisesMsg(UserError, "deadline|截止"):
            self._bid(tender, self.manager_z, 300000, day="2025-03-24 01:30:00")
        with freeze_time(DEADLINE):
            tender.with_user(self.officer_a).action_open_bids()
        self.assertEqual(tender.state, "opened")
        self.assertEqual(str(tender.opening_date), DEADLINE)

    def test_fewer_than_three_valid_bids_fail_the_lot(self):
        """政府采购法第三十六条: an open tender's lot with fewer than three valid bids fails (废标)."""
        tender = self._published()
        self._bid(tender, self.manager_x, 380000)
        self._bid(tender, self.manager_y, 360000)
        self._open(tender)
        self.assertTrue(tender.lot_ids.failed)
        self.assertEqual(tender.state, "failed")
        self.assertIn("2", tender.failed_reason)
        self.assertFalse(tender.sudo().bid_ids.score_ids)
        with self.assertRaisesMsg(UserError, "Award a tender whose bids are opened|开标和评审之后"):
            tender.with_user(self.officer_a).action_award()

    def test_switching_method_needs_the_finance_department(self):
        """After a failed open tender, buying the lot by another method needs the finance department's recorded
        approval (a tier of the new tender's publication), then the county approver's."""
        tender = self._published()
        self._bid(tender, self.manager_x, 380000)
        self._open(tender)
        wizard = (
            self.env["sgz.tender.reprocure.wizard"]
            .with_user(self.officer_a)
            .with_context(active_id=tender.id)
            .create({"method": "consultation", "reason": "公开招标仅一家供应商投标"})
        )
        new = self.env["sgz.tender"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(new.switched_from_id, tender)
        self.assertEqual(new.method, "consultation")
        self.assertEqual(new.lot_ids.station_ids, tender.lot_ids.station_ids)
        new.with_user(self.officer_a).write(
            {"announcement_date": "2025-04-01", "bid_deadline": "2025-04-14 01:30:00"}
        )
        with freeze_time("2025-04-01"):
            new.with_user(self.officer_a).action_publish()
        first, second = new.sgz_review_ids.sorted("sequence")
        self.assertEqual(first.group_id, self.env.ref("sgz_base.sgz_base_group_county_finance"))
        with self.assertRaisesMsg(UserError, "must decide first|先"):
            second.with_user(self.approver_a).action_approve()
        first.with_user(self.finance_a).action_approve(comment="同意变更为竞争性磋商")
        with freeze_time("2025-04-01"):
            second.with_user(self.approver_a).action_approve()
        self.assertEqual(new.state, "published")
        self.assertIn("同意变更为竞争性磋商", " ".join(new.message_ids.mapped("body")))

    def test_single_source_grounds_approval_and_notice(self):
        """政府采购法第三十一条 (one of three grounds), the finance department's approval, and 实施条例第三十八条:
        a public notice of 5 working days before the purchase. Announced Monday 3 March 2025 → the notice runs
        4, 5, 6, 7, 10 March → the purchase comes after Monday 10 March."""
        vals = {"method": "single_source", "single_source_justification": "唯一具备资质的本地机构"}
        with self.assertRaisesMsg(ValidationError, "三十一条|grounds"):
            self._tender(**vals, bid_deadline="2025-03-12 01:30:00")
        vals["single_source_ground"] = "unique"
        with self.assertRaisesMsg(ValidationError, "2025-03-10"):
            self._tender(**vals, bid_deadline="2025-03-10 06:00:00")
        tender = self._tender(**vals, bid_deadline="2025-03-11 01:30:00", criterion_ids=[], committee_ids=[])
        self.assertEqual(str(tender.notice_end_date), "2025-03-10")
        self.assertEqual(tender.evaluation_method, "lowest_price")
        with freeze_time(ANNOUNCE):
            tender.with_user(self.officer_a).action_publish()
        tiers = tender.sgz_review_ids.sorted("sequence")
        self.assertEqual(tiers[0].group_id, self.env.ref("sgz_base.sgz_base_group_county_finance"))
        tiers[0].with_user(self.finance_a).action_approve()
        with freeze_time(ANNOUNCE):
            tiers[1].with_user(self.approver_a).action_approve()
        self._bid(tender, self.manager_x, 390000, day="2025-03-05")
        with freeze_time("2025-03-11 01:30:00"):
            tender.with_user(self.officer_a).action_open_bids()
        self.assertEqual(tender.state, "opened")

    def test_committee_composition(self):
        """财政部令第87号第四十七条: at least 5 members, an odd number, experts at least two thirds; checked when the
        publication is requested (the committee is evidence once the tender is published)."""
        experts = [Command.create({"user_id": e.id, "role": "expert"}) for e in self.experts]
        buyer = Command.create({"user_id": self.officer_a2.id, "role": "buyer"})
        finance = Command.create({"user_id": self.finance_a.id, "role": "buyer"})
        cases = {
            "4 members": [buyer, *experts[:3]],
            "6 members": [buyer, *experts, finance],
            "3 experts of 5": [buyer, finance, *experts[:3]],
        }
        for label, committee in cases.items():
            with self.subTest(label):
                tender = self._tender(committee_ids=committee)
                with (
                    freeze_time(ANNOUNCE),
                    self.assertRaisesMsg(UserError, "5.*odd|5.*单数|三分之二|two thirds"),
                ):
                    tender.with_user(self.officer_a).action_publish()
                self.assertFalse(tender.sgz_review_ids)

    def test_price_weights_by_method(self):
        """Open tender: services at least 10% (财政部令第87号第五十五条), 0 only for a fixed-price project;
        competitive consultation 10–30% (财库〔2014〕214号第二十四条)."""
        for weight in (9.9, 0, 101):
            with self.assertRaisesMsg(ValidationError, "10"):
                self._tender(price_weight=weight)
        self._tender(price_weight=10)
        self._tender(price_weight=60)
        self._tender(price_weight=0, fixed_price=True)
        with self.assertRaisesMsg(ValidationError, "fixed-price|固定价格"):
            self._tender(price_weight=10, fixed_price=True)
        for weight in (9.9, 35):
            with self.assertRaisesMsg(ValidationError, "30"):
                self._tender(method="consultation", price_weight=weight)
        self._tender(method="consultation", price_weight=30)

    def test_bid_periods_by_method(self):
        """Open tender 20 days (政府采购法第三十五条), consultation 10 days, negotiation 3 working days."""
        with self.assertRaisesMsg(ValidationError, "2025-03-23"):
            self._tender(bid_deadline="2025-03-22 09:00:00")
        self._tender(bid_deadline="2025-03-23 01:00:00")
        with self.assertRaisesMsg(ValidationError, "2025-03-13"):
            self._tender(method="consultation", bid_deadline="2025-03-12 01:00:00")
        self._tender(method="consultation", bid_deadline="2025-03-13 01:00:00")
        with self.assertRaisesMsg(ValidationError, "2025-03-06"):
            self._tender(method="negotiation", criterion_ids=[], bid_deadline="2025-03-05 01:00:00")
        self._tender(method="negotiation", criterion_ids=[], bid_deadline="2025-03-06 01:00:00")
