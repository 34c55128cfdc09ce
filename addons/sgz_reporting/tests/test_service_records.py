import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sgz_hr.tests.common import id_card, wrong_check_digit

from .common import ReportingCase, day


@tagged("post_install", "-at_install")
class TestBeneficiaries(ReportingCase):
    def test_id_card_gives_gender_and_birth_date(self):
        self.assertEqual(self.ben_a1.gender, "female")  # 17th digit 2: even
        self.assertEqual(self.ben_a1.birth_date, datetime.date(1952, 3, 8))
        with freeze_time("2026-03-08"):
            self.ben_a1.invalidate_recordset(["age"])
            self.assertEqual(self.ben_a1.age, 74)  # turns 74 on the birthday
        with freeze_time("2026-03-07"):
            self.ben_a1.invalidate_recordset(["age"])
            self.assertEqual(self.ben_a1.age, 73)

    def test_invalid_id_card_refused(self):
        Beneficiary = self.env["sgz.beneficiary"].with_user(self.hr_x)
        wrong = wrong_check_digit(self.id_a1)
        with self.assertRaisesMsg(ValidationError, "不是有效的居民身份证号码.*校验位不正确"):
            Beneficiary.create({"name": "错号", "id_number": wrong, "station_id": self.station_a1.id})
        with self.assertRaisesMsg(ValidationError, "不是有效的居民身份证号码"):
            Beneficiary.create(
                {"name": "错号", "id_number": "43022319521308102X", "station_id": self.station_a1.id}
            )
        self.assertFalse(self.env["sgz.beneficiary"].search([("name", "=", "错号")]))

    def test_duplicate_id_at_station_refused(self):
        Beneficiary = self.env["sgz.beneficiary"].with_user(self.hr_x)
        with self.assertRaisesMsg(ValidationError, "已在本站点登记"):
            Beneficiary.create(
                {"name": "黄奶奶（重复）", "id_number": self.id_a1, "station_id": self.station_a1.id}
            )
        # the same person may be served at another station of the provider
        other = Beneficiary.create(
            {
                "name": "黄奶奶",
                "id_number": self.id_a1,
                "station_id": self.station_a2.id,
                "consent_date": "2026-01-15",
                "sensitive_consent_date": "2026-01-15",
            }
        )
        self.assertEqual(other.gender, "female")
        self.assertEqual(self.env["sgz.beneficiary"].search_count([("id_number", "=", self.id_a1)]), 2)

    def test_station_of_another_provider_refused(self):
        with self.assertRaisesMsg(UserError, "不由您的机构运营"):
            self.env["sgz.beneficiary"].with_user(self.hr_x).create(
                {"name": "越界", "id_number": id_card("43022419800101101"), "station_id": self.station_b1.id}
            )


