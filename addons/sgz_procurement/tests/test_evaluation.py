from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PUBLICITY, ProcurementCase


@tagged("post_install", "-at_install")
class TestEvaluation(ProcurementCase):
    def test_price_score_and_total(self):
        tender = self._published()
        bid_x = self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 300000)
        self._open(tender)
        # Officer 2 and the chair score; criteria 服务方案 60%, 项目团队 40%.
        self._score(
            tender, {bid_x: {"服务方案": 90, "项目团队": 80}, bid_y: {"服务方案": 70, "项目团队": 60}}
        )
        tender.with_user(self.officer_a).action_compute_ranking()
        # technical = (0.6 × 90 + 0.4 × 80) × 70% = 86 × 0.7 = 60.2 ; price = 300000 / 380000 × 30 = 23.68
        self.assertAlmostEqual(bid_x.technical_score, 60.2, places=2)
        self.assertAlmostEqual(bid_x.price_score, 300000 / 380000 * 30, places=4)
        self.assertAlmostEqual(bid_x.total_score, 60.2 + 300000 / 380000 * 30, places=4)
        # technical = (0.6 × 70 + 0.4 × 60) × 0.7 = 46.2 ; price = 30 (lowest)
        self.assertAlmostEqual(bid_y.technical_score, 46.2, places=2)
        self.assertAlmostEqual(bid_y.price_score, 30, places=4)
        self.assertEqual((bid_x.rank, bid_y.rank), (1, 2))

    def test_tie_broken_by_price(self):
        tender = self._published(price_weight=10)
        bid_x = self._bid(tender, self.manager_x, 200000)
        bid_y = self._bid(tender, self.manager_y, 100000)
        self._open(tender)
        # x: technical 100 × 0.9 = 90, price 100000/200000 × 10 = 5 → 95
        # y: technical 94.4444… × 0.9 = 85, price 10 → 95: same total, y is cheaper.
        self._score(tender, {bid_x: 100, bid_y: 850 / 9})
        tender.with_user(self.officer_a).action_compute_ranking()
        self.assertAlmostEqual(bid_x.total_score, bid_y.total_score, places=6)
        self.assertEqual((bid_y.rank, bid_x.rank), (1, 2))

    def test_bid_above_ceiling_invalid_at_opening(self):
        tender = self._published()
        bid_x = self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 390000)
        # A price that got above the ceiling (e.g. entered before a correction of the ceiling) is invalid.
        self.env["sgz.tender.bid.seal"].sudo().search([("bid_id", "=", bid_y.id)]).price = 410000
        self._open(tender)
        self.assertEqual(bid_y.state, "invalid")
        self.assertTrue(bid_y.invalid_reason)
        self.assertEqual(bid_x.state, "valid")
        self._score(tender, {bid_x: 80})
        tender.with_user(self.officer_a).action_compute_ranking()
        self.assertEqual(bid_x.rank, 1)
        self.assertEqual(bid_x.price_score, 30)  # the invalid price is not the benchmark
        self.assertEqual(bid_y.rank, 0)

    def test_scores_by_members_within_0_100(self):
        tender = self._published()
        bid_x = self._bid(tender, self.manager_x, 380000)
        self._open(tender)
        line = bid_x.score_ids.filtered(lambda s: s.member_user_id == self.officer_a2)[0]
        with self.assertRaises(ValidationError):
            line.with_user(self.officer_a2).write({"score": 101})
        with self.assertRaisesMsg(UserError, "officer_a2"):
            line.with_user(self.officer_a).write({"score": 80})
        line.with_user(self.officer_a2).write({"score": 80})
        self.assertTrue(line.scored)
        self.assertEqual(len(bid_x.score_ids), 4)  # 2 members × 2 criteria

    def test_ranking_needs_every_score(self):
        tender = self._published()
        self._bid(tender, self.manager_x, 380000)
        self._open(tender)
        with freeze_time(PUBLICITY), self.assertRaisesMsg(UserError, "4"):
            tender.with_user(self.officer_a).action_confirm_ranking()

    def test_lowest_price_method(self):
        tender = self._published(evaluation_method="lowest_price", criterion_ids=[], committee_ids=[])
        bid_x = self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 360000)
        self._open(tender)
        with freeze_time(PUBLICITY):
            tender.with_user(self.officer_a).action_confirm_ranking()
        self.assertEqual((bid_y.rank, bid_x.rank), (1, 2))
        self.assertEqual(tender.lot_ids.winner_bid_id, bid_y)
