"""Needs survey and service plan (issue 17 §1): progress against the targets, filing within the first month,
versions, the refusals of bad input and the access of each role, as a client would call (with_user)."""

import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sgz_base.lib import china_date

from ..lib.plan_progress import behind, elapsed_percent, progress_percent
from .common import ReportingCase, day


def sessions(*days):
    return [Command.create({"date": d, "duration": 2.0, "attendance": 5}) for d in days]


@tagged("post_install", "-at_install")
class TestServicePlan(ReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year_a = cls.agreement_a.year_ids  # 2026-01-01 – 2026-12-31
        cls.year_b = cls.agreement_b.year_ids
        # 12 group sessions by the end of June (4 + 4 + 4), 2 more in July
        group = {"activity_type": "group", "service_area_id": cls.area_children.id}
        cls._activity(
            "2026-02-10",
            **group,
            session_ids=sessions("2026-02-10", "2026-02-17", "2026-02-24", "2026-03-03"),
        )
        cls._activity(
            "2026-04-07",
            **group,
            session_ids=sessions("2026-04-07", "2026-04-14", "2026-04-21", "2026-04-28"),
        )
        cls._activity(
            "2026-06-02",
            **group,
            session_ids=sessions("2026-06-02", "2026-06-09", "2026-06-16", "2026-06-23"),
        )
        cls._activity("2026-07-07", **group, session_ids=sessions("2026-07-07", "2026-07-14"))
        cls._activity("2026-03-20", person_times=30)  # one community activity
        cls._activity(
            "2026-03-25", station=cls.station_b1, user=cls.hr_y, person_times=8
        )  # another provider's
        cls.survey = cls._survey()
        with freeze_time("2026-01-20"):
            cls.plan = cls.env["sgz.service.plan"].with_user(cls.hr_x).create(cls._plan_vals())
        cls.t_group, cls.t_case, cls.t_community = cls.plan.target_ids.sorted("sequence")

    @classmethod
    def _survey(cls, station=None, **vals):
        return (
            cls.env["sgz.needs.survey"]
            .with_user(cls.hr_x)
            .create(
                {
                    "station_id": (station or cls.station_a1).id,
                    "year_id": cls.year_a.id,
                    "date_from": "2026-01-05",
                    "date_to": "2026-01-16",
                    "household_count": 40,
                    "group_count": 5,
                    "line_ids": [
                        Command.create(
                            {
                                "service_area_id": cls.area_children.id,
                                "category_id": cls.cat_child.id,
                                "household_count": 12,
                                "description": "安全教育",
                            }
                        )
                    ],
                    **vals,
                }
            )
        )

    @classmethod
    def _plan_vals(cls, station=None, year=None, **vals):
        return {
            "station_id": (station or cls.station_a1).id,
            "year_id": (year or cls.year_a).id,
            "target_ids": [
                Command.create(
                    {
                        "sequence": 1,
                        "service_area_id": cls.area_children.id,
                        "activity_type": "group",
                        "measure": "sessions",
                        "quantity": 40,
                    }
                ),
                Command.create(
                    {
                        "sequence": 2,
                        "service_area_id": cls.area_assistance.id,
                        "activity_type": "case",
                        "measure": "count",
                        "quantity": 10,
                    }
                ),
                Command.create(
                    {"sequence": 3, "activity_type": "community", "measure": "count", "quantity": 2}
                ),
            ],
            "milestone_ids": [Command.create({"month": "2026-03-01", "name": "留守儿童小组启动"})],
            **vals,
        }

    def _file(self, record, user=None, today="2026-01-25"):
        with freeze_time(today):
            record.with_user(user or self.hr_x).action_sgz_file()
        return record.sgz_filing_ids.sorted("id")[-1:]

    # ---- progress ------------------------------------------------------------------------------------------------

    def test_worked_example(self):
        """12 of 40 group sessions done on 2026-06-30: 12 / 40 = 30.0 %; the year 2026-01-01 – 2026-12-31 has 365
        days, of which 181 have elapsed at the end of 30 June (31 + 28 + 31 + 30 + 31 + 30): 181 / 365 = 49.59 %
        → 49.6 %; 30.0 < 49.6: behind plan."""
        self.assertEqual(elapsed_percent(day("2026-01-01"), day("2026-12-31"), day("2026-06-30")), 49.6)
        self.assertEqual(progress_percent(12, 40), 30.0)
        self.assertTrue(behind(12, 40, 49.6))
        # the edges: before the year nothing has elapsed, after it everything; a target of 0 is met
        self.assertEqual(elapsed_percent(day("2026-01-01"), day("2026-12-31"), day("2025-12-31")), 0.0)
        self.assertEqual(
            elapsed_percent(day("2026-01-01"), day("2026-12-31"), day("2026-01-01")), 0.3
        )  # 1/365
        self.assertEqual(elapsed_percent(day("2026-01-01"), day("2026-12-31"), day("2027-03-01")), 100.0)
        self.assertEqual(progress_percent(0, 0), 100.0)
        self.assertFalse(behind(0, 0, 100.0))

    def test_progress_on_the_form(self):
        """The form counts the station's activities of the year up to today: the sessions held by 30 June (the
        July ones not yet), the community activity; another provider's station does not count."""
        with freeze_time("2026-06-30"):
            targets = self.plan.with_user(self.hr_x).target_ids
            targets.invalidate_recordset()
            group, case, community = targets.sorted("sequence")
            self.assertEqual((group.done, group.progress_percent, group.elapsed_percent), (12, 30.0, 49.6))
            self.assertTrue(group.behind)
            self.assertEqual((case.done, case.progress_percent, case.behind), (0, 0.0, True))
            # 1 of 2 community activities = 50.0 %, above the 49.6 % elapsed
            self.assertEqual((community.done, community.progress_percent, community.behind), (1, 50.0, False))
            self.plan.invalidate_recordset()
            self.assertEqual((self.plan.elapsed_percent, self.plan.behind_count), (49.6, 2))
        with freeze_time("2026-07-31"):
            self.plan.target_ids.invalidate_recordset()
            self.assertEqual(self.t_group.done, 14)
        # the last month counts its activities up to the day: on 19 March the community activity of the 20th is
        # not done yet, on the 20th it is (the months in between are read from the monthly aggregates)
        with freeze_time("2026-03-19"):
            self.plan.target_ids.invalidate_recordset()
            self.assertEqual((self.t_group.done, self.t_community.done), (4, 0))
        with freeze_time("2026-03-20"):
            self.plan.target_ids.invalidate_recordset()
            self.assertEqual(self.t_community.done, 1)

    def test_plan_against_actual_in_brief_and_mid_term(self):
        """The June brief (and the mid-term report of the year's first half) give per target what is done by the
        period's end and its progress, with the previous period beside it, and the share of the year elapsed."""
        brief = self._brief(day("2026-06-01"))
        lines = {line.code: line for line in brief.line_ids.filtered(lambda line: line.section == "plan")}
        done = lines[f"plan_target_{self.t_group.id}_done"]
        self.assertEqual((done.value, done.previous_value), (12, 8))  # 8 sessions by 31 May
        self.assertIn("目标 40", done.name)
        progress = lines[f"plan_target_{self.t_group.id}_progress"]
        self.assertEqual((progress.value, progress.previous_value, progress.measure), (30.0, 20.0, "percent"))
        elapsed = lines[f"plan_{self.plan.id}_elapsed"]
        self.assertEqual(
            (elapsed.value, elapsed.previous_value), (49.6, 41.4)
        )  # 151 / 365 = 41.37 % by 31 May
        self.assertEqual(lines[f"plan_target_{self.t_community.id}_done"].value, 1)
        with freeze_time("2026-07-01"):
            self.env["sgz.report"]._cron_generate_expected()
        mid_term = self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.env.ref("sgz_reporting.report_type_mid_term").id),
                ("agreement_id", "=", self.agreement_a.id),
            ]
        )
        self.assertEqual(len(mid_term), 1)
        line = mid_term.line_ids.filtered(lambda line: line.code == f"plan_target_{self.t_group.id}_progress")
        self.assertEqual(line.value, 30.0)
        # another agreement's reports have no line of this plan
        brief_b = self._brief(day("2026-06-01"), agreement=self.agreement_b)
        self.assertFalse(brief_b.line_ids.filtered(lambda line: line.section == "plan"))

    def test_stations_behind_plan_dashboard(self):
        """The bureaus' dashboard: one row per target of the current plans, counted up to China's today (the
        year 2026 of these plans is over or elapsing: the expected share is computed the same way)."""
        Progress = self.env["sgz.service.plan.progress"]
        elapsed = elapsed_percent(day("2026-01-01"), day("2026-12-31"), china_date(datetime.datetime.now()))
        rows = Progress.with_user(self.officer_a).search([("plan_id", "=", self.plan.id)])
        self.assertEqual(len(rows), 3)
        group = rows.filtered(lambda r: r.target_id == self.t_group)
        self.assertEqual((group.quantity, group.done, group.progress_percent), (40, 14, 35.0))
        self.assertEqual(group.elapsed_percent, elapsed)
        self.assertEqual(group.behind, 35.0 < elapsed)
        self.assertAlmostEqual(group.gap, round(elapsed - 35.0, 1))
        community = rows.filtered(lambda r: r.target_id == self.t_community)
        self.assertEqual((community.done, community.progress_percent), (1, 50.0))
        behind_rows = Progress.with_user(self.officer_a).search([("behind", "=", True)])
        self.assertEqual(behind_rows.station_id, self.station_a1)
        # the city reads its counties' rows, county B and the other provider none of county A's
        self.assertIn(group, Progress.with_user(self.city_officer).search([]))
        self.assertFalse(Progress.with_user(self.officer_b).search([("plan_id", "=", self.plan.id)]))
        self.assertFalse(Progress.with_user(self.hr_y).search([("plan_id", "=", self.plan.id)]))
        # grouped by station (the pivot)
        groups = Progress.with_user(self.officer_a)._read_group(
            [("behind", "=", True)], ["station_id"], ["__count"]
        )
        self.assertEqual(groups[0][0], self.station_a1)

    # ---- bad input -----------------------------------------------------------------------------------------------

    def test_target_below_zero(self):
        Plan = self.env["sgz.service.plan"].with_user(self.hr_x)
        vals = self._plan_vals(station=self.station_a2)
        vals["target_ids"][0][2]["quantity"] = -5
        with self.assertRaisesMsg(ValidationError, "服务计划的目标不能低于零.*-5"):
            Plan.create(vals)
        self.assertFalse(Plan.search([("station_id", "=", self.station_a2.id)]))
        with self.assertRaisesMsg(ValidationError, "服务计划的目标不能低于零"):
            self.t_case.with_user(self.hr_x).write({"quantity": -1})
        with self.assertRaisesMsg(ValidationError, "只有个案工作和小组工作按节次统计"):
            self.t_case.with_user(self.hr_x).write({"activity_type": "community", "measure": "sessions"})

    def test_station_not_run_by_the_provider(self):
        Plan = self.env["sgz.service.plan"]
        # 茶陵县's station b1 is run by provider Y
        with self.assertRaisesMsg(UserError, "不由贵单位运营"):
            Plan.with_user(self.hr_x).create(self._plan_vals(station=self.station_b1, year=self.year_b))
        with self.assertRaisesMsg(UserError, "不由贵单位运营"):
            Plan.with_user(self.hr_y).create(self._plan_vals(station=self.station_a2))
        # the year of another provider's agreement
        with self.assertRaisesMsg(UserError, "不由贵单位运营"):
            Plan.with_user(self.hr_x).create(self._plan_vals(station=self.station_a2, year=self.year_b))
        with self.assertRaisesMsg(UserError, "不由贵单位运营"):
            self.env["sgz.needs.survey"].with_user(self.hr_y).create(
                {
                    "station_id": self.station_a1.id,
                    "year_id": self.year_a.id,
                    "date_from": "2026-01-05",
                    "date_to": "2026-01-06",
                }
            )
        stations = self.station_a1 | self.station_a2 | self.station_b1
        self.assertEqual(Plan.search_count([("station_id", "in", stations.ids)]), 1)

    def test_second_current_plan(self):
        with self.assertRaisesMsg(ValidationError, "已有服务计划.*新版本"):
            self.env["sgz.service.plan"].with_user(self.hr_x).create(self._plan_vals())
        self.assertEqual(
            self.env["sgz.service.plan"].search_count([("station_id", "=", self.station_a1.id)]), 1
        )

    def test_survey_bad_input(self):
        with self.assertRaisesMsg(ValidationError, "走访的户数和组织数不能低于零"):
            self._survey(station=self.station_a2, household_count=-3)
        with self.assertRaisesMsg(ValidationError, "有需求的户数不能低于零"):
            self.survey.line_ids.with_user(self.hr_x).write({"household_count": -1})
        empty = self._survey(station=self.station_a2, line_ids=[])
        with self.assertRaisesMsg(UserError, "请先按服务领域记录发现的需求"):
            empty.with_user(self.hr_x).action_sgz_file()

    # ---- filing, deadline, lock, versions ----------------------------------------------------------------------

    def test_filing_within_the_first_month(self):
        """Created in January: due one calendar month after the start of the year (no stationing recorded), a
        to-do for its author; filed on 25 January, in time; the county acknowledges it."""
        self.assertEqual(self.plan.filing_due_date, day("2026-02-01"))
        deadline = self.plan.sudo().sgz_deadline_ids
        self.assertEqual(
            (deadline.code, deadline.state, deadline.date_deadline), ("filing", "open", day("2026-02-01"))
        )
        self.assertEqual(deadline.user_id, self.hr_x)
        filing = self._file(self.plan)
        self.assertEqual(
            (filing.target_company_id, filing.due_date, filing.late, self.plan.sgz_filing_state),
            (self.county_a, day("2026-02-01"), False, "submitted"),
        )
        self.assertEqual(
            (deadline.state, deadline.date_done, deadline.late), ("done", day("2026-01-25"), False)
        )
        with self.assertRaisesMsg(AccessError, "其他单位"):
            filing.with_user(self.officer_b).action_acknowledge()
        filing.with_user(self.officer_a).action_acknowledge()
        self.assertEqual(self.plan.sgz_filing_state, "acknowledged")
        # a plan begun after its month is overdue until filed
        with freeze_time("2026-03-02"):
            late = (
                self.env["sgz.service.plan"]
                .with_user(self.hr_x)
                .create(self._plan_vals(station=self.station_a2))
            )
            self.assertTrue(late.sgz_overdue)
        filing = self._file(late, today="2026-03-03")
        self.assertTrue(filing.late)
        self.assertFalse(late.sgz_overdue)
        # the survey files with the county too
        self._file(self.survey)
        self.assertEqual(self.survey.sgz_filing_state, "submitted")
        with self.assertRaisesMsg(UserError, "已锁定"):
            self.survey.with_user(self.hr_x).write({"household_count": 41})

    def test_filed_plan_is_locked(self):
        self._file(self.plan)
        plan = self.plan.with_user(self.hr_x)
        with self.assertRaisesMsg(UserError, "已锁定"):
            plan.write({"summary": "<p>改</p>"})
        with self.assertRaisesMsg(UserError, "已锁定"):
            self.t_group.with_user(self.hr_x).write({"quantity": 20})
        with self.assertRaisesMsg(UserError, "已锁定"):
            plan.write({"target_ids": [Command.create({"measure": "count", "quantity": 3})]})
        with self.assertRaisesMsg(UserError, "已锁定"):
            self.plan.milestone_ids.with_user(self.hr_x).unlink()
        with self.assertRaisesMsg(UserError, "只能通过办理相应环节的按钮"):
            plan.write({"state": "superseded"})
        with self.assertRaisesMsg(UserError, "只能通过办理相应环节的按钮"):
            plan.write({"version": 7})
        with self.assertRaisesMsg(UserError, "须存档备查，不能删除"):
            plan.unlink()
        self.assertEqual((self.t_group.quantity, self.plan.state), (40, "current"))

    def test_new_version(self):
        plan = self.plan.with_user(self.hr_x)
        with self.assertRaisesMsg(UserError, "尚未备案"):
            plan.action_new_version(reason="增加个案")
        self._file(self.plan)
        with self.assertRaisesMsg(UserError, "请填写变更原因"):
            plan.action_new_version(reason="  ")
        wizard = (
            self.env["sgz.service.plan.version.wizard"]
            .with_user(self.hr_x)
            .create({"plan_id": self.plan.id, "reason": "县局要求增加困难群众个案"})
        )
        action = wizard.action_confirm()
        new = self.env["sgz.service.plan"].browse(action["res_id"])
        self.assertEqual(
            (new.version, new.previous_id, new.state, new.change_reason, new.sgz_filing_state),
            (2, self.plan, "current", "县局要求增加困难群众个案", "none"),
        )
        self.assertEqual(self.plan.state, "superseded")
        self.assertEqual(len(new.target_ids), 3)
        self.assertFalse(new.sudo().sgz_deadline_ids)  # the first month's deadline is the first version's
        # the new version is changed and filed; the old one stays locked and readable by the county
        new.target_ids.filtered(lambda t: t.activity_type == "case").with_user(self.hr_x).write(
            {"quantity": 16}
        )
        self.assertEqual(self.t_case.quantity, 10)
        with self.assertRaisesMsg(UserError, "已锁定"):
            plan.write({"summary": "<p>改</p>"})
        with self.assertRaisesMsg(UserError, "已被新版本取代"):
            plan.action_new_version(reason="再改")
        self.assertEqual(self.plan.with_user(self.officer_a).read(["version"])[0]["version"], 1)
        # the version's reason is required, and only one version is current
        with self.assertRaisesMsg(ValidationError, "变更原因"):
            new.with_user(self.hr_x).write({"change_reason": " "})
        # the progress counts against the current version only
        rows = self.env["sgz.service.plan.progress"].search([("station_id", "=", self.station_a1.id)])
        self.assertEqual(rows.plan_id, new)
        # deleting the draft new version makes the filed one current again
        new.with_user(self.hr_x).unlink()
        self.assertEqual(self.plan.state, "current")

    # ---- access per role -----------------------------------------------------------------------------------------

    def test_access_per_role(self):
        Plan = self.env["sgz.service.plan"]
        Survey = self.env["sgz.needs.survey"]
        for user in (self.officer_a, self.approver_a):
            self.assertEqual(Plan.with_user(user).search([]), self.plan)
            self.assertEqual(Survey.with_user(user).search([]), self.survey)
        for user in (
            self.officer_a,
            self.approver_a,
            self.city_officer,
            self.province_officer,
            self.evaluator,
        ):
            with self.subTest(user=user.login):
                # the demo's plans too, for the city of 长沙 and the province
                self.assertIn(self.plan, Plan.with_user(user).search([]))
                self.assertIn(self.survey, Survey.with_user(user).search([]))
                self.assertEqual(self.plan.with_user(user).target_ids.mapped("done"), [14, 0, 1])
        self.assertFalse(Plan.with_user(self.officer_b).search([]))
        with self.assertRaisesMsg(AccessError, "其他单位"):
            self.plan.with_user(self.officer_b).read(["name"])
        with self.assertRaisesMsg(AccessError, "其他单位"):
            self.plan.with_user(self.hr_y).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改"):
            self.plan.with_user(self.officer_a).write({"summary": "<p>县局代写</p>"})
        with self.assertRaisesMsg(AccessError, "您的角色不能修改"):
            self.plan.with_user(self.evaluator).write({"summary": "<p>x</p>"})
        with self.assertRaisesMsg(AccessError, "您的角色不能打开"):
            self.plan.with_user(self.finance_a).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能新建"):
            Plan.with_user(self.officer_a).create(self._plan_vals(station=self.station_a2))
        # the provider's manager changes it like its HR
        self.plan.with_user(self.manager_x).write({"summary": "<p>以儿童关爱为重点</p>"})

    def test_stationed_worker_reads_own_station_only(self):
        self.worker_1.user_id = self.worker_x  # 甲社工 at a1
        with freeze_time("2026-02-01"):
            other = (
                self.env["sgz.service.plan"]
                .with_user(self.hr_x)
                .create(self._plan_vals(station=self.station_a2))
            )
        Plan = self.env["sgz.service.plan"].with_user(self.worker_x)
        self.assertEqual(Plan.search([]), self.plan)
        self.assertEqual(self.plan.with_user(self.worker_x).target_ids.mapped("done"), [14, 0, 1])
        self.assertEqual(
            self.env["sgz.service.plan.progress"].with_user(self.worker_x).search([]).station_id,
            self.station_a1,
        )
        with self.assertRaisesMsg(AccessError, "其他单位"):
            other.with_user(self.worker_x).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改"):
            self.plan.with_user(self.worker_x).write({"summary": "<p>x</p>"})
        with self.assertRaisesMsg(AccessError, "您的角色不能打开"):
            self.survey.with_user(self.worker_x).read(["name"])
        # a worker without a station sees no plan
        self.worker_1.user_id = False
        self.assertFalse(self.env["sgz.service.plan"].with_user(self.worker_x).search([]))
