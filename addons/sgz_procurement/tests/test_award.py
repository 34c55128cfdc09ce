import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AWARD, CHALLENGE_END, SIGN_BY, ProcurementCase


@tagged("post_install", "-at_install")
class TestAward(ProcurementCase):
    """Result announcement, award notice, challenges (政府采购法第五十二条; 财政部令第87号, 第94号)."""

    def _challenge(self, tender, user, day):
        with freeze_time(day):
            return (
                self.env["sgz.tender.challenge"]
                .with_user(user)
                .create({"tender_id": tender.id, "company_id": user.company_id.id, "description": "评分不公"})
            )

    def test_challenge_window_worked_example(self):
        """Results announced Tuesday 3 June 2025: the announcement period is 1 working day (Wednesday 4 June),
        then 7 working days: 5, 6, 9, 10, 11, 12, 13 June → last day to challenge Friday 13 June 2025."""
        tender = self._tender()
        tender.sudo().write({"state": "awarded", "award_date": "2025-06-03"})
        self.assertEqual(tender.challenge_deadline, datetime.date(2025, 6, 13))

    def test_challenge_window_after_the_announcement_period(self):
        tender, _bid_x, _bid_y = self._awarded()
        # Announced Wednesday 26 March 2025; announcement period 27 March; Qingming 4–6 April is off.
        self.assertEqual(str(tender.challenge_deadline), CHALLENGE_END)
        self._challenge(tender, self.manager_y, CHALLENGE_END)
        with self.assertRaisesMsg(ValidationError, CHALLENGE_END):
            self._challenge(tender, self.manager_v, "2025-04-09")

    def test_only_a_bidder_challenges(self):
        tender, _bid_x, _bid_y = self._awarded()
        with self.assertRaisesMsg(ValidationError, "bidder|投标"):
            self._challenge(tender, self.manager_z, "2025-03-28")

    def test_award_notice_goes_with_the_announcement(self):
        """财政部令第87号第六十九条: the award notice is sent with the result announcement; the challenge window
        does not delay it; the 30-day signing deadline counts from the notice (政府采购法第四十六条)."""
        tender, _bid_x, _bid_y = self._evaluated()
        with freeze_time(AWARD):
            tender.with_user(self.officer_a).action_award()
            self.assertEqual(tender.state, "opened")
            with self.assertRaisesMsg(UserError, "needs approval|须经审批"):
                tender.with_user(self.officer_a).write({"state": "awarded"})
            self._approve(tender)
        self.assertEqual(tender.state, "awarded")
        self.assertEqual(str(tender.award_date), AWARD)
        agreement = tender.agreement_ids
        self.assertEqual(agreement.provider_id, self.provider_x)
        self.assertEqual(agreement.station_line_ids.station_id, self.station_a1 | self.station_a2)
        self.assertEqual(agreement.annual_amount, 380000)
        notice = tender.message_ids.filtered(lambda m: self.provider_x.partner_id in m.partner_ids)
        self.assertTrue(notice, "the award notice is sent to the winner")
        signing = agreement._sgz_deadline_get("signing")
        self.assertEqual(str(signing.date_deadline), SIGN_BY)  # 26 March + 30 days
        self.assertEqual(str(agreement.sign_deadline), SIGN_BY)
        with freeze_time("2025-04-26"):
            self.env["sgz.deadline"]._cron_refresh_overdue()
            self.assertTrue(agreement.sgz_overdue)

    def test_open_challenge_suspends_signing(self):
        tender, _bid_x, _bid_y = self._awarded()
        challenge = self._challenge(tender, self.manager_y, "2025-03-28")
        # 财政部令第94号第十三条: answered within 7 working days of receipt: Friday 28 March → 31 March,
        # 1, 2, 3, (Qingming 4–6 April off) 7, 8, 9 April
        answer = challenge._sgz_deadline_get("answer")
        self.assertEqual(str(answer.date_deadline), "2025-04-09")
        agreement = tender.agreement_ids
        with freeze_time("2025-04-01"), self.assertRaisesMsg(UserError, "challenge|质疑"):
            agreement.with_user(self.officer_a).action_sign()
        with self.assertRaisesMsg(UserError, "answer to the challenge first|质疑答复"):
            challenge.with_user(self.officer_a).action_answer()  # an answer is needed
        with self.assertRaisesMsg(UserError, "only the buyer|采购人"):
            challenge.with_user(self.manager_y).write({"answer": "自己回答"})  # only the buyer answers
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            challenge.with_user(self.officer_a).write({"state": "answered"})
        challenge.with_user(self.officer_a).write({"answer": "经复核，评分程序合规。"})
        with freeze_time("2025-04-02"):
            challenge.with_user(self.officer_a).action_answer()
        self.assertEqual(challenge.state, "answered")
        self.assertEqual(answer.state, "done")
        with freeze_time("2025-04-02"):
            agreement.with_user(self.officer_a).action_sign()
        self.assertEqual(agreement.state, "active")
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            challenge.with_user(self.officer_a).write({"answer": "改写"})
        with self.assertRaisesMsg(UserError, "stays on record|存档备查"):
            challenge.sudo().unlink()

    def test_backdating_is_refused(self):
        tender, _bid_x, _bid_y = self._awarded()
        with freeze_time("2025-04-10"), self.assertRaisesMsg(UserError, "buttons|按钮"):
            self.env["sgz.tender.challenge"].with_user(self.manager_y).create(
                {
                    "tender_id": tender.id,
                    "company_id": self.provider_y.id,
                    "description": "x",
                    "date": "2025-03-28",
                }
            )
        for vals in ({"award_date": "2025-03-01"}, {"opening_date": False}, {"state": "opened"}):
            with self.assertRaisesMsg(UserError, "buttons|按钮"):
                tender.with_user(self.officer_a).write(vals)

    def test_award_rejected_stays_under_evaluation(self):
        tender, _bid_x, _bid_y = self._evaluated()
        with freeze_time(AWARD):
            tender.with_user(self.officer_a).action_award()
        tender.sgz_review_ids.filtered(lambda r: r.state == "pending").with_user(
            self.approver_a
        ).action_reject(comment="评审记录不全")
        self.assertEqual(tender.state, "opened")
        self.assertFalse(tender.agreement_ids)
