from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SgzCase


@tagged("post_install", "-at_install")
class TestStation(SgzCase):
    def test_sign_name(self):
        station = self._station(self.township_a1, self.county_a)
        self.assertEqual(station.name, "攸县江桥街道社会工作服务站")
        self.township_a1.name = "江桥镇"
        self.assertEqual(station.name, "攸县江桥镇社会工作服务站")

    def test_form_and_checklist(self):
        with Form(self.env["sgz.station"].with_user(self.officer_a)) as form:
            form.township_id = self.township_a2
        station = form.record
        self.assertEqual(station.company_id, self.county_a)
        self.assertEqual(station.name, "攸县皇图岭镇社会工作服务站")
        items = self.env["sgz.station.check.item"].search([])
        self.assertEqual(station.check_line_ids.item_id, items)
        self.assertEqual(station.completeness, 0)
        required = station.check_line_ids.filtered("required")
        required[:4].done = True
        self.assertAlmostEqual(station.completeness, 100 * 4 / len(required))
        station.check_line_ids.filtered(lambda line: not line.required).done = True
        self.assertAlmostEqual(station.completeness, 100 * 4 / len(required))  # optional items do not count
        required.done = True
        self.assertEqual(station.completeness, 100)
        self.assertIn(station, self.env["sgz.station"].search([("completeness", ">=", 100)]))

    def test_county_mismatch(self):
        with self.assertRaisesMsg(ValidationError, "not that county"):
            self._station(self.township_b1, self.county_a)
        self.assertFalse(self.env["sgz.station"].search([("township_id", "=", self.township_b1.id)]))

    def test_one_active_per_township(self):
        first = self._station(self.township_a1, self.county_a)
        first.action_activate()
        self.assertEqual(first.state, "active")
        self.assertTrue(first.opening_date)
        second = self._station(self.township_a1, self.county_a)  # a planned successor is fine
        with self.assertRaisesMsg(ValidationError, "already has an active station"):
            second.action_activate()
        first.action_close()
        second.action_activate()
        self.assertEqual(second.state, "active")

    def test_transitions(self):
        station = self._station(self.township_a1, self.county_a)
        with self.assertRaisesMsg(
            UserError, "Only an active station can be suspended|只有运行中的社工站才能暂停"
        ):
            station.action_suspend()
        station.action_activate()
        station.action_suspend()
        self.assertEqual(station.state, "suspended")
        with self.assertRaisesMsg(UserError, "stays on record|不能删除"):
            station.unlink()
        station.action_close()
        with self.assertRaisesMsg(UserError, "already closed|已撤站"):
            station.action_close()
        planned = self._station(self.township_a2, self.county_a)
        planned.unlink()
        self.assertFalse(planned.exists())

    def test_provider_and_demonstration(self):
        with self.assertRaisesMsg(ValidationError, "not a service provider"):
            self._station(self.township_a1, self.county_a, provider_id=self.county_b.id)
        with self.assertRaisesMsg(ValidationError, "demonstration"):
            self._station(self.township_a1, self.county_a, demonstration=True)
        station = self._station(
            self.township_a1,
            self.county_a,
            demonstration=True,
            demonstration_date="2026-06-01",
            provider_id=self.provider_x.id,
        )
        self.assertTrue(station.demonstration)

    def test_tracking(self):
        station = self._station(self.township_a1, self.county_a)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the creation is logged at commit; tracking starts after it
        station.action_activate()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        tracked = station.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(tracked.new_value_char, "In Service")
