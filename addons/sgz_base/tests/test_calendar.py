import datetime

import chinese_calendar

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCalendarModel(TransactionCase):
    def test_seeded_from_package(self):
        Year = self.env["sgz.calendar.year"]
        first, last = min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year
        self.assertEqual(sorted(Year.search([]).mapped("name")), list(range(first, last + 1)))
        days = self.env["sgz.calendar.day"].search(
            [("date", ">=", "2025-01-01"), ("date", "<=", "2025-12-31")]
        )
        self.assertEqual(
            {d.date for d in days if d.kind == "workday"},
            {d for d in chinese_calendar.workdays if d.year == 2025},
        )
        self.assertEqual(Year._seed_from_package(), Year)  # idempotent

    def test_national_day_filing_deadline(self):
        Year = self.env["sgz.calendar.year"]
        self.assertEqual(Year.add_working_days("2025-09-25", 15), datetime.date(2025, 10, 22))
        self.assertEqual(Year.working_days_between("2025-09-30", "2025-10-09"), 1)

    def test_unknown_year_then_entered(self):
        Year = self.env["sgz.calendar.year"]
        last = max(Year.search([]).mapped("name"))
        with self.assertRaisesRegex(UserError, f"No official holiday schedule is known for {last + 1}-01-0"):
            Year.add_working_days(f"{last}-12-28", 5)
        # The administrator enters next year's schedule: 1 January off, Saturday 9 January worked (made up).
        next_year = last + 1
        new_year_day = datetime.date(next_year, 1, 1)
        Year.create(
            {
                "name": next_year,
                "day_ids": [
                    (0, 0, {"date": new_year_day, "kind": "holiday", "name": "New Year"}),
                ],
            }
        )
        result = Year.add_working_days(f"{last}-12-31", 1)
        expected = new_year_day + datetime.timedelta(days=1)
        while expected.weekday() >= 5:
            expected += datetime.timedelta(days=1)
        self.assertEqual(result, expected)

    def test_day_outside_year(self):
        year = self.env["sgz.calendar.year"].search([], limit=1)
        with self.assertRaisesRegex(ValidationError, "does not lie in"):
            self.env["sgz.calendar.day"].create(
                {"year_id": year.id, "date": datetime.date(year.name + 1, 5, 1), "kind": "holiday"}
            )
