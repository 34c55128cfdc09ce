import subprocess
import tempfile
import unicodedata

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.sgz_hr.tests.common import id_card

from .common import ReportingCase, day
from .test_reports import figure


class VolunteerCase(ReportingCase):
    """Volunteers of 攸县 (provider X: stations a1, a2) and 茶陵县 (provider Y: b1); the stationed worker
    ``worker_x`` is 甲社工, stationed at a1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker_1.user_id = cls.worker_x
        cls.act_a1 = cls._activity("2026-10-10", name="重阳敬老活动")
        cls.act_a1_late = cls._activity("2026-10-20", name="社区议事会")
        cls.act_a1_2025 = cls._activity("2025-12-15", name="冬季送温暖")
        cls.act_a2 = cls._activity("2026-10-10", station=cls.station_a2, name="皇图岭社区活动")
        cls.act_b1 = cls._activity("2026-10-11", station=cls.station_b1, user=cls.hr_y, name="云阳社区活动")
        cls.id_chen = id_card("43022319900512102")
        cls.vol_chen = cls._volunteer("陈晓雯", cls.id_chen)
        cls.vol_wang = cls._volunteer("王建国", id_card("43022319850823203"))
        cls.vol_a2 = cls._volunteer("刘志远", id_card("43022319790101305"), station=cls.station_a2)
        cls.vol_b = cls._volunteer(
            "谭静", id_card("43022419920202406"), station=cls.station_b1, user=cls.hr_y
        )

    @classmethod
    def _volunteer(cls, name, number, station=None, user=None, **vals):
        values = {
            "name": name,
            "id_number": number,
            "station_id": (station or cls.station_a1).id,
            "registration_date": "2025-09-01",
            "consent_date": "2025-09-01",
            **vals,
        }
        with freeze_time("2026-11-27"):
            return cls.env["sgz.volunteer"].with_user(user or cls.hr_x).create(values)

    @classmethod
    def _hours(cls, volunteer, activity, hours, date=None, user=None, confirm=False, **vals):
        values = {
            "volunteer_id": volunteer.id,
            "activity_id": activity.id,
            "hours": hours,
            "service": vals.pop("service", "活动协助"),
            **vals,
        }
        if date:
            values["date"] = date
        with freeze_time("2026-11-27"):
            record = cls.env["sgz.volunteer.hour"].with_user(user or cls.hr_x).create(values)
            if confirm:
                record.with_user(
                    cls.hr_x if record.company_id == cls.provider_x else cls.hr_y
                ).action_confirm()
        return record


@tagged("post_install", "-at_install")
class TestVolunteers(VolunteerCase):
    def test_yearly_hours_worked_example(self):
        """陈晓雯: 3 h on 15 December 2025, 4 h and 2.5 h on 10 October 2026 (two records of one day), 2 h on
        20 October 2026 not yet confirmed. On 27 November 2026: 6.5 confirmed hours this year, 9.5 in all,
        2 awaiting confirmation."""
        self._hours(self.vol_chen, self.act_a1_2025, 3, confirm=True)
        self._hours(self.vol_chen, self.act_a1, 4, confirm=True)
        self._hours(self.vol_chen, self.act_a1, 2.5, service="摄影", confirm=True)
        draft = self._hours(self.vol_chen, self.act_a1_late, 2)
        self.assertEqual(draft.date, day("2026-10-20"))  # the activity's day
        self.assertEqual(draft.state, "draft")
        with freeze_time("2026-11-27"):
            chen = self.vol_chen.with_user(self.hr_x)
            chen.invalidate_recordset()
            self.assertEqual(chen.hours_year, 6.5)
            self.assertEqual(chen.hours_total, 9.5)
            self.assertEqual(chen.hours_draft, 2.0)
        with freeze_time("2026-01-05"):
            chen.invalidate_recordset()
            self.assertEqual(chen.hours_year, 6.5)  # 2026's hours, though dated after "today": the year's
        with freeze_time("2025-12-31"):
            chen.invalidate_recordset()
            self.assertEqual(chen.hours_year, 3.0)
        # confirmed by the provider, with who and when
        confirmed = chen.hour_ids.filtered(lambda r: r.state == "confirmed")
        self.assertEqual(len(confirmed), 3)
        self.assertEqual(confirmed.confirmed_by_id, self.hr_x)
        # the county reads the hours (not the ID number)
        county = self.vol_chen.with_user(self.officer_a)
        county.invalidate_recordset()
        self.assertEqual(county.hours_total, 9.5)

    def test_duplicate_volunteer_in_station(self):
        Volunteer = self.env["sgz.volunteer"].with_user(self.hr_x)
        with self.assertRaisesMsg(ValidationError, "已在本站登记.*陈晓雯"):
            self._volunteer("陈晓雯", self.id_chen)
        with self.assertRaisesMsg(ValidationError, "同一身份证号码出现了两次"):
            Volunteer.create(
                [
                    {
                        "name": "甲",
                        "id_number": self.id_chen,
                        "station_id": self.station_a2.id,
                        "consent_date": "2026-01-01",
                    },
                    {
                        "name": "乙",
                        "id_number": self.id_chen,
                        "station_id": self.station_a2.id,
                        "consent_date": "2026-01-01",
                    },
                ]
            )
        # an archived record counts too
        self.vol_wang.with_user(self.hr_x).active = False
        with self.assertRaisesMsg(ValidationError, "已在本站登记"):
            self._volunteer("王建国", self.vol_wang.sudo().id_number)
        # another station may register the same person
        other = self._volunteer("陈晓雯", self.id_chen, station=self.station_a2)
        self.assertEqual(other.station_id, self.station_a2)
        # a wrong ID number
        with self.assertRaisesMsg(ValidationError, "不是有效的"):
            self._volunteer("错号", "430223199005121021")
        # no consent, no record
        with self.assertRaisesMsg(ValidationError, "同意"):
            self._volunteer("无同意", id_card("43022319880808808"), consent_date=False)
        self.assertFalse(self.env["sgz.volunteer"].search([("name", "in", ("错号", "无同意", "甲", "乙"))]))

    def test_minor_volunteer_needs_guardian(self):
        with self.assertRaisesMsg(ValidationError, "监护人"):
            self._volunteer("小志愿者", id_card("43022320100301101"), consent_date="2026-06-01")
        young = self._volunteer(
            "小志愿者",
            id_card("43022320100301101"),
            consent_date="2026-06-01",
            consent_giver="guardian",
            guardian_name="小志愿者妈妈",
            guardian_relation="parent",
        )
        self.assertTrue(young.needs_guardian_consent)
        self.assertFalse(young.needs_separate_consent)  # 16 years old: not under 14

    def test_hours_per_day(self):
        self._hours(self.vol_chen, self.act_a1, 20)
        # a second record of the same day: 20 + 5 > 24 (the sum per day, not only per record)
        with self.assertRaisesMsg(ValidationError, "陈晓雯.*2026-10-10.*25.*最多 24 小时"):
            self._hours(self.vol_chen, self.act_a1, 5)
        # one record above 24
        with self.assertRaisesMsg(ValidationError, "最多 24 小时"):
            self._hours(self.vol_wang, self.act_a1, 25)
        # moving a record onto a full day
        other_day = self._hours(self.vol_chen, self.act_a1_late, 8)
        with self.assertRaisesMsg(ValidationError, "最多 24 小时"), freeze_time("2026-11-27"):
            other_day.with_user(self.hr_x).write({"date": "2026-10-10"})
        # raising a record's hours
        with self.assertRaisesMsg(ValidationError, "最多 24 小时"):
            other_day.with_user(self.hr_x).write({"hours": 24.5})
        # up to 24 is fine
        self._hours(self.vol_chen, self.act_a1, 4)
        self.assertEqual(
            sum(
                self.vol_chen.sudo().hour_ids.filtered(lambda r: r.date == day("2026-10-10")).mapped("hours")
            ),
            24,
        )

    def test_zero_and_negative_hours(self):
        for hours in (0, -2):
            with self.subTest(hours=hours), self.assertRaisesMsg(ValidationError, "必须大于零"):
                self._hours(self.vol_chen, self.act_a1, hours)
        record = self._hours(self.vol_chen, self.act_a1, 2)
        with self.assertRaisesMsg(ValidationError, "必须大于零"):
            record.with_user(self.hr_x).write({"hours": 0})
        self.assertEqual(record.hours, 2)

    def test_activity_of_another_station(self):
        with self.assertRaisesMsg(ValidationError, "皇图岭社区活动.*陈晓雯"):
            self._hours(self.vol_chen, self.act_a2, 2)
        record = self._hours(self.vol_chen, self.act_a1, 2)
        with self.assertRaisesMsg(ValidationError, "请把陈晓雯的时长记在"):
            record.with_user(self.hr_x).write({"activity_id": self.act_a2.id})
        # another provider's activity: named without opening it to the provider
        with self.assertRaisesMsg(ValidationError, "其他单位的一项活动.*茶陵县云阳街道"):
            self._hours(self.vol_chen, self.act_b1, 2)

    def test_confirmed_hours_are_locked(self):
        record = self._hours(self.vol_chen, self.act_a1, 3, confirm=True)
        for vals in (
            {"hours": 5},
            {"date": "2026-10-11"},
            {"service": "改"},
            {"activity_id": self.act_a1_late.id},
        ):
            with self.subTest(vals=vals), self.assertRaisesMsg(UserError, "已锁定（已确认）"):
                record.with_user(self.hr_x).write(vals)
        with self.assertRaisesMsg(UserError, "已锁定|不能删除"):
            record.with_user(self.manager_x).unlink()
        # the state only through the button
        draft = self._hours(self.vol_wang, self.act_a1, 1)
        with self.assertRaisesMsg(UserError, "只能通过办理相应环节的按钮"):
            draft.with_user(self.hr_x).write({"state": "confirmed"})
        with self.assertRaisesMsg(UserError, "只能通过办理相应环节的按钮"), freeze_time("2026-11-27"):
            self.env["sgz.volunteer.hour"].with_user(self.hr_x).create(
                {
                    "volunteer_id": self.vol_wang.id,
                    "activity_id": self.act_a1.id,
                    "hours": 1,
                    "service": "x",
                    "state": "confirmed",
                }
            )
        with self.assertRaisesMsg(UserError, "已确认"):
            record.with_user(self.hr_x).action_confirm()
        self.assertEqual(record.hours, 3)
        # a volunteer with hours stays on record
        with self.assertRaisesMsg(UserError, "存档|归档"):
            self.vol_chen.with_user(self.manager_x).unlink()

    def test_provider_cannot_touch_another_providers_volunteers(self):
        """Over RPC, as provider Y's staff: provider X's volunteers and hours are out of reach."""
        record = self._hours(self.vol_chen, self.act_a1, 2)
        for user in (self.hr_y, self.manager_y):
            with self.subTest(user=user.login):
                self.assertNotIn(self.vol_chen, self.env["sgz.volunteer"].with_user(user).search([]))
                with self.assertRaisesMsg(AccessError, "您不能打开此志愿者"):
                    self.vol_chen.with_user(user).read(["name"])
                with self.assertRaisesMsg(AccessError, "您不能(打开|修改)此志愿者"):
                    self.vol_chen.with_user(user).write({"phone": "1"})
                with self.assertRaisesMsg(UserError, "不由本单位运营"), freeze_time("2026-11-27"):
                    self.env["sgz.volunteer"].with_user(user).create(
                        {
                            "name": "冒名",
                            "id_number": id_card("43022319700101707"),
                            "station_id": self.station_a1.id,
                            "consent_date": "2026-01-01",
                        }
                    )
                with self.assertRaisesMsg(UserError, "只能为本站的志愿者记录时长"):
                    self._hours(self.vol_chen, self.act_a1, 1, user=user)
                with self.assertRaisesMsg(AccessError, "您不能(打开|修改)此志愿服务记录"):
                    record.with_user(user).action_confirm()
                with self.assertRaisesMsg(AccessError, "您不能(打开|修改)此志愿服务记录"):
                    record.with_user(user).write({"hours": 1})
        with self.assertRaisesMsg(AccessError, "您不能(打开|删除)此志愿者"):
            self.vol_chen.with_user(self.manager_y).unlink()
        self.assertEqual(record.state, "draft")
        self.assertEqual(self.vol_chen.phone, False)

    def test_stationed_worker(self):
        """甲社工 (stationed at a1) records hours for a1's volunteers, unconfirmed; reads a1's volunteers with
        the ID masked; sees neither a2's nor another provider's."""
        Volunteer = self.env["sgz.volunteer"].with_user(self.worker_x)
        self.assertEqual(Volunteer.search([]), self.vol_chen | self.vol_wang)
        rows = Volunteer.web_search_read([], {"name": {}, "id_number_masked": {}})["records"]
        self.assertNotIn(self.id_chen, str(rows))
        with self.assertRaisesMsg(AccessError, "您的角色不能查看志愿者的身份证号码"):
            self.vol_chen.with_user(self.worker_x).read(["id_number"])
        with self.assertRaisesMsg(AccessError, "您不能打开此志愿者"):
            self.vol_a2.with_user(self.worker_x).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改志愿者"):
            self.vol_chen.with_user(self.worker_x).write({"phone": "1"})
        record = self._hours(self.vol_chen, self.act_a1, 3, user=self.worker_x)
        self.assertEqual(record.state, "draft")
        record.with_user(self.worker_x).write({"hours": 3.5})  # a draft stays editable
        with self.assertRaisesMsg(AccessError, "您无权"):
            record.with_user(self.worker_x).action_confirm()
        with self.assertRaisesMsg(UserError, "只能为本站的志愿者记录时长"):
            self._hours(self.vol_a2, self.act_a2, 1, user=self.worker_x)
        record.with_user(self.hr_x).action_confirm()
        with self.assertRaisesMsg(UserError, "已锁定"):
            record.with_user(self.worker_x).write({"hours": 4})
        self.assertEqual(self.env["sgz.volunteer.hour"].with_user(self.worker_x).search([]), record)

    def test_masking_and_regions(self):
        """The full ID number for the provider's staff on the form only; the bureaus of the region and the
        evaluators read the registry with masked numbers; no grouping by the number."""
        form = self.vol_chen.with_user(self.hr_x).web_read({"id_number": {}})[0]
        self.assertEqual(form["id_number"], self.id_chen)
        rows = (
            self.env["sgz.volunteer"]
            .with_user(self.hr_x)
            .web_search_read([("id", "=", self.vol_chen.id)], {"id_number": {}})["records"]
        )
        self.assertEqual(rows[0]["id_number"], "430***********" + self.id_chen[-4:])
        with self.assertRaisesMsg(AccessError, "只能计数"):
            self.env["sgz.volunteer"].with_user(self.hr_x).read_group([], ["id_number"], ["id_number"])
        for user, expected in (
            (self.officer_a, self.vol_chen | self.vol_wang | self.vol_a2),
            (self.officer_b, self.vol_b),
            (self.city_officer, self.vol_chen | self.vol_wang | self.vol_a2 | self.vol_b),
            (self.province_officer, self.vol_chen | self.vol_wang | self.vol_a2 | self.vol_b),
            (self.evaluator, self.vol_chen | self.vol_wang | self.vol_a2 | self.vol_b),
        ):
            with self.subTest(user=user.login):
                Volunteer = self.env["sgz.volunteer"].with_user(user)
                mine = self.vol_chen | self.vol_wang | self.vol_a2 | self.vol_b
                self.assertEqual(Volunteer.search([("id", "in", mine.ids)]), expected)
                if self.vol_chen in expected:
                    self.assertEqual(
                        self.vol_chen.with_user(user).id_number_masked, "430***********" + self.id_chen[-4:]
                    )
                    with self.assertRaisesMsg(AccessError, "您的角色不能查看志愿者的身份证号码"):
                        self.vol_chen.with_user(user).read(["id_number"])
                    with self.assertRaisesMsg(AccessError, "您的角色不能修改志愿者"):
                        self.vol_chen.with_user(user).write({"phone": "1"})
                else:
                    with self.assertRaisesMsg(AccessError, "您不能打开此志愿者|身份证号码"):
                        self.vol_chen.with_user(user).read(["id_number"])
        with self.assertRaisesMsg(AccessError, "您的角色不能打开志愿者"):
            self.vol_chen.with_user(self.finance_a).read(["name"])

    def test_report_figures(self):
        """The October brief of agreement A: 3 volunteers registered at a1 and a2, 2 served (confirmed
        records in October), 7.5 confirmed hours; a draft record, a record of September and 茶陵's records do
        not count."""
        self._hours(self.vol_chen, self.act_a1, 4, confirm=True)
        self._hours(self.vol_chen, self.act_a1_late, 1.5, confirm=True)
        self._hours(self.vol_a2, self.act_a2, 2, confirm=True)
        self._hours(self.vol_wang, self.act_a1, 6)  # not confirmed
        self._hours(self.vol_b, self.act_b1, 5, user=self.hr_y, confirm=True)
        september = self._activity("2026-09-12", name="九月活动")
        self._hours(self.vol_wang, september, 3, confirm=True)
        brief = self._brief(day("2026-10-01"))
        self.assertEqual(figure(brief, "volunteers_registered").value, 3)
        self.assertEqual(figure(brief, "volunteers_active").value, 2)
        self.assertEqual(figure(brief, "volunteer_hours").value, 7.5)
        self.assertEqual(figure(brief, "volunteer_hours").previous_value, 3)  # September
        self.assertEqual(
            figure(brief, "volunteer_hours").with_context(lang="zh_CN").name, "志愿服务时长（已确认）"
        )
        # the county and the city count both counties' stations in their scope
        Figures = self.env["sgz.reporting.figures"]
        city_rows = Figures._sgz_volunteer_rows(
            Figures._sgz_scope_company(self.city), day("2026-10-01"), day("2026-10-31")
        )
        values = {row["code"]: row["value"] for row in city_rows}
        self.assertEqual(
            values, {"volunteers_registered": 4, "volunteers_active": 3, "volunteer_hours": 12.5}
        )


@tagged("post_install", "-at_install")
class TestVolunteerCertificate(HttpCase, VolunteerCase):
    """The hour certificate (志愿服务时长证明) as a real PDF, read back with pdftotext; the figures checked in
    the HTML (the PDF's font gives no text for the digits)."""

    def test_certificate_pdf(self):
        self._hours(self.vol_chen, self.act_a1_2025, 3, confirm=True)  # before the period
        self._hours(self.vol_chen, self.act_a1, 4, service="陪伴老人", confirm=True)
        self._hours(self.vol_chen, self.act_a1_late, 2.5, service="会议记录", confirm=True)
        self._hours(self.vol_chen, self.act_a1_late, 1, service="未确认的服务")  # not confirmed
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        with freeze_time("2026-11-27"):
            action = self.vol_chen.with_user(self.hr_x).action_certificate()
            wizard = (
                self.env[action["res_model"]]
                .with_user(self.hr_x)
                .with_context(**action["context"])
                .create({"date_from": "2026-01-01", "date_to": "2026-11-27"})
            )
            printed = wizard.action_print()
            self.assertEqual(printed["report_name"], "sgz_reporting.report_sgz_volunteer_certificate")
            report = self.env.ref("sgz_reporting.action_report_sgz_volunteer_certificate")
            Report = (
                self.env["ir.actions.report"]
                .with_user(self.hr_x)
                .with_context(force_report_rendering=True, lang="zh_CN")
            )
            pdf, kind = Report._render_qweb_pdf(report.report_name, wizard.ids)
            html = Report._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        self.assertEqual(kind, "pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", handle.name, "-"], capture_output=True, check=True
            ).stdout.decode()
        compact = unicodedata.normalize("NFKC", "".join(text.split())).replace("⺠", "民").replace("⻓", "长")
        for expected in (
            "志愿服务时长证明",
            "服务期间",
            "陈晓雯",
            "攸县江桥街道",  # the station
            "重阳敬老活动",
            "陪伴老人",
            "会议记录",
            "攸县同心社会工作服务中心",  # the issuing organization
        ):
            self.assertIn(expected, compact)
        self.assertNotIn("未确认的服务", compact)
        html = html.replace("&nbsp;", " ").replace("\xa0", " ")
        self.assertIn("430***********" + self.id_chen[-4:], html)
        self.assertNotIn(self.id_chen, html)
        self.assertIn("2026年1月1日", html)
        self.assertIn("2026年11月27日", html)  # the period's end and the date of issue
        self.assertIn("2026年10月10日", html)
        self.assertIn(">6.5<", html)  # 4 + 2.5, the 2025 record and the draft left out
        self.assertNotIn("冬季送温暖", html)
        # another provider cannot print it
        with self.assertRaisesMsg(AccessError, "您不能打开此志愿者"):
            self.vol_chen.with_user(self.hr_y).action_certificate()
        # a period ending before it begins
        with self.assertRaisesMsg(UserError, "结束日期早于开始日期"):
            wizard.write({"date_from": "2026-12-01", "date_to": "2026-11-01"})
            wizard.action_print()