@tagged("post_install", "-at_install")
class TestConsent(ReportingCase):
    """Issue 16 §18: a record is kept only with consent (个人信息保护法第十三条), a minor's given by the guardian
    (第三十一条; the programme asks it of every minor, 民法典第十七条: under 18), and a separate consent for
    sensitive information (第二十八、二十九条): a sensitive category (低保, 特困, a child left behind …) or any
    child under 14. Ages are counted on the consent date."""

    def setUp(self):
        super().setUp()
        self.Beneficiary = self.env["sgz.beneficiary"].with_user(self.hr_x).with_context(lang="zh_CN")
        self.cat_tekun = self.env.ref("sgz_reporting.beneficiary_category_tekun")

    def _create(self, body, **vals):
        return self.Beneficiary.create(
            {
                "name": vals.pop("name", "测试对象"),
                "id_number": id_card(body),
                "station_id": self.station_a1.id,
                **vals,
            }
        )

    def _refused(self, pattern, body, **vals):
        before = self.env["sgz.beneficiary"].search_count([])
        with self.assertRaisesMsg(ValidationError, pattern):
            self._create(body, **vals)
        self.assertEqual(self.env["sgz.beneficiary"].search_count([]), before)

    def test_sensitive_categories_are_data(self):
        categories = self.env["sgz.beneficiary.category"].search([("sensitive", "=", True)])
        self.assertEqual(
            set(categories.mapped("code")),
            {"dibao", "tekun", "left_behind_child", "distressed_child", "disabled"},
        )

    @freeze_time("2026-11-27")
    def test_no_record_without_consent(self):
        adult = "43022319700101169"  # 56 years old, no category
        self._refused("同意日期", adult)
        record = self._create(adult, consent_date="2026-11-20")
        self.assertEqual(record.consent_giver, "self")
        # nor is the consent taken away afterwards
        with self.assertRaisesMsg(ValidationError, "同意日期"):
            record.write({"consent_date": False})
        self.assertEqual(record.consent_date, day("2026-11-20"))

    @freeze_time("2026-11-27")
    def test_minor_consents_through_the_guardian(self):
        # born 1 March 2011: 15 on the consent date 1 September 2026, a minor but not under 14
        minor = "43022320110301123"
        consent = {"consent_date": "2026-09-01"}
        self._refused("未成年人.*监护人", minor, consent_giver="self", **consent)
        # the form proposes the guardian; the guardian's name and relation are then needed
        self._refused("监护人姓名", minor, **consent)
        self._refused("监护人姓名", minor, guardian_name="   ", guardian_relation="parent", **consent)
        self._refused("监护人姓名", minor, guardian_name="张父", **consent)
        record = self._create(minor, guardian_name="张父", guardian_relation="parent", **consent)
        self.assertEqual(record.consent_giver, "guardian")
        # 15 and in no sensitive category: no separate consent needed
        self.assertFalse(record.needs_separate_consent)
        self.assertFalse(record.sensitive_consent_date)
        # the guardian's consent stays the record's basis
        with self.assertRaisesMsg(ValidationError, "未成年人"):
            record.write({"consent_giver": "self"})

    @freeze_time("2026-11-27")
    def test_age_on_the_consent_date(self):
        # born 2 September 2008: 17 on 1 September 2026 (a minor), 18 on 2 September 2026 (an adult)
        body = "43022320080902147"
        self._refused("未成年人", body, consent_date="2026-09-01", consent_giver="self")
        record = self._create(body, consent_date="2026-09-02", consent_giver="self")
        self.assertFalse(record.needs_guardian_consent)

    @freeze_time("2026-11-27")
    def test_child_under_14_needs_the_separate_consent(self):
        # born 20 May 2015: 11 on the consent date, no category — a child under 14's data are sensitive (第二十八条)
        child = "43022320150520135"
        consent = {"consent_date": "2026-09-01", "guardian_name": "李母", "guardian_relation": "parent"}
        self._refused("不满十四周岁.*单独同意", child, **consent)
        record = self._create(child, sensitive_consent_date="2026-09-01", **consent)
        self.assertTrue(record.needs_separate_consent)

    @freeze_time("2026-11-27")
    def test_sensitive_category_needs_the_separate_consent(self):
        adult = "43022319600101158"
        vals = {"consent_date": "2026-10-01", "category_ids": [Command.set(self.cat_tekun.ids)]}
        self._refused("特困.*单独同意", adult, **vals)
        self._refused("同意", adult, sensitive_consent_date="2026-11-28", **vals)  # not in the future
        record = self._create(adult, sensitive_consent_date="2026-10-01", **vals)
        self.assertTrue(record.needs_separate_consent)
        # an existing record put into a sensitive category needs it too: 王爷爷 gave only the general consent
        ben_b = self.ben_b.with_user(self.manager_y).with_context(lang="zh_CN")
        with self.assertRaisesMsg(ValidationError, "低保.*单独同意"):
            ben_b.write({"category_ids": [Command.link(self.cat_dibao.id)]})
        self.assertFalse(self.ben_b.category_ids)
        ben_b.write(
            {"category_ids": [Command.link(self.cat_dibao.id)], "sensitive_consent_date": "2026-11-27"}
        )
        self.assertEqual(self.ben_b.category_ids, self.cat_dibao)


