from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AWARD, CHALLENGE_END, ProcurementCase


@tagged("post_install", "-at_install")
class TestPublicity(ProcurementCase):
    def _challenge(self, tender, user, day):
        with freeze_time(day):
            return (
                self.env["sgz.tender.challenge"]
                .with_user(user)
                .create({"tender_id": tender.id, "company_id": user.company_id.id, "description": "评分不公"})
            )

    def test_challenge_window_is_7_working_days(self):
        tender, _bid_x, _bid_y = self._announced()
        # Announced Wednesday 26 March 2025; Qingming 4–6 April is off: the 7th working day is 7 April.
        self.assertEqual(str(tender.challenge_deadline), CHALLENGE_END)
        self._challenge(tender, self.manager_y, CHALLENGE_END)
        with self.assertRaisesMsg(ValidationError, CHALLENGE_END):
            self._challenge(tender, self.manager_y, "2025-04-08")

    def test_open_challenge_blocks_award(self):
        tender, _bid_x, _bid_y = self._announced()
        challenge = self._challenge(tender, self.manager_y, "2025-03-28")
        with freeze_time(AWARD), self.assertRaisesMsg(UserError, "challenge|质疑"):
            tender.with_user(self.officer_a).action_award()
        self.assertFalse(tender.sgz_review_ids.filtered(lambda r: r.target_state == "awarded"))
        with self.assertRaises(UserError):
            challenge.with_user(self.officer_a).action_answer()  # an answer is needed
        challenge.with_user(self.officer_a).answer = "经复核，评分程序合规。"
        challenge.with_user(self.officer_a).action_answer()
        self.assertEqual(challenge.state, "answered")
        with freeze_time(AWARD):
            tender.with_user(self.officer_a).action_award()
        self.assertTrue(tender.sgz_review_ids.filtered(lambda r: r.target_state == "awarded"))

    def test_award_after_the_challenge_period(self):
        tender, _bid_x, _bid_y = self._announced()
        with freeze_time(CHALLENGE_END), self.assertRaisesMsg(UserError, CHALLENGE_END):
            tender.with_user(self.officer_a).action_award()

    def test_award_needs_approval_and_notifies_the_winner(self):
        tender, bid_x, _bid_y = self._announced()
        with freeze_time(AWARD):
            tender.with_user(self.officer_a).action_award()
            self.assertEqual(tender.state, "publicity")
            with self.assertRaises(UserError):
                tender.write({"state": "awarded"})
            self._approve(tender)
        self.assertEqual(tender.state, "awarded")
        self.assertEqual(str(tender.award_date), AWARD)
        agreement = tender.agreement_ids
        self.assertEqual(agreement.provider_id, self.provider_x)
        self.assertEqual(agreement.company_id, self.county_a)
        self.assertEqual(agreement.station_line_ids.station_id, self.station_a1 | self.station_a2)
        self.assertEqual(agreement.annual_amount, 380000)
        notice = tender.message_ids.filtered(lambda m: self.provider_x.partner_id in m.partner_ids)
        self.assertTrue(notice, "the award notice is sent to the winner")
        # Signing within 30 days of the award notice.
        signing = agreement._sgz_deadline_get("signing")
        self.assertEqual(str(signing.date_deadline), "2025-05-08")
        self.assertEqual(signing.user_id, self.officer_a)
        self.assertEqual(signing.activity_id.date_deadline, signing.date_deadline)
        with freeze_time("2025-05-09"):
            self.env["sgz.deadline"]._cron_refresh_overdue()
            self.assertTrue(agreement.sgz_overdue)
            self.assertIn(agreement, self.env["sgz.agreement"].search([("sgz_overdue", "=", True)]))

    def test_award_rejected_goes_back_to_draft(self):
        tender, _bid_x, _bid_y = self._announced()
        with freeze_time(AWARD):
            tender.with_user(self.officer_a).action_award()
        tender.sgz_review_ids.filtered(lambda r: r.state == "pending").with_user(
            self.approver_a
        ).action_reject(comment="评审记录不全")
        self.assertEqual(tender.state, "draft")
        self.assertFalse(tender.agreement_ids)
