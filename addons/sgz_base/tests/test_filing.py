from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SgzCase


@tagged("post_install", "-at_install")
class TestFiling(SgzCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.station = cls._station(cls.township_a1, cls.county_a)

    def _file(self):
        return self.env["sgz.filing"].create(
            {
                "name": self.station.display_name,
                "res_model": "sgz.station",
                "res_id": self.station.id,
                "company_id": self.county_a.id,
                "user_id": self.officer_a.id,
                "target_company_id": self.city.id,
                "submit_date": "2025-10-20",
                "due_date": "2025-10-22",
            }
        )

    def test_city_officer_acknowledges(self):
        filing = self._file()
        filing.with_user(self.city_officer).action_acknowledge()
        self.assertEqual(filing.state, "acknowledged")
        self.assertEqual(filing.acknowledged_by_id, self.city_officer)
        self.assertFalse(filing.late)
        self.assertIn("株洲市民政局", " ".join(self.station.message_ids.mapped("body")))

    def test_filer_cannot_acknowledge(self):
        filing = self._file()
        with self.assertRaisesMsg(UserError, "株洲市民政局"):
            filing.with_user(self.officer_a).action_acknowledge()
        self.assertEqual(filing.state, "submitted")

    def test_return_needs_a_reason(self):
        filing = self._file()
        with self.assertRaisesMsg(UserError, "reason|原因"):
            filing.with_user(self.city_officer).action_return()
        filing.with_user(self.city_officer).action_return("缺少盖章页")
        self.assertEqual(filing.state, "returned")
        self.assertEqual(filing.return_reason, "缺少盖章页")
        with self.assertRaises(UserError):
            filing.with_user(self.city_officer).action_acknowledge()

    def test_state_changes_only_by_buttons(self):
        filing = self._file()
        with self.assertRaises(UserError):
            filing.with_user(self.city_officer).write({"state": "acknowledged"})

    def test_late_flag(self):
        filing = self._file()
        filing.sudo().write({"submit_date": "2025-10-23"})
        self.assertTrue(filing.late)

    def test_visibility(self):
        filing = self._file()
        Filing = self.env["sgz.filing"]
        self.assertEqual(Filing.with_user(self.officer_a).search([("id", "=", filing.id)]), filing)
        self.assertEqual(Filing.with_user(self.city_officer).search([("id", "=", filing.id)]), filing)
        self.assertFalse(Filing.with_user(self.officer_b).search([("id", "=", filing.id)]))
        self.assertFalse(Filing.with_user(self.manager_x).search([("id", "=", filing.id)]))
        with self.assertRaises(AccessError):
            filing.with_user(self.officer_b).read(["name"])
        with self.assertRaises(AccessError):
            Filing.with_user(self.officer_a).create(
                {
                    "name": "x",
                    "res_model": "sgz.station",
                    "res_id": 1,
                    "company_id": self.county_a.id,
                    "target_company_id": self.city.id,
                    "submit_date": "2025-10-20",
                }
            )
