"""What the security review of the service records found, each made as the user who would do it over RPC."""

import base64

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.sgz_base.tests.concurrency import ConcurrencyCase
from odoo.addons.sgz_hr.tests.common import id_card

from .common import ReportingCase, day

SEPTEMBER = day("2026-09-01")


@tagged("post_install", "-at_install")
class TestBeneficiaryPrivacy(ReportingCase):
    def _count(self, number):
        return (
            self.env["sgz.beneficiary"]
            .with_context(active_test=False)
            .search_count([("id_number", "=", number)])
        )

    def test_duplicate_check_tells_nothing_about_another_county(self):
        """F3: provider X (county A) tries the ID number of county B's 王爷爷 at county B's station: the refusal
        is the station's, and says nothing of the person."""
        number = self.ben_b.id_number
        before = self._count(number)
        with self.assertRaisesMsg(UserError, "不由您的机构运营") as caught:
            self.env["sgz.beneficiary"].with_user(self.hr_x).create(
                {"name": "探查", "id_number": number, "station_id": self.station_b1.id}
            )
        message = str(caught.exception)
        for secret in ("王爷爷", self.ben_b.id_number_masked, self.station_b1.name, "已在本站点登记"):
            self.assertNotIn(secret, message)
        # moving one's own beneficiary there is refused the same way
        with self.assertRaisesMsg(UserError, "不由您的机构运营") as caught:
            self.ben_a2.with_user(self.manager_x).write(
                {"station_id": self.station_b1.id, "id_number": number}
            )
        self.assertNotIn("王爷爷", str(caught.exception))
        self.assertEqual(self._count(number), before)
        self.assertEqual(self.ben_a2.station_id, self.station_a1)

    def test_duplicate_named_only_when_readable(self):
        """F3: reading follows every organization of the user, whatever the company switcher shows (sgz_base's
        ir.rule): a user working for both providers reads 王爷爷's record with provider X only selected, so the
        refusal of the duplicate names the person; a user of another provider cannot record there at all."""
        both = new_test_user(
            self.env,
            login="hr_xy",
            groups="sgz_base.sgz_base_group_provider_hr",
            company_id=self.provider_x.id,
            company_ids=[Command.set((self.provider_x | self.provider_y).ids)],
            lang="zh_CN",
        )
        Beneficiary = (
            self.env["sgz.beneficiary"].with_user(both).with_context(allowed_company_ids=self.provider_x.ids)
        )
        self.assertTrue(self.ben_b.with_env(Beneficiary.env).has_access("read"))
        with self.assertRaisesMsg(ValidationError, "已在本站点登记.*王爷爷"):
            Beneficiary.create(
                {"name": "探查", "id_number": self.ben_b.id_number, "station_id": self.station_b1.id}
            )
        self.assertFalse(self.ben_b.with_user(self.hr_x).has_access("read"))
        with self.assertRaisesMsg(UserError, "不由您的机构运营") as caught:
            self.env["sgz.beneficiary"].with_user(self.hr_x).create(
                {"name": "探查", "id_number": self.ben_b.id_number, "station_id": self.station_b1.id}
            )
        for secret in ("王爷爷", self.ben_b.id_number_masked):
            self.assertNotIn(secret, str(caught.exception))
        # who reads the record hears whose it is
        with self.assertRaisesMsg(ValidationError, "王爷爷"):
            self.env["sgz.beneficiary"].with_user(self.manager_y).create(
                {
                    "name": "王爷爷（重复）",
                    "id_number": self.ben_b.id_number,
                    "station_id": self.station_b1.id,
                }
            )
        self.assertEqual(self._count(self.ben_b.id_number), 1)

    def test_id_number_in_full_on_the_form_only(self):
        """F4: the full number shows on the beneficiary's own form, to the provider's staff and the county bureau
        only (issue 11); masked in lists and exports, never a grouping key, and unreadable by any other role, also
        through the records that point to the person (an activity's participants) or the chatter's tracking."""
        self.ben_a2.with_user(self.hr_x).write({"id_number": id_card("43022320140611211")})  # tracked
        raw = self.ben_a2.id_number
        masked = raw[:3] + "*" * 11 + raw[-4:]
        field = self.env["ir.model.fields"]._get("sgz.beneficiary", "id_number")
        message = self.ben_a2.sudo().message_post(
            body="",
            tracking_value_ids=[
                Command.create({"field_id": field.id, "old_value_char": self.id_a1, "new_value_char": raw})
            ],
        )
        tracking = message.tracking_value_ids
        for user in (self.hr_x, self.manager_x, self.officer_a, self.approver_a):
            user.groups_id += self.env.ref("base.group_allow_export")
            Beneficiary = self.env["sgz.beneficiary"].with_user(user)
            record = self.ben_a2.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(record.web_read({"id_number": {}})[0]["id_number"], raw)
                rows = Beneficiary.web_search_read([("id", "=", record.id)], {"id_number": {}})["records"]
                self.assertEqual(rows[0]["id_number"], masked)
                self.assertEqual(record.export_data(["name", "id_number"])["datas"], [[record.name, masked]])
                # a script reading the database in bulk gets masked numbers too
                listed = Beneficiary.search_read([("id", "=", record.id)], ["id_number"])
                self.assertEqual(listed[0]["id_number"], masked)
                both = (self.ben_a1 | self.ben_a2).with_user(user).read(["id_number"])
                self.assertNotIn(raw, str(both))
                self.assertNotIn(self.id_a1, str(both))
                with self.assertRaisesMsg(AccessError, "身份证号码.*只能计数，不能汇总"):
                    Beneficiary.read_group([], ["name"], ["id_number"])
                with self.assertRaisesMsg(AccessError, "身份证号码.*只能计数，不能汇总"):
                    Beneficiary.web_read_group([], ["__count"], ["id_number"])
                # issue 15.2: no aggregate but a count lists the numbers in bulk
                for spec in ("id_number:array_agg", "id_number:max", "id_number:min"):
                    with self.assertRaisesMsg(AccessError, "身份证号码.*只能计数，不能汇总"):
                        Beneficiary.read_group([], [spec], ["station_id"])
                    with self.assertRaisesMsg(AccessError, "身份证号码.*只能计数，不能汇总"):
                        Beneficiary.web_read_group([], [spec], ["name"])
                self.assertTrue(Beneficiary.read_group([], ["id_number:count"], ["station_id"]))
                self.assertTrue(tracking._filter_has_field_access(record.env))
        group = self._activity(
            "2026-09-20",
            station=self.ben_a2.station_id,
            activity_type="group",
            participant_ids=[Command.set(self.ben_a2.ids)],
        )
        for role in ("city_officer", "province_officer", "county_finance", "evaluator"):
            user = self.role_users[role]
            with self.subTest(role=role):
                # the record rules keep every beneficiary from them (city and province officers hold the county
                # officer's rights for their own documents, so the field's groups let them through: the rules
                # are what stops them; the other roles are refused the field first)
                if user.has_group("sgz_base.sgz_base_group_county_officer"):
                    refusal = "您不能打开此服务对象：它属于其他单位"
                else:
                    refusal = "您的角色不能查看服务对象的身份证号码"
                with self.assertRaisesMsg(AccessError, refusal):
                    self.ben_a2.with_user(user).read(["id_number"])
                if group.with_user(user).has_access("read"):
                    with self.assertRaisesMsg(AccessError, refusal):
                        group.with_user(user).participant_ids.read(["id_number"])
                if not user.has_group("sgz_base.sgz_base_group_county_officer"):
                    self.assertNotIn("id_number", self.env["sgz.beneficiary"].with_user(user).fields_get())
                    self.assertFalse(tracking._filter_has_field_access(self.ben_a2.with_user(user).env))
        self.assertEqual(self.ben_a2.id_number, raw)


