from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SgzHrCase


@tagged("post_install", "-at_install", "sgz_hr")
class TestTraining(SgzHrCase):
    """Trainings and supervision (policy §三(一)): who records them, who reads them, the hours on the worker's file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker_a = cls._worker("李娜", body="43022319950315124")
        cls.worker_b = cls._worker("王强", body="43022419960620222", station=cls.station_b1)
        cls.worker_a.user_id = cls.worker_x  # the stationed worker user of the tests is 李娜
        cls.zh = {"lang": "zh_CN"}

    def _training(self, user, company, date="2026-03-15", hours=16, lines=()):
        return (
            self.env["sgz.training"]
            .with_user(user)
            .with_context(**self.zh)
            .create(
                {
                    "name": "岗位能力提升培训",
                    "company_id": company.id,
                    "date": date,
                    "hours": hours,
                    "trainer": "张老师",
                    "attendance_ids": [(0, 0, {"employee_id": w.id, "hours": h}) for w, h in lines],
                }
            )
        )

    def _session(self, user, company, date="2026-05-20", hours=2, **vals):
        values = {"supervisor": "李督导", "company_id": company.id, "date": date, "hours": hours, **vals}
        return self.env["sgz.supervision"].with_user(user).with_context(**self.zh).create(values)

    @freeze_time("2026-12-06")
    def test_yearly_hours_on_the_workers_file(self):
        # worked example: 2026 — the provincial training 16 h (attended 12 of 16), the provider's 6 h (all 6);
        # 2025's 8 h training does not count; supervision 2 h + 1.5 h = 3.5 h
        self._training(self.province_officer, self.province, lines=[(self.worker_a, 12), (self.worker_b, 16)])
        self._training(self.hr_x, self.provider_x, date="2026-09-01", hours=6, lines=[(self.worker_a, 6)])
        self._training(self.hr_x, self.provider_x, date="2025-09-01", hours=8, lines=[(self.worker_a, 8)])
        self._session(self.hr_x, self.provider_x, employee_id=self.worker_a.id)
        self._session(self.hr_x, self.provider_x, date="2026-10-08", hours=1.5, employee_id=self.worker_a.id)
        self.assertEqual(self.worker_a.sgz_training_hours_year, 18)
        self.assertEqual(self.worker_a.sgz_supervision_hours_year, 3.5)
        self.assertEqual(self.worker_b.sgz_training_hours_year, 16)
        self.assertEqual(self.worker_b.sgz_supervision_hours_year, 0)
        # the worker reads the same figures on their own file
        self.assertEqual(self.worker_a.with_user(self.worker_x).sgz_training_hours_year, 18)

    @freeze_time("2026-12-06")
    def test_who_reads_and_who_writes(self):
        provincial = self._training(
            self.province_officer, self.province, lines=[(self.worker_a, 16), (self.worker_b, 16)]
        )
        own = self._training(self.hr_x, self.provider_x, lines=[(self.worker_a, 16)])
        other = self._training(self.hr_y, self.provider_y, lines=[(self.worker_b, 16)])
        session_b = self._session(self.hr_y, self.provider_y, employee_id=self.worker_b.id)
        session_a = self._session(self.hr_x, self.provider_x, employee_id=self.worker_a.id)
        # the provider reads its own and the province's its workers attended, not the other provider's
        Training = self.env["sgz.training"]
        self.assertEqual(Training.with_user(self.hr_x).search([]), provincial | own)
        with self.assertRaisesMsg(AccessError, "您不能打开此业务培训：它属于其他单位"):
            other.with_user(self.hr_x).read(["name"])
        with self.assertRaisesMsg(AccessError, "您不能修改此业务培训：它属于其他单位"):
            provincial.with_user(self.hr_x).write({"hours": 20})
        with self.assertRaisesMsg(AccessError, "您不能打开此督导记录：它属于其他单位"):
            session_b.with_user(self.hr_x).write({"hours": 1})
        # the county reads those of the workers of its stations, writes none
        self.assertEqual(Training.with_user(self.officer_a).search([]), provincial | own)
        self.assertEqual(self.env["sgz.supervision"].with_user(self.officer_a).search([]), session_a)
        with self.assertRaisesMsg(AccessError, "您的角色不能修改业务培训"):
            own.with_user(self.officer_a).write({"hours": 1})
        # the province manages the trainings it organizes
        provincial.with_user(self.province_officer).write({"trainer": "省讲师团"})
        # the stationed worker reads their own only
        self.assertEqual(Training.with_user(self.worker_x).search([]), provincial | own)
        self.assertEqual(
            self.env["sgz.training.attendance"].with_user(self.worker_x).search([]).employee_id, self.worker_a
        )
        self.assertEqual(self.env["sgz.supervision"].with_user(self.worker_x).search([]), session_a)
        with self.assertRaisesMsg(AccessError, "您不能打开此督导记录：它属于其他单位"):
            session_b.with_user(self.worker_x).read(["issues"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改督导记录"):
            session_a.with_user(self.worker_x).write({"hours": 8})

    @freeze_time("2026-12-06")
    def test_bad_inputs_refused_in_chinese(self):
        with self.assertRaisesMsg(ValidationError, "将来的日期"):
            self._training(self.hr_x, self.provider_x, date="2027-01-05")
        with self.assertRaisesMsg(ValidationError, "培训时长须大于零"):
            self._training(self.hr_x, self.provider_x, hours=0)
        # provider HR does not even read another provider's worker; an administrator is told why in words
        with self.assertRaisesMsg(AccessError, "您不能打开此员工：它属于其他单位"):
            self._training(self.hr_x, self.provider_x, lines=[(self.worker_b, 4)])
        with self.assertRaisesMsg(ValidationError, "王强.*其他服务机构"):
            self._training(self.env.user, self.provider_x, lines=[(self.worker_b, 4)])
        with self.assertRaisesMsg(ValidationError, "李娜.*参训时长"):
            self._training(self.hr_x, self.provider_x, hours=6, lines=[(self.worker_a, 8)])
        with self.assertRaisesMsg(ValidationError, "24"):
            self._session(self.hr_x, self.provider_x, hours=25, employee_id=self.worker_a.id)
        with self.assertRaisesMsg(ValidationError, "一名社工或一个站点"):
            self._session(self.hr_x, self.provider_x)
        with self.assertRaisesMsg(ValidationError, "王强.*其他服务机构"):
            self._session(self.env.user, self.provider_x, employee_id=self.worker_b.id)
        with self.assertRaisesMsg(ValidationError, "将来的日期"):
            self._session(self.hr_x, self.provider_x, date="2026-12-07", employee_id=self.worker_a.id)
        self.assertFalse(self.env["sgz.training"].search([]).filtered(lambda t: t.name == "岗位能力提升培训"))
