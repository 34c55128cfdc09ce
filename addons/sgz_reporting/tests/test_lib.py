import datetime

from odoo.tests import BaseCase, tagged

from ..lib import mask_id_number, period_of, periods_between
from ..lib.periods import agreement_periods

D = datetime.date


@tagged("post_install", "-at_install")
class TestLib(BaseCase):
    def test_mask(self):
        self.assertEqual(mask_id_number("430121195203081024"), "430***********1024")
        self.assertEqual(mask_id_number("43012119681125304X"), "430***********304X")
        self.assertEqual(mask_id_number(""), "")
        self.assertEqual(mask_id_number("12345"), "*****")

    def test_periods(self):
        quarter = period_of("quarter", D(2026, 8, 15))
        self.assertEqual((quarter.date_from, quarter.date_to), (D(2026, 7, 1), D(2026, 9, 30)))
        self.assertEqual(quarter.code(), "2026-Q3")
        previous = quarter.previous()
        self.assertEqual((previous.date_from, previous.date_to), (D(2026, 4, 1), D(2026, 6, 30)))
        # January's previous month is December of the year before
        january = period_of("month", D(2026, 1, 20)).previous()
        self.assertEqual(
            (january.date_from, january.date_to, january.code()), (D(2025, 12, 1), D(2025, 12, 31), "2025-12")
        )
        half = period_of("half_year", D(2026, 11, 1))
        self.assertEqual(
            (half.date_from, half.date_to, half.code()), (D(2026, 7, 1), D(2026, 12, 31), "2026-H2")
        )
        months = periods_between("month", D(2026, 8, 20), D(2026, 11, 1))
        self.assertEqual([p.code() for p in months], ["2026-08", "2026-09", "2026-10"])
        mid = agreement_periods("agreement_mid", D(2026, 3, 1), D(2027, 2, 28))
        self.assertEqual((mid.date_from, mid.date_to), (D(2026, 3, 1), D(2026, 8, 31)))
