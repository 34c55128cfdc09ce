from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import OPENING, ProcurementCase


@tagged("post_install", "-at_install")
class TestBid(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tender = cls.env["sgz.tender"].create(cls._tender_vals())
        cls.tender.write({"state": "published"})

    def test_bid_before_deadline(self):
        bid = self._bid(self.tender, self.manager_x, 380000, day="2025-03-24 01:29:59")
        self.assertEqual(bid.partner_id, self.provider_x.partner_id)
        self.assertEqual(bid.state, "submitted")

    def test_bid_after_deadline_refused(self):
        with self.assertRaisesMsg(UserError, "deadline|截止"):
            self._bid(self.tender, self.manager_x, 380000, day="2025-03-24 01:30:00")
        self.assertFalse(self.tender.sudo().bid_ids)

    def test_bid_above_ceiling_refused(self):
        with self.assertRaisesMsg(ValidationError, "ceiling|最高限价"):
            self._bid(self.tender, self.manager_x, 400000.01)
        self.assertFalse(self.tender.sudo().bid_ids)
        self._bid(self.tender, self.manager_x, 400000)

    def test_second_bid_on_a_lot_refused(self):
        self._bid(self.tender, self.manager_x, 380000)
        with self.assertConstraintMsg("once per lot|一次"):
            self._bid(self.tender, self.manager_x, 370000)
        self.assertEqual(len(self.tender.sudo().bid_ids), 1)

    def test_unqualified_provider_refused(self):
        with self.assertRaisesMsg(ValidationError, "disclosed|公开"):
            self._bid(self.tender, self.manager_z, 350000)
        self.provider_z.sgz_uscc = False
        with self.assertRaisesMsg(ValidationError, "Unified Social Credit Code|统一社会信用代码"):
            self._bid(self.tender, self.manager_z, 350000)

    def test_draft_tender_takes_no_bid(self):
        draft = self._tender()
        with self.assertRaisesMsg(UserError, "does not accept|不接受"):
            self._bid(draft, self.manager_x, 300000)

    def test_prices_sealed_until_opening(self):
        bid_x = self._bid(self.tender, self.manager_x, 380000)
        self._bid(self.tender, self.manager_y, 360000)
        for user in (self.officer_a, self.approver_a, self.city_officer, self.manager_x):
            record = bid_x.with_user(user)
            self.assertTrue(record.sealed)
            with self.assertRaisesMsg(UserError, "sealed|密封"):
                record.sealed_price  # noqa: B018
            # never summed nor grouped, with a sentence (it was an English ValueError)
            with self.assertRaisesMsg(AccessError, "个人信息或密封|sealed"):
                self.env["sgz.tender.bid"].with_user(user).read_group([], ["sealed_price:sum"], ["lot_id"])
        for user in (self.officer_a, self.approver_a, self.city_officer):
            self.assertEqual(bid_x.with_user(user).price, 0)
            self.assertFalse(bid_x.with_user(user).price_visible)
        # the bidder always reads its own price (issue 20 §5); never the competitor's
        self.assertEqual(bid_x.with_user(self.manager_x).price, 380000)
        self.assertTrue(bid_x.with_user(self.manager_x).price_visible)
        for user in (self.officer_a, self.manager_x):
            with self.assertRaisesMsg(AccessError, "您的角色不能打开密封报价"):
                self.env["sgz.tender.bid.seal"].with_user(user).search([])
        self._open(self.tender)
        self.assertEqual(bid_x.with_user(self.officer_a).price, 380000)
        self.assertFalse(bid_x.with_user(self.officer_a).sealed)

    def test_provider_cannot_read_competitor_bid(self):
        bid_x = self._bid(self.tender, self.manager_x, 380000)
        bid_y = self._bid(self.tender, self.manager_y, 360000)
        self._open(self.tender)
        Bid = self.env["sgz.tender.bid"].with_user(self.manager_y)
        self.assertEqual(Bid.search([("tender_id", "=", self.tender.id)]), bid_y)
        with self.assertRaisesMsg(AccessError, "您不能打开此投标：它属于其他单位"):
            bid_x.with_user(self.manager_y).read(["price"])
        with self.assertRaisesMsg(AccessError, "您不能打开此投标：它属于其他单位"):
            bid_x.with_user(self.manager_y).write({"technical_document_name": "x"})

    def test_opening_recorded_after_deadline(self):
        self._bid(self.tender, self.manager_x, 380000)
        with freeze_time("2025-03-24 01:00:00"), self.assertRaisesMsg(UserError, "deadline|截止"):
            self.tender.with_user(self.officer_a).action_open_bids()
        self._open(self.tender)
        self.assertEqual(self.tender.state, "failed")  # a single bid on an open tender
        self.assertEqual(self.tender.opened_by_id, self.officer_a)
        self.assertEqual(str(self.tender.opening_date), OPENING)

    def test_bid_changes_closed_after_deadline(self):
        bid = self._bid(self.tender, self.manager_x, 380000)
        with freeze_time("2025-03-20"):
            bid.with_user(self.manager_x).price = 370000
        with freeze_time("2025-03-24 01:30:00"), self.assertRaisesMsg(UserError, "bids closed|截止"):
            bid.with_user(self.manager_x).price = 300000
        self._open(self.tender)
        self.assertEqual(bid.price, 370000)

    def test_bid_withdrawn_never_deleted(self):
        bid = self._bid(self.tender, self.manager_x, 380000)
        with freeze_time("2025-03-20"):
            with self.assertRaisesMsg(UserError, "delete|删除"):
                bid.with_user(self.manager_x).unlink()
            for vals in (
                {"state": "valid"},
                {"rank": 1},
                {"total_score": 99},
                {"company_id": self.provider_y.id},
            ):
                with self.assertRaisesMsg(UserError, "buttons|按钮|when it was created|创建时"):
                    bid.with_user(self.manager_x).write(vals)
            bid.with_user(self.manager_x).action_withdraw()
        self.assertEqual(bid.state, "withdrawn")
        with freeze_time("2025-03-21"), self.assertRaisesMsg(UserError, "locked|已锁定"):
            bid.with_user(self.manager_x).price = 1
        self._open(self.tender)
        self.assertEqual(bid.state, "withdrawn")
        self.assertEqual(bid.price, 380000)  # still on record, opened with the others