class LockedMonthCase(ReportingCase):
    """A September group activity of 黄奶奶 and 小明 at station a1, an archived one, and the brief of September
    submitted by provider X's manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls._activity(
            "2026-09-08",
            activity_type="group",
            participant_ids=[Command.set((cls.ben_a1 | cls.ben_a2).ids)],
            category_ids=[Command.set(cls.cat_child.ids)],
        )
        cls.community = cls._activity("2026-09-12", person_times=30)
        cls.archived = cls._activity("2026-09-15", person_times=50)
        cls.archived.with_user(cls.hr_x).action_archive()

    def _submit_september(self):
        brief = self._brief(SEPTEMBER)
        self._write_narrative(brief)
        with freeze_time("2026-10-06"):
            brief.with_user(self.manager_x).action_submit()
        self.assertEqual(brief.state, "submitted")
        return brief

    def _september_figures(self):
        rows = self.env["sgz.activity.stat"].search(
            [("station_id", "=", self.station_a1.id), ("month", "=", SEPTEMBER)]
        )
        return sum(rows.mapped("activity_count")), sum(rows.mapped("person_times"))


@tagged("post_install", "-at_install")
class TestLockedMonth(LockedMonthCase):
    def test_archiving_or_restoring_refused(self):
        """F10: archiving an activity of a submitted brief, or restoring one archived before, would change the
        month's figures: refused like any other change."""
        brief = self._submit_september()
        figures = self._september_figures()
        self.assertEqual(figures, (2, 32))
        self.assertEqual(self.archived.lock_state, "locked")
        self.assertEqual(self.archived.brief_id, brief)
        with self.assertRaisesMsg(UserError, "(is locked|已锁定)"):
            self.community.with_user(self.hr_x).action_archive()
        with self.assertRaisesMsg(UserError, "(is locked|已锁定)"):
            self.community.with_user(self.hr_x).write({"active": False})
        with self.assertRaisesMsg(UserError, "(is locked|已锁定)"):
            self.archived.with_user(self.hr_x).action_unarchive()
        with self.assertRaisesMsg(UserError, "(is locked|已锁定)"):
            self.archived.with_user(self.hr_x).write({"active": True})
        self.assertTrue(self.community.active)
        self.assertFalse(self.archived.active)
        self.assertEqual(self._september_figures(), figures)
        # returned, the month reopens, archived activities with it
        with freeze_time("2026-10-09"):
            brief.with_user(self.officer_a).action_return(reason="请补充签到表。")
        self.assertEqual(self.archived.lock_state, "open")
        self.archived.with_user(self.hr_x).action_unarchive()
        self.assertEqual(self._september_figures(), (3, 82))

    def test_restoring_into_a_locked_month_refused(self):
        """F10: an open activity (not locked with the brief) restored into a submitted month is refused too."""
        self._submit_september()
        self.archived.sudo().write({"lock_state": "open", "brief_id": False})  # as if it escaped the lock
        with self.assertRaisesMsg(UserError, "月度工作简报.*已报送"):
            self.archived.with_user(self.hr_x).action_unarchive()
        self.assertFalse(self.archived.active)

    def test_beneficiary_of_locked_activity_stays(self):
        """F11: deleting (or archiving) a participant of a locked activity would take them out of it."""
        self._submit_september()
        person_times = self.group.person_times
        self.assertEqual(person_times, 2)
        with self.assertRaisesMsg(UserError, "小明.*已报送"):
            self.ben_a2.with_user(self.manager_x).unlink()
        with self.assertRaisesMsg(UserError, "小明.*已报送"):
            self.ben_a2.with_user(self.manager_x).action_archive()
        with self.assertRaisesMsg(UserError, "小明.*已报送"):
            self.ben_a2.with_user(self.hr_x).write({"active": False})
        self.assertTrue(self.ben_a2.exists())
        self.assertTrue(self.ben_a2.active)
        self.assertEqual(self.group.participant_ids, self.ben_a1 | self.ben_a2)
        self.assertEqual(self.group.person_times, person_times)
        # a beneficiary in no locked activity may go
        other = (
            self.env["sgz.beneficiary"]
            .with_user(self.hr_x)
            .create(
                {
                    "name": "新对象",
                    "id_number": id_card("43022319900101301"),
                    "station_id": self.station_a1.id,
                    "consent_date": "2026-01-15",
                }
            )
        )
        other.with_user(self.manager_x).action_archive()
        other.with_user(self.manager_x).unlink()
        self.assertFalse(other.exists())

    def test_session_stays_with_its_activity(self):
        """A session cannot be moved to another activity (of another month, station or provider)."""
        case = self._activity(
            "2026-10-08",
            activity_type="case",
            beneficiary_id=self.ben_a1.id,
            session_ids=[Command.create({"date": "2026-10-08"})],
        )
        other = self._activity(
            "2026-10-09",
            activity_type="case",
            beneficiary_id=self.ben_a2.id,
            session_ids=[Command.create({"date": "2026-10-09"})],
        )
        activity_b = self._activity("2026-10-10", station=self.station_b1, user=self.hr_y)
        session = case.session_ids
        for target in (other, activity_b):
            with self.assertRaisesMsg(UserError, "创建时.*不能更改"):
                session.with_user(self.hr_x).write({"activity_id": target.id})
        self.assertEqual(session.activity_id, case)
        self.assertEqual((case.person_times, other.person_times), (1, 1))
        # sending the same activity again is harmless
        session.with_user(self.hr_x).write({"activity_id": case.id, "attendance": 1})

    def test_activity_claims_the_open_brief(self):
        """Suspicion (a): an activity saved for a month whose brief is not yet submitted writes the brief's row
        in the same transaction (a concurrent submission then conflicts with it instead of missing it)."""
        brief = self._brief(SEPTEMBER)
        self.env.flush_all()

        def row_version():
            self.env.cr.execute("SELECT ctid::text FROM sgz_report WHERE id = %s", [brief.id])
            return self.env.cr.fetchone()[0]

        before = row_version()
        self._activity("2026-10-20", person_times=3)  # another month: the brief is not touched
        self.assertEqual(row_version(), before)
        self._activity("2026-09-20", person_times=3)
        self.assertNotEqual(row_version(), before)  # a new version of the row: written by this transaction
        self.assertEqual(brief.state, "draft")
        # once submitted, creating in the month is refused (and nothing is saved)
        self._submit_september()
        count = self.env["sgz.activity"].search_count([("month", "=", SEPTEMBER)])
        with self.assertRaisesMsg(UserError, "月度工作简报.*已报送"):
            self._activity("2026-09-21", person_times=3)
        self.assertEqual(self.env["sgz.activity"].search_count([("month", "=", SEPTEMBER)]), count)


