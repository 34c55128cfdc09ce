"""The procurement law, second pass (issue 16, points 1–7): each rule with dates and figures worked out by hand."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DEADLINE, ProcurementCase


class LawCase(ProcurementCase):
    def _seal(self, bid, price):
        """A price that ended above the ceiling (entered before the ceiling was corrected): invalid at opening."""
        self.env["sgz.tender.bid.seal"].sudo().search([("bid_id", "=", bid.id)]).price = price

    def _reprocure(self, tender, method, reason="公开招标仅一家供应商投标", **vals):
        wizard = (
            self.env["sgz.tender.reprocure.wizard"]
            .with_user(self.officer_a)
            .with_context(active_id=tender.id)
            .create({"method": method, "reason": reason, **vals})
        )
        return self.env["sgz.tender"].browse(wizard.action_confirm()["res_id"])

    def _failed_open_tender(self):
        """An open tender of 攸县 announced Monday 3 March 2025 with one bid: the lot fails at the opening."""
        tender = self._published()
        self._bid(tender, self.manager_x, 380000)
        self._open(tender)
        self.assertEqual(tender.state, "failed")
        return tender


@tagged("post_install", "-at_install")
class TestSupplierMinimums(LawCase):
    """Point 1: the least number of compliant suppliers is data per method, with validity; with fewer the lot's
    procurement is terminated (财政部令第74号第三十七条; 财库〔2014〕214号第三十四条; 财库〔2015〕124号;
    74号令第二十七条第二款)."""

    def test_consultation_with_one_valid_bid_is_terminated(self):
        """The issue's case: a consultation with one valid and one invalid bid. Compliant suppliers: X only
        (Y's 410,000.00 is above the 400,000.00 ceiling) → 1, fewer than the 2 a consultation for a
        government-purchased service needs → terminated, no ranking, no award."""
        tender = self._published(method="consultation")
        self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 390000)
        self._seal(bid_y, 410000)
        self._open(tender)
        self.assertEqual(bid_y.state, "invalid")
        self.assertTrue(tender.lot_ids.failed)
        self.assertEqual(tender.state, "failed")
        self.assertRegex(tender.failed_reason, "1.*2.*124")
        self.assertFalse(tender.sudo().bid_ids.score_ids)
        with freeze_time("2025-03-26"), self.assertRaisesMsg(UserError, "Award a tender|开标"):
            tender.with_user(self.officer_a).action_award()

    def test_consultation_two_suppliers_only_for_purchased_services(self):
        """Two valid bids (X, V): a government-purchased service goes on (minimum 2, 财库〔2015〕124号); any
        other consultation needs 3 (财库〔2014〕214号第三十四条) and is terminated."""
        for purchased, state in ((True, "opened"), (False, "failed")):
            with self.subTest(purchased_service=purchased):
                tender = self._published(method="consultation", purchased_service=purchased)
                self._bid(tender, self.manager_x, 380000)
                self._bid(tender, self.manager_v, 370000)
                self._open(tender)
                self.assertEqual(tender.state, state)
                self.assertEqual(tender._sgz_supplier_minimum().minimum, 2 if purchased else 3)

    def test_rules_have_validity(self):
        """The two-supplier rule for services ends on Sunday 2 March 2025 (a province's hypothetical change):
        a consultation announced on Monday 3 March needs 3 again, one announced on 2 March still 2."""
        self.env.ref("sgz_procurement.supplier_minimum_consultation_service").date_to = "2025-03-02"
        tender = self._tender(method="consultation")
        self.assertEqual(tender._sgz_supplier_minimum().minimum, 3)
        tender.announcement_date = "2025-03-02"
        self.assertEqual(tender._sgz_supplier_minimum().minimum, 2)

    def test_negotiation_with_two_only_after_a_failed_open_tender(self):
        """A negotiation needs 3 compliant suppliers; with 2 it goes on only when it re-procures a failed
        open tender, its method change approved by the finance department (74号令第二十七条第二款)."""
        plain = self._published(method="negotiation", criterion_ids=[])
        self._bid(plain, self.manager_x, 380000)
        self._bid(plain, self.manager_y, 360000)
        self._open(plain)
        self.assertEqual(plain.state, "failed")
        self.assertRegex(plain.failed_reason, "2.*3.*74")

        failed = self._failed_open_tender()
        new = self._reprocure(failed, "negotiation")
        self.assertEqual(
            new._sgz_supplier_conditions(), ["general", "purchased_service", "after_failed_open"]
        )
        new.with_user(self.officer_a).write(
            {
                "announcement_date": "2025-04-01",
                "bid_deadline": "2025-04-07 01:30:00",
                "committee_ids": [
                    Command.create({"user_id": self.officer_a2.id, "role": "buyer"}),
                    Command.create({"user_id": self.experts[0].id, "role": "chair"}),
                    Command.create({"user_id": self.experts[1].id, "role": "expert"}),
                ],
            }
        )
        with freeze_time("2025-04-01"):
            new.with_user(self.officer_a).action_publish()
            finance, approver = new.sgz_review_ids.sorted("sequence")
            self.assertEqual(finance.group_id, self.env.ref("sgz_base.sgz_base_group_county_finance"))
            finance.with_user(self.finance_a).action_approve(comment="同意两家供应商继续竞争性谈判")
            approver.with_user(self.approver_a).action_approve()
        self._bid(new, self.manager_x, 380000, lot=new.lot_ids, day="2025-04-02")
        self._bid(new, self.manager_y, 360000, lot=new.lot_ids, day="2025-04-02")
        with freeze_time("2025-04-07 01:30:00"):
            new.with_user(self.officer_a).action_open_bids()
        self.assertEqual(new.state, "opened")
        self.assertFalse(new.lot_ids.failed)

    def test_open_tender_keeps_three(self):
        """An open tender with two valid bids fails (政府采购法第三十六条), whatever the kind of project."""
        tender = self._published(purchased_service=True)
        self._bid(tender, self.manager_x, 380000)
        self._bid(tender, self.manager_y, 360000)
        with freeze_time(DEADLINE):
            tender.with_user(self.officer_a).action_open_bids()
        self.assertEqual(tender.state, "failed")
        self.assertRegex(tender.failed_reason, "2.*3")