@tagged("post_install", "-at_install")
class TestActivities(ReportingCase):
    def test_categories_come_from_whom_it_served(self):
        """Issue 20 §9: choosing the beneficiary (or the participants) fills the activity's categories."""
        case = self._activity("2026-09-03", activity_type="case", beneficiary_id=self.ben_a1.id)
        self.assertEqual(case.category_ids, self.cat_dibao | self.cat_elderly)
        group = self._activity(
            "2026-09-04",
            activity_type="group",
            participant_ids=[Command.set((self.ben_a1 | self.ben_a2).ids)],
        )
        self.assertEqual(group.category_ids, self.cat_dibao | self.cat_elderly | self.cat_child)
        # what the user adds stays; a beneficiary's later category does not rewrite the record
        case.with_user(self.hr_x).write({"category_ids": [Command.link(self.cat_child.id)]})
        self.ben_a1.with_user(self.hr_x).write({"category_ids": [Command.unlink(self.cat_elderly.id)]})
        self.assertEqual(case.category_ids, self.cat_dibao | self.cat_elderly | self.cat_child)

    def test_worker_is_one_of_the_station(self):
        """Issue 20 §9: the worker list is the station's workers, and a script cannot name another."""
        field = self.env["sgz.activity"]._fields["worker_id"]
        self.assertIn("sgz_station_id", field.domain)
        with self.assertRaisesMsg(ValidationError, "甲社工.*驻站"):
            self._activity("2026-09-03", station=self.station_a2, worker_id=self.worker_1.id)
        activity = self._activity("2026-09-03", worker_id=self.worker_1.id)
        with self.assertRaisesMsg(ValidationError, "驻站"):
            activity.with_user(self.hr_x).write({"station_id": self.station_a2.id})
        self.assertEqual(activity.station_id, self.station_a1)

    def test_negative_person_times_refused(self):
        with self.assertRaisesMsg(ValidationError, "服务人次不能为负数"):
            self._activity("2026-10-10", person_times=-3)
        self.assertFalse(self.env["sgz.activity"].search([("station_id", "=", self.station_a1.id)]))

    def test_station_not_run_by_provider_refused(self):
        with self.assertRaisesMsg(UserError, "不由您的机构运营"):
            self._activity("2026-10-10", station=self.station_b1)
        self.assertFalse(self.env["sgz.activity"].search([("station_id", "=", self.station_b1.id)]))

    def test_case_work_needs_beneficiary_of_the_station(self):
        with self.assertRaisesMsg(ValidationError, "请选择"):
            self._activity("2026-10-10", activity_type="case")
        with self.assertRaisesMsg(ValidationError, "必须是在活动站点登记的服务对象"):
            self._activity(
                "2026-10-10", activity_type="case", station=self.station_a2, beneficiary_id=self.ben_a1.id
            )

    def test_future_date_refused(self):
        with self.assertRaisesMsg(ValidationError, "尚未发生|将来的日期"):
            self._activity("2026-12-20")

    def test_person_times_from_sessions(self):
        case = self._activity(
            "2026-10-10",
            activity_type="case",
            beneficiary_id=self.ben_a1.id,
            session_ids=[Command.create({"date": "2026-10-10"}), Command.create({"date": "2026-10-20"})],
        )
        self.assertEqual(case.person_times, 2)
        group = self._activity(
            "2026-10-12",
            activity_type="group",
            participant_ids=[Command.set((self.ben_a1 | self.ben_a2).ids)],
            session_ids=[
                Command.create({"date": "2026-10-12", "attendance": 2}),
                Command.create({"date": "2026-10-19", "attendance": 1}),
            ],
        )
        self.assertEqual(group.person_times, 3)
        with freeze_time("2026-11-27"):
            group.with_user(self.hr_x).write(
                {"session_ids": [Command.create({"date": "2026-10-26", "attendance": 2})]}
            )
        self.assertEqual(group.person_times, 5)
        stat = self.env["sgz.activity.stat"].search(
            [
                ("station_id", "=", self.station_a1.id),
                ("month", "=", day("2026-10-01")),
                ("activity_type", "=", "group"),
            ]
        )
        self.assertEqual((stat.activity_count, stat.person_times), (1, 5))

    def test_aggregates_follow_every_change(self):
        first = self._activity("2026-09-10", person_times=30, category_ids=[Command.set(self.cat_dibao.ids)])
        second = self._activity(
            "2026-09-20",
            person_times=12,
            activity_type="policy",
            service_area_id=self.area_assistance.id,
            category_ids=[Command.set((self.cat_dibao | self.cat_elderly).ids)],
        )
        Stat = self.env["sgz.activity.stat"]
        CategoryStat = self.env["sgz.activity.category.stat"]
        september = [("station_id", "=", self.station_a1.id), ("month", "=", day("2026-09-01"))]

        def totals():
            rows = Stat.search(september)
            return sum(rows.mapped("activity_count")), sum(rows.mapped("person_times"))

        self.assertEqual(totals(), (2, 42))
        dibao = CategoryStat.search(september + [("category_id", "=", self.cat_dibao.id)])
        self.assertEqual((dibao.activity_count, dibao.person_times), (2, 42))
        with freeze_time("2026-11-27"):
            second.with_user(self.hr_x).write({"date": "2026-10-02"})  # moves to October
        self.assertEqual(totals(), (1, 30))
        october = Stat.search([("station_id", "=", self.station_a1.id), ("month", "=", day("2026-10-01"))])
        self.assertEqual(sum(october.mapped("person_times")), 12)
        first.with_user(self.hr_x).unlink()
        self.assertEqual(totals(), (0, 0))
        self.assertFalse(CategoryStat.search(september))
        # the weekly rebuild gives the same rows as the incremental refresh
        before = sorted(
            Stat.search([]).mapped(lambda r: (r.station_id.id, r.month, r.activity_type, r.person_times))
        )
        Stat._cron_rebuild()
        after = sorted(
            Stat.search([]).mapped(lambda r: (r.station_id.id, r.month, r.activity_type, r.person_times))
        )
        self.assertEqual(before, after)