@tagged("post_install", "-at_install")
class TestAttachments(ReportingCase):
    """Suspicion (b): the files of an activity follow the activity's record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_a = cls._activity("2026-10-10")
        cls.activity_b = cls._activity("2026-10-11", station=cls.station_b1, user=cls.hr_y)
        cls.photo_b = (
            cls.env["ir.attachment"]
            .with_user(cls.hr_y)
            .create(
                {
                    "name": "签到表.jpg",
                    "datas": base64.b64encode(b"county B"),
                    "res_model": "sgz.activity",
                    "res_id": cls.activity_b.id,
                }
            )
        )

    def test_file_of_another_record_cannot_be_linked(self):
        with self.assertRaisesMsg(AccessError, "签到表.jpg.*其他记录"):
            self.activity_a.with_user(self.hr_x).write({"attachment_ids": [Command.link(self.photo_b.id)]})
        self.assertFalse(self.activity_a.attachment_ids)
        with self.assertRaisesMsg(AccessError, "您不能打开此附件：它属于其他单位"):
            self.photo_b.with_user(self.hr_x).read(["datas"])
        with self.assertRaisesMsg(AccessError, "您不能打开此附件：它属于其他单位"):
            self.photo_b.with_user(self.officer_a).read(["datas"])
        # a file attached to a record changes that record: county B's activity is not provider X's to change
        with self.assertRaisesMsg(AccessError, "您不能修改此服务活动：它属于其他单位"):
            self.env["ir.attachment"].with_user(self.hr_x).create(
                {
                    "name": "x.jpg",
                    "datas": base64.b64encode(b"x"),
                    "res_model": "sgz.activity",
                    "res_id": self.activity_b.id,
                }
            )
        self.assertEqual(self.activity_b.sudo().attachment_ids, self.env["ir.attachment"])

    def test_uploaded_file_becomes_the_activity_s(self):
        """A photo uploaded before the form is saved (res_id 0) becomes the activity's: the county bureau reads
        it, county B does not."""
        upload = (
            self.env["ir.attachment"]
            .with_user(self.hr_x)
            .create(
                {
                    "name": "活动照片.jpg",
                    "datas": base64.b64encode(b"photo"),
                    "res_model": "sgz.activity",
                    "res_id": 0,
                }
            )
        )
        with self.assertRaisesMsg(AccessError, "您不能打开此附件：它属于其他单位"):
            upload.with_user(self.officer_a).read(["datas"])  # nobody's but the uploader's yet
        activity = self._activity("2026-10-12", attachment_ids=[Command.set(upload.ids)])
        self.assertEqual((upload.res_model, upload.res_id), ("sgz.activity", activity.id))
        self.assertTrue(upload.with_user(self.officer_a).read(["datas"]))
        with self.assertRaisesMsg(AccessError, "您不能打开此附件：它属于其他单位"):
            upload.with_user(self.officer_b).read(["datas"])
        # another user's upload is not adopted
        foreign = (
            self.env["ir.attachment"]
            .with_user(self.hr_y)
            .create(
                {
                    "name": "别人的.jpg",
                    "datas": base64.b64encode(b"y"),
                    "res_model": "sgz.activity",
                    "res_id": 0,
                }
            )
        )
        with self.assertRaisesMsg(AccessError, "其他记录"):
            activity.with_user(self.hr_x).write({"attachment_ids": [Command.link(foreign.id)]})
        self.assertEqual(activity.attachment_ids, upload)


@tagged("post_install", "-at_install")
class TestPayrollCells(ReportingCase):
    """F12: a payroll cost total over one or two workers is their pay: the bureaus do not see it."""

    def _confirmed_september(self, workers):
        self.env["hr.contract"].search([("employee_id", "in", workers.ids)]).write(
            {"sgz_scheme_region_id": self.region_county_a.id}
        )
        with freeze_time("2026-09-01"):
            return self._run("2026-09-01", company=self.provider_x, confirm=True)

    def _rows(self, user):
        return self.env["sgz.payroll.stat"].with_user(user).search([("month", "=", SEPTEMBER)])

    def test_small_groups_hidden_from_bureaus(self):
        worker_a2 = self._worker("丁社工", body="43022319980618126", station=self.station_a2)
        self._contract(worker_a2, 5000, "2025-06-01", "2027-05-31")
        self._confirmed_september(self.worker_1 | self.worker_2 | worker_a2)
        Stat = self.env["sgz.payroll.stat"]
        rows = Stat.search([("month", "=", SEPTEMBER)])
        self.assertEqual(sorted(rows.mapped("workers")), [1, 2])
        # the provider's staff read every row (they read the payslips anyway)
        for user in (self.hr_x, self.manager_x):
            self.assertEqual(self._rows(user), rows)
        # the bureaus none: a2's row is one worker's pay, a1's two workers'
        for user in (
            self.officer_a,
            self.approver_a,
            self.finance_a,
            self.city_officer,
            self.province_officer,
        ):
            with self.subTest(user=user.login):
                self.assertFalse(self._rows(user))
                groups = Stat.with_user(user).read_group(
                    [("month", "=", SEPTEMBER)], ["gross:sum", "payslips:sum"], ["station_id"]
                )
                self.assertFalse(groups)
                total = Stat.with_user(user).read_group(
                    [("month", "=", SEPTEMBER), ("provider_id", "=", self.provider_x.id)], ["gross:sum"], []
                )
                self.assertFalse(total[0]["gross"])
                with self.assertRaisesMsg(AccessError, "您不能打开此月度薪酬成本：它属于其他单位"):
                    rows[:1].with_user(user).read(["gross"])
        # a third worker at a1: that row sums three people's pay and the county sees it, not a2's
        worker_3a = self._worker("戊社工", body="43022319990719127", station=self.station_a1)
        self._contract(worker_3a, 5200, "2026-10-01", "2027-09-30")
        self._confirmed_october(self.worker_1 | self.worker_2 | worker_3a | worker_a2)
        october = day("2026-10-01")
        seen = Stat.with_user(self.officer_a).search([("month", "=", october)])
        self.assertEqual(seen.station_id, self.station_a1)
        self.assertEqual(seen.workers, 3)
        all_october = Stat.search([("month", "=", october)])
        self.assertEqual(len(all_october), 2)
        total = Stat.with_user(self.officer_a).read_group([("month", "=", october)], ["gross:sum"], [])[0][
            "gross"
        ]
        self.assertEqual(total, seen.gross)
        self.assertLess(total, sum(all_october.mapped("gross")))

    def _confirmed_october(self, workers):
        self.env["hr.contract"].search([("employee_id", "in", workers.ids)]).write(
            {"sgz_scheme_region_id": self.region_county_a.id}
        )
        with freeze_time("2026-10-01"):
            return self._run("2026-10-01", company=self.provider_x, confirm=True)


@tagged("post_install", "-at_install")
class TestGenerateWizard(ReportingCase):
    def test_period_not_ended_refused(self):
        """Suspicion (c): a report of a period still running cannot be created on demand."""
        Report = self.env["sgz.report"]
        before = Report.search_count([])
        for user, rtype in ((self.officer_a, self.county_quarterly), (self.manager_x, self.brief_type)):
            wizard = (
                self.env["sgz.report.generate.wizard"]
                .with_user(user)
                .create({"report_type_id": rtype.id, "date": "2026-11-20"})
            )
            with self.subTest(type=rtype.name), freeze_time("2026-11-27"):
                with self.assertRaisesMsg(UserError, "尚未结束"):
                    wizard.action_generate()
            wizard.write({"date": "2027-02-10"})
            with freeze_time("2026-11-27"), self.assertRaisesMsg(UserError, "尚未结束"):
                wizard.action_generate()
        self.assertEqual(Report.search_count([]), before)
        # a period over is created
        wizard = (
            self.env["sgz.report.generate.wizard"]
            .with_user(self.manager_x)
            .create({"report_type_id": self.brief_type.id, "date": "2026-10-20"})
        )
        with freeze_time("2026-11-27"):
            wizard.action_generate()
        self.assertEqual(Report.search_count([]), before + 1)


@tagged("post_install", "-at_install")
class TestActivityWhileSubmitting(ConcurrencyCase):
    """Suspicion (a): provider HR saves an activity of January 2020 while the manager submits that month's
    brief, in two real transactions (demo provider 星沙): the submission cannot freeze the month without it."""

    def test_submission_waits_for_the_activity(self):
        with self.committed() as env:
            station = env.ref("sgz_base.station_xingsha")
            Report = env["sgz.report"].with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
            )
            with Report._sgz_unlocked():
                brief = Report.create(
                    {
                        "report_type_id": env.ref("sgz_reporting.report_type_monthly_brief").id,
                        "company_id": station.provider_id.id,
                        "target_company_id": station.company_id.id,
                        "date_from": "2020-01-01",
                        "date_to": "2020-01-31",
                        "period_code": "2020-01",
                        "station_ids": [Command.set(station.ids)],
                        "highlights": "<p>开展服务</p>",
                        "problems": "<p>人手不足</p>",
                        "next_steps": "<p>继续开展</p>",
                    }
                )
            brief_id, station_id = brief.id, station.id
            area_id = env.ref("sgz_base.service_area_community").id
            hr_id = env.ref("sgz_base.user_provider_hr").id
            manager_id = env.ref("sgz_base.user_provider_manager").id
        self.cleanup_sql("DELETE FROM sgz_report WHERE id = %s", [brief_id])
        with self.two_envs(manager_id, hr_id) as (env_manager, env_hr):
            env_hr["sgz.activity"].create(
                {
                    "name": "一月补录",
                    "activity_type": "community",
                    "date": "2020-01-15",
                    "station_id": station_id,
                    "service_area_id": area_id,
                    "person_times": 5,
                }
            )  # not committed yet
            with self.assertRaises(UserError) as caught:
                env_manager["sgz.report"].browse(brief_id).action_submit()
            self.assertRegex(str(caught.exception), "另一用户|其他用户|another user")
        with self.committed() as env:
            self.assertEqual(env["sgz.report"].browse(brief_id).state, "draft")


@tagged("post_install", "-at_install")
class TestRefreshByTheAuthorOnly(LockedMonthCase):
    def test_reviewer_does_not_refresh_the_authors_figures(self):
        """The county reviews provider X's brief (it can write the report to acknowledge or return it) but
        does not recompute the draft's figures: that is the author's button."""
        brief = self._brief(SEPTEMBER)
        lines = brief.line_ids.read(["code", "value"])
        for user in (self.officer_a, self.city_officer, self.finance_a):
            with self.subTest(user=user.login):
                # the county's and the city's officers may open the brief but not change it (the record rules);
                # finance has no right to change a report at all
                if user == self.finance_a:
                    refusal = "您无权对.*月度工作简报.*进行此操作"
                else:
                    refusal = "您不能修改此定期报告：它属于其他单位"
                with self.assertRaisesMsg(AccessError, refusal):
                    brief.with_user(user).action_refresh_figures()
        self.assertEqual(brief.line_ids.read(["code", "value"]), lines)
        brief.with_user(self.manager_x).action_refresh_figures()
