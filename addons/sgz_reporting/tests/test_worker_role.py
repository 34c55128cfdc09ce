import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ReportingCase


class WorkerCase(ReportingCase):
    """甲社工 (worker_1, station a1) with the account provider X's HR created for her."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker_1.mobile_phone = "13807310001"
        cls.worker_1.with_user(cls.hr_x).action_sgz_create_user()
        cls.user_1 = cls.worker_1.user_id.with_context(lang="zh_CN")


@tagged("post_install", "-at_install")
class TestWorkerRole(WorkerCase):
    """驻站社工 (issue 17, §4): a worker records the activities of their own station only, and reads its
    beneficiaries with the ID number masked."""

    def test_activity_at_own_station(self):
        activity = self._activity(
            "2026-11-20",
            user=self.user_1,
            activity_type="case",
            beneficiary_id=self.ben_a1.id,
            name="探访黄奶奶",
        )
        self.assertEqual((activity.station_id, activity.company_id), (self.station_a1, self.provider_x))
        # the worker's new record is at their station and theirs by default
        defaults = self.env["sgz.activity"].with_user(self.user_1).default_get(["station_id", "worker_id"])
        self.assertEqual(defaults, {"station_id": self.station_a1.id, "worker_id": self.worker_1.id})
        # a session, a photo and a message in the chatter (a user without email)
        self.env["sgz.activity.session"].with_user(self.user_1).create(
            {"activity_id": activity.id, "date": "2026-11-20", "duration": 1}
        )
        photo = (
            self.env["ir.attachment"]
            .with_user(self.user_1)
            .create({"name": "visit.png", "raw": b"photo", "res_model": "sgz.activity", "res_id": 0})
        )
        activity.with_user(self.user_1).write({"attachment_ids": [Command.link(photo.id)]})
        self.assertEqual((photo.res_model, photo.res_id), ("sgz.activity", activity.id))
        activity.with_user(self.user_1).message_post(body="已完成入户走访")
        # the station's records, the colleague's included, but not another station's
        colleague = self._activity("2026-11-21", worker_id=self.worker_2.id)
        other_station = self._activity("2026-11-21", station=self.station_a2)
        seen = self.env["sgz.activity"].with_user(self.user_1).search([])
        self.assertIn(colleague, seen)
        self.assertNotIn(other_station, seen)
        # a colleague's record is not hers to change
        with self.assertRaisesMsg(AccessError, "服务活动"):
            colleague.with_user(self.user_1).write({"person_times": 99})

    def test_activity_at_another_station_refused(self):
        # a station of her provider, but not hers
        with self.assertRaisesMsg(UserError, "不是您驻点的站"):
            self._activity("2026-11-20", station=self.station_a2, user=self.user_1)
        # another provider's station
        with self.assertRaisesMsg(UserError, "不由您的机构运营"):
            self._activity("2026-11-20", station=self.station_b1, user=self.user_1)
        mine = self._activity("2026-11-20", user=self.user_1)
        with self.assertRaisesMsg(UserError, "不是您驻点的站"):
            mine.with_user(self.user_1).write({"station_id": self.station_a2.id})
        self.assertEqual(mine.station_id, self.station_a1)

    def test_beneficiaries_masked(self):
        Beneficiary = self.env["sgz.beneficiary"].with_user(self.user_1)
        self.assertEqual(Beneficiary.search([]), self.ben_a1 | self.ben_a2)  # not station b1's
        values = self.ben_a1.with_user(self.user_1).read(["name", "id_number_masked"])[0]
        self.assertEqual(values["id_number_masked"][:3], "430")
        self.assertIn("*", values["id_number_masked"])
        self.assertNotIn(self.id_a1, str(values))
        with self.assertRaises(AccessError):
            self.ben_a1.with_user(self.user_1).read(["id_number"])
        with self.assertRaises(AccessError):
            Beneficiary.search_read([], ["id_number"])
        with self.assertRaises(AccessError):
            Beneficiary.search([("id_number", "=", self.id_a1)])
        with self.assertRaisesMsg(AccessError, "服务对象"):
            self.ben_a1.with_user(self.user_1).write({"phone": "1"})

    def test_no_pay_figures_of_others(self):
        self._run(datetime.date(2025, 6, 1), confirm=True)
        Stat = self.env["sgz.payroll.stat"]
        self.assertTrue(Stat.with_user(self.hr_x).search([]))  # the provider's HR reads its payroll cost
        self.assertFalse(Stat.with_user(self.user_1).search([]))
        self.assertFalse(Stat.with_user(self.user_1).read_group([], ["workers:sum"], [])[0]["workers"])


@tagged("post_install", "-at_install", "sgz_tour")
class TestWorkerTour(HttpCase, WorkerCase):
    """On a phone-sized screen, the worker records a case visit with a photo."""

    browser_size = "375x667"
    touch_enabled = True

    def test_worker_records_an_activity_on_phone(self):
        user = self.worker_1.user_id
        user.password = user.login  # start_tour logs in with the login as password
        self.start_tour(
            "/odoo/action-sgz_reporting.sgz_activity_action_worker",
            "sgz_reporting_worker_tour",
            login=user.login,
            timeout=180,
        )
        activity = self.env["sgz.activity"].search([("name", "=", "探访黄奶奶")])
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.station_id, activity.worker_id), (self.station_a1, self.worker_1))
        self.assertEqual((activity.activity_type, activity.beneficiary_id), ("case", self.ben_a1))
        self.assertEqual(activity.attachment_ids.mapped("name"), ["visit.png"])
        self.assertEqual(activity.create_uid, user)