@tagged("post_install", "-at_install")
class TestServiceRecordBounds(ReportingCase):
    """Issue 15 §4: values no real service record has, sent as provider HR would over RPC, are refused with a
    Chinese sentence naming the field, and nothing is stored."""

    def test_values_no_record_has(self):
        Activity = self.env["sgz.activity"].with_user(self.hr_x).with_context(lang="zh_CN")
        base = {
            "name": "探查",
            "activity_type": "community",
            "date": "2026-09-10",
            "station_id": self.station_a1.id,
            "service_area_id": self.area_community.id,
            "person_times": 10,
        }
        before = Activity.search_count([])
        with freeze_time("2026-11-27"):
            for vals, words in (
                ({"duration": 1e20}, "时长"),
                ({"person_times": 2**40}, "服务人次"),
                ({"person_times": 10_000_001}, "服务人次"),
                ({"date": "2026-11-28"}, "日期.*将来|日期.*未来"),
                ({"date": "2999-01-01"}, "日期"),
            ):
                with self.subTest(vals=vals), self.assertRaisesMsg(ValidationError, words):
                    Activity.create({**base, **vals})
        self.assertEqual(Activity.search_count([]), before)
        Beneficiary = self.env["sgz.beneficiary"].with_user(self.hr_x).with_context(lang="zh_CN")
        with freeze_time("2026-11-27"):
            for vals, words in (
                ({"household_size": 10**20}, "家庭人口|户"),
                ({"household_size": 10_000_001}, "家庭人口|户"),
                ({"consent_date": "2999-01-01"}, "同意"),
                ({"consent_date": "2026-11-28"}, "同意"),
            ):
                with self.subTest(vals=vals), self.assertRaisesMsg(ValidationError, words):
                    self.ben_a1.with_env(Beneficiary.env).write(vals)
