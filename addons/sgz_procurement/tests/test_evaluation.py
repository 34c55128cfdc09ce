from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AWARD, ProcurementCase


@tagged("post_install", "-at_install")
class TestEvaluation(ProcurementCase):
    def test_price_score_and_total(self):
        tender = self._published()
        bid_x = self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 300000)
        bid_v = self._bid(tender, self.manager_v, 390000)
        self._open(tender)
        # The five members score alike; criteria 服务方案 60%, 项目团队 40%.
        self._score(
            tender,
            {
                bid_x: {"服务方案": 90, "项目团队": 80},
                bid_y: {"服务方案": 70, "项目团队": 60},
                bid_v: {"服务方案": 60, "项目团队": 60},
            },
        )
        tender.with_user(self.officer_a).action_compute_ranking()
        # technical = (0.6 × 90 + 0.4 × 80) × 70% = 86 × 0.7 = 60.2 ; price = 300000 / 380000 × 30 = 23.68
        self.assertAlmostEqual(bid_x.technical_score, 60.2, places=2)
        self.assertAlmostEqual(bid_x.price_score, 300000 / 380000 * 30, places=4)
        self.assertAlmostEqual(bid_x.total_score, 60.2 + 300000 / 380000 * 30, places=4)
        # technical = (0.6 × 70 + 0.4 × 60) × 0.7 = 46.2 ; price = 30 (lowest)
        self.assertAlmostEqual(bid_y.technical_score, 46.2, places=2)
        self.assertAlmostEqual(bid_y.price_score, 30, places=4)
        self.assertEqual((bid_x.rank, bid_y.rank, bid_v.rank), (1, 2, 3))

    def test_tie_broken_by_price(self):
        tender = self._published(price_weight=10)
        bid_x = self._bid(tender, self.manager_x, 200000)
        bid_y = self._bid(tender, self.manager_y, 100000)
        bid_v = self._bid(tender, self.manager_v, 300000)
        self._open(tender)
        # x: technical 100 × 0.9 = 90, price 100000/200000 × 10 = 5 → 95
        # y: technical 94.4444… × 0.9 = 85, price 10 → 95: same total, y is cheaper.
        self._score(tender, {bid_x: 100, bid_y: 850 / 9, bid_v: 50})
        tender.with_user(self.officer_a).action_compute_ranking()
        self.assertAlmostEqual(bid_x.total_score, bid_y.total_score, places=6)
        self.assertEqual((bid_y.rank, bid_x.rank), (1, 2))

    def test_bid_above_ceiling_invalid_at_opening(self):
        # a consultation for a government-purchased service: two compliant suppliers are enough (X and V)
        tender = self._published(method="consultation")
        bid_x = self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 390000)
        bid_v = self._bid(tender, self.manager_v, 385000)
        # A price that got above the ceiling (e.g. entered before a correction of the ceiling) is invalid.
        self.env["sgz.tender.bid.seal"].sudo().search([("bid_id", "=", bid_y.id)]).price = 410000
        self._open(tender)
        self.assertEqual(bid_y.state, "invalid")
        self.assertTrue(bid_y.invalid_reason)
        self.assertEqual(bid_x.state, "valid")
        self._score(tender, {bid_x: 80, bid_v: 60})
        tender.with_user(self.officer_a).action_compute_ranking()
        self.assertEqual(bid_x.rank, 1)
        self.assertEqual(bid_x.price_score, 30)  # the invalid 410,000 is not the benchmark: 380,000 is
        self.assertEqual(bid_y.rank, 0)

    def test_scores_by_members_within_0_100(self):
        tender = self._published(method="consultation")
        bid_x = self._bid(tender, self.manager_x, 380000)
        self._bid(tender, self.manager_v, 370000)
        self._open(tender)
        line = bid_x.score_ids.filtered(lambda s: s.member_user_id == self.officer_a2)[0]
        with self.assertConstraintMsg("between 0 and 100|0.*100"):
            line.with_user(self.officer_a2).write({"score": 101})
        with self.assertRaisesMsg(UserError, "officer_a2"):
            line.with_user(self.officer_a).write({"score": 80})
        line.with_user(self.officer_a2).write({"score": 80})
        self.assertTrue(line.scored)
        self.assertEqual(len(bid_x.score_ids), 10)  # 5 members × 2 criteria

    def test_scores_stay_with_their_member(self):
        """After the opening, neither the committee nor the scores move (issue: a member's scores moved to
        another person, the chair's scores deleted)."""
        tender = self._published(method="consultation")
        bid_x = self._bid(tender, self.manager_x, 380000)
        self._bid(tender, self.manager_v, 370000)
        self._open(tender)
        chair = tender.committee_ids.filtered(lambda m: m.role == "chair")
        line = bid_x.score_ids.filtered(lambda s: s.member_id == chair)[0]
        officer = self.officer_a
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            line.with_user(officer).write({"member_id": tender.committee_ids[0].id})
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            chair.with_user(officer).write({"user_id": self.officer_a2.id})
        with self.assertRaisesMsg(UserError, "its lines cannot be deleted|明细行不能删除"):
            chair.with_user(officer).unlink()
        with self.assertRaisesMsg(AccessError, "您的角色不能删除评委评分"):
            line.with_user(officer).unlink()
        with self.assertRaisesMsg(UserError, "stays on record|存档备查"):
            line.sudo().unlink()
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            tender.with_user(officer).write({"committee_ids": [(0, 0, {"user_id": self.finance_a.id})]})
        with self.assertRaisesMsg(UserError, "create|创建|新建"):
            self.env["sgz.tender.score"].with_user(officer).create(
                {"bid_id": bid_x.id, "member_id": chair.id, "criterion_id": tender.criterion_ids[0].id}
            )

    def test_finance_member_scores(self):
        """A county finance user put on a committee scores like any member."""
        tender = self._published(
            method="consultation",
            committee_ids=[
                (0, 0, {"user_id": self.finance_a.id, "role": "buyer"}),
                (0, 0, {"user_id": self.experts[0].id, "role": "chair"}),
                (0, 0, {"user_id": self.experts[1].id, "role": "expert"}),
            ],
        )
        bid_x = self._bid(tender, self.manager_x, 380000)
        self._bid(tender, self.manager_v, 370000)
        self._open(tender)
        lines = bid_x.score_ids.filtered(lambda s: s.member_user_id == self.finance_a)
        lines.with_user(self.finance_a).write({"score": 75})
        self.assertTrue(all(lines.mapped("scored")))

    def test_award_needs_every_score(self):
        tender = self._published()
        for manager in (self.manager_x, self.manager_y, self.manager_v):
            self._bid(tender, manager, 380000)
        self._open(tender)
        with freeze_time(AWARD), self.assertRaisesMsg(UserError, "30"):  # 5 members × 2 criteria × 3 bids
            tender.with_user(self.officer_a).action_award()

    def test_lowest_price_method(self):
        tender = self._published(evaluation_method="lowest_price", criterion_ids=[])
        bid_x = self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 360000)
        self._bid(tender, self.manager_v, 390000)
        self._open(tender)
        tender.with_user(self.officer_a).action_compute_ranking()
        self.assertEqual((bid_y.rank, bid_x.rank), (1, 2))
        self.assertEqual(tender.lot_ids.winner_bid_id, bid_y)

    def test_negotiation_awards_the_lowest_compliant_price(self):
        """政府采购法第三十八条: competitive negotiation has no weighted scoring."""
        with self.assertRaisesMsg(ValidationError, "lowest compliant price|最低"):
            self._tender(
                method="negotiation", evaluation_method="comprehensive", bid_deadline="2025-03-10 01:30:00"
            )
        tender = self._published(
            method="negotiation",
            criterion_ids=[],
            bid_deadline="2025-03-10 01:30:00",
            committee_ids=[
                (0, 0, {"user_id": self.officer_a2.id, "role": "buyer"}),
                (0, 0, {"user_id": self.experts[0].id, "role": "chair"}),
                (0, 0, {"user_id": self.experts[1].id, "role": "expert"}),
            ],
        )
        self.assertEqual(tender.evaluation_method, "lowest_price")
        bid_x = self._bid(tender, self.manager_x, 380000, day="2025-03-05")
        bid_y = self._bid(tender, self.manager_y, 350000, day="2025-03-05")
        bid_v = self._bid(tender, self.manager_v, 390000, day="2025-03-05")  # three compliant suppliers
        with freeze_time("2025-03-10 01:30:00"):
            tender.with_user(self.officer_a).action_open_bids()
        tender.with_user(self.officer_a).action_compute_ranking()
        self.assertEqual(tender.lot_ids.winner_bid_id, bid_y)
        self.assertFalse((bid_x | bid_y | bid_v).score_ids)
