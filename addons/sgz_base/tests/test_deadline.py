import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SgzCase


@tagged("post_install", "-at_install")
class TestDeadline(SgzCase):
    def test_working_days_across_national_day_2025(self):
        # 1–8 October 2025 are off; Sunday 28 September and Saturday 11 October are worked.
        Deadline = self.env["sgz.deadline"]
        self.assertEqual(Deadline.rule_date("working_days", "2025-09-25", 15), datetime.date(2025, 10, 22))
        self.assertEqual(Deadline.rule_date("working_days", "2025-09-26", 1), datetime.date(2025, 9, 28))
        self.assertEqual(Deadline.rule_date("working_days", "2025-09-30", 1), datetime.date(2025, 10, 9))

    def test_calendar_rules(self):
        Deadline = self.env["sgz.deadline"]
        self.assertEqual(Deadline.rule_date("months", "2025-01-31", 1), datetime.date(2025, 2, 28))
        self.assertEqual(Deadline.rule_date("days", "2025-06-10", 30), datetime.date(2025, 7, 10))
        self.assertEqual(
            Deadline.rule_date("fixed", "2025-03-02", month=11, day=30), datetime.date(2025, 11, 30)
        )
        with self.assertRaisesMsg(UserError, "month"):
            Deadline.rule_date("fixed", "2025-03-02")

    def test_beyond_known_years(self):
        with self.assertRaisesMsg(UserError, "2199"):
            self.env["sgz.deadline"].rule_date("working_days", "2199-12-01", 3)

    def _deadline(self, due):
        station = self._station(self.township_a1, self.county_a)
        return self.env["sgz.deadline"].create(
            {
                "name": "测试期限",
                "code": "test",
                "res_model": "sgz.station",
                "res_id": station.id,
                "company_id": self.county_a.id,
                "user_id": self.officer_a.id,
                "rule": "days",
                "date_start": "2025-06-01",
                "date_deadline": due,
            }
        )

    def test_overdue_refreshed_by_cron(self):
        with freeze_time("2025-06-10"):
            deadline = self._deadline("2025-06-12")
            self.assertFalse(deadline.overdue)
        with freeze_time("2025-06-13"):
            self.env["sgz.deadline"]._cron_refresh_overdue()
            self.assertTrue(deadline.overdue)
            self.assertEqual(
                self.env["sgz.deadline"].search([("overdue", "=", True), ("id", "=", deadline.id)]), deadline
            )
            deadline.write({"state": "done", "date_done": "2025-06-13"})
            self.assertFalse(deadline.overdue)
            self.assertTrue(deadline.late)

    def test_visibility(self):
        deadline = self._deadline("2025-06-12")
        self.assertEqual(
            self.env["sgz.deadline"].with_user(self.officer_a).search([("id", "=", deadline.id)]), deadline
        )
        self.assertFalse(
            self.env["sgz.deadline"].with_user(self.officer_b).search([("id", "=", deadline.id)])
        )
        with self.assertRaisesMsg(AccessError, "您的角色不能修改期限"):
            deadline.with_user(self.officer_a).write({"date_deadline": "2025-07-01"})
