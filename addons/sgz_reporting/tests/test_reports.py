from decimal import Decimal
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ReportingCase, day


def figure(report, code, **refs):
    lines = report.line_ids.filtered(
        lambda line: line.code == code and all(line[key] == value for key, value in refs.items())
    )
    assert len(lines) == 1, (code, refs, len(lines))
    return lines


@tagged("post_install", "-at_install")
class TestExpectedReports(ReportingCase):
    def _reports(self, rtype, **domain):
        return self.env["sgz.report"].search(
            [("report_type_id", "=", rtype.id)] + [(key, "=", value) for key, value in domain.items()]
        )

    def test_quarter(self):
        """On 2 October 2026 the third quarter has ended: each county's implementation report and each city's
        inspection record per county are expected."""
        with freeze_time("2026-10-02"):
            self.env["sgz.report"]._cron_generate_expected()
        for county in (self.county_a, self.county_b):
            report = self._reports(self.county_quarterly, company_id=county.id, date_from=day("2026-07-01"))
            self.assertEqual(len(report), 1)
            self.assertEqual(report.date_to, day("2026-09-30"))
            self.assertEqual(report.target_company_id, self.city)
            # due the 10th of the next month; 10 October 2026 is a Saturday worked in exchange for the
            # National Day holiday (调休), so it stays the due date
            self.assertEqual(report.due_date, day("2026-10-10"))
            self.assertEqual(report.period_code, "2026-Q3")
        inspections = self._reports(
            self.city_inspection, company_id=self.city.id, date_from=day("2026-07-01")
        )
        self.assertEqual(inspections.subject_company_id, self.county_a | self.county_b)
        self.assertEqual(set(inspections.target_company_id.ids), {self.province.id})
        overview = self._reports(
            self.province_quarterly, company_id=self.province.id, date_from=day("2026-07-01")
        )
        self.assertEqual(len(overview), 1)
        self.assertFalse(overview.due_date)
        # the cron is idempotent
        with freeze_time("2026-10-03"):
            again = self.env["sgz.report"]._cron_generate_expected()
        self.assertFalse(
            again.filtered(lambda r: r.company_id in (self.county_a | self.county_b | self.city))
        )

    def test_mid_term_and_final_per_agreement_year(self):
        """Year 1 of agreement A runs through 2026: its mid-term report covers January–June, due 15 days
        after (Wednesday 15 July); the final report the whole year, due 30 days after (30 January 2027 is not
        in the known holiday schedule yet, so it is not moved)."""
        mid_term = self.env.ref("sgz_reporting.report_type_mid_term")
        final = self.env.ref("sgz_reporting.report_type_final")
        with freeze_time("2026-06-30"):
            self.env["sgz.report"]._cron_generate_expected()
        self.assertFalse(self._reports(mid_term, agreement_id=self.agreement_a.id))
        with freeze_time("2026-07-01"):
            self.env["sgz.report"]._cron_generate_expected()
        report = self._reports(mid_term, agreement_id=self.agreement_a.id)
        self.assertEqual((report.date_from, report.date_to), (day("2026-01-01"), day("2026-06-30")))
        self.assertEqual(report.agreement_year_id, self.agreement_a.year_ids)
        self.assertEqual(report.due_date, day("2026-07-15"))
        self.assertEqual(report.target_company_id, self.county_a)
        # the period reads as dates in Chinese (issue 18 §12), not 2026-01-01至2026-06-30
        self.assertEqual(report.with_context(lang="zh_CN").period_label, "2026年1月1日至2026年6月30日")
        with freeze_time("2027-01-02"):
            self.env["sgz.report"]._cron_generate_expected()
        report = self._reports(final, agreement_id=self.agreement_a.id)
        self.assertEqual((report.date_from, report.date_to), (day("2026-01-01"), day("2026-12-31")))
        self.assertEqual(report.due_date, day("2027-01-30"))

    def test_self_evaluation_due_30_november(self):
        with freeze_time("2026-10-30"):
            self.env["sgz.report"]._cron_generate_expected()
        self.assertFalse(self._reports(self.self_evaluation, company_id=self.county_a.id))
        with freeze_time("2026-10-31"):  # 30 days before it is due
            self.env["sgz.report"]._cron_generate_expected()
        report = self._reports(self.self_evaluation, company_id=self.county_a.id)
        self.assertEqual((report.date_from, report.date_to), (day("2026-01-01"), day("2026-12-31")))
        self.assertEqual(report.due_date, day("2026-11-30"))
        deadline = report._sgz_deadline_get("submission")
        self.assertEqual(deadline.date_deadline, day("2026-11-30"))
        self.assertEqual(deadline.user_id, self.officer_a)  # the county officer writes it
        self.assertEqual(report.activity_ids.user_id, self.officer_a)

    def test_monthly_brief_per_agreement(self):
        # the cron runs as the robot, in English: the author's to-do still reads in the author's Chinese
        with freeze_time("2026-10-01"):
            self.env["sgz.report"].with_context(lang="en_US")._cron_generate_expected()
        brief = self._brief(day("2026-09-01"))
        self.assertEqual(brief.activity_ids.summary, "报送攸县同心社会工作服务中心 2026年9月 月度工作简报")
        self.assertEqual(len(brief), 1)
        self.assertEqual(brief.company_id, self.provider_x)
        self.assertEqual(brief.target_company_id, self.county_a)
        self.assertEqual(brief.station_ids, self.station_a1 | self.station_a2)
        self.assertEqual(brief.user_id, self.manager_x)

    def test_overdue_across_national_day(self):
        """The September brief is due the 5th of October, a day of the National Day holiday (1–7 October
        2026): it moves to Thursday 8 October, the first working day after; overdue from the 9th."""
        brief = self._brief(day("2026-09-01"), today="2026-10-01")
        self.assertEqual(brief.due_date, day("2026-10-08"))
        Deadline = self.env["sgz.deadline"]
        with freeze_time("2026-10-08"):
            Deadline._cron_refresh_overdue()
            self.assertFalse(brief.sgz_overdue)
        with freeze_time("2026-10-09"):
            Deadline._cron_refresh_overdue()
            brief.invalidate_recordset(["sgz_overdue"])
            self.assertTrue(brief.sgz_overdue)
            # shown as overdue to the author and to the reviewer
            overdue = [("sgz_overdue", "=", True), ("id", "=", brief.id)]
            self.assertEqual(self.env["sgz.report"].with_user(self.manager_x).search(overdue), brief)
            self.assertEqual(self.env["sgz.report"].with_user(self.officer_a).search(overdue), brief)
            self.assertFalse(self.env["sgz.report"].with_user(self.officer_b).search(overdue))

    def test_overdue_across_weekend(self):
        """The August brief is due Saturday 5 September 2026: it moves to Monday the 7th; overdue on the 8th."""
        brief = self._brief(day("2026-08-01"), today="2026-09-01")
        self.assertEqual(brief.due_date, day("2026-09-07"))
        Deadline = self.env["sgz.deadline"]
        with freeze_time("2026-09-07"):
            Deadline._cron_refresh_overdue()
            brief.invalidate_recordset(["sgz_overdue"])
            self.assertFalse(brief.sgz_overdue)
        with freeze_time("2026-09-08"):
            Deadline._cron_refresh_overdue()
            brief.invalidate_recordset(["sgz_overdue"])
            self.assertTrue(brief.sgz_overdue)
        # submitted late: the deadline is done, no longer overdue, and the filing says it was late
        self._write_narrative(brief)
        with freeze_time("2026-09-09"):
            brief.with_user(self.manager_x).action_submit()
        brief.invalidate_recordset(["sgz_overdue"])
        self.assertFalse(brief.sgz_overdue)
        self.assertTrue(brief.sgz_filing_ids.late)

    def test_second_report_refused(self):
        brief = self._brief(day("2026-09-01"))
        Report = self.env["sgz.report"]
        vals = {
            "report_type_id": self.brief_type.id,
            "company_id": self.provider_x.id,
            "agreement_id": self.agreement_a.id,
            "date_from": "2026-09-01",
            "date_to": "2026-09-30",
        }
        # reports are created by the cron or the wizard only
        with self.assertRaisesMsg(AccessError, "您的角色不能新建定期报告"):
            Report.with_user(self.manager_x).create(vals)
        with self.assertRaisesMsg(ValidationError, "已有.*不能再建"), Report._sgz_unlocked():
            Report.create(vals)  # even from code
        self.assertEqual(
            Report.search_count(
                [
                    ("report_type_id", "=", self.brief_type.id),
                    ("date_from", "=", brief.date_from),
                    ("agreement_id", "=", self.agreement_a.id),
                ]
            ),
            1,
        )

    def test_generate_on_demand(self):
        wizard = (
            self.env["sgz.report.generate.wizard"]
            .with_user(self.officer_a)
            .create({"report_type_id": self.county_quarterly.id, "date": "2026-05-20"})
        )
        with freeze_time("2026-07-02"):
            wizard.action_generate()
        report = self._reports(self.county_quarterly, date_from=day("2026-04-01"))
        self.assertEqual(report.company_id, self.county_a)  # only the user's own county
        with self.assertRaisesMsg(UserError, "都已存在"):
            wizard.action_generate()
        with self.assertRaisesMsg(AccessError, "您的角色不能新建生成应报报告"):
            self.env["sgz.report.generate.wizard"].with_user(self.finance_a).create(
                {"report_type_id": self.county_quarterly.id, "date": "2026-05-20"}
            ).action_generate()


@tagged("post_install", "-at_install")
class TestSubmitAndReview(ReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.act_1 = cls._activity(
            "2026-09-05",
            person_times=40,
            activity_type="community",
            category_ids=[Command.set(cls.cat_elderly.ids)],
        )
        cls.act_2 = cls._activity(
            "2026-09-18",
            activity_type="case",
            beneficiary_id=cls.ben_a1.id,
            service_area_id=cls.area_assistance.id,
            category_ids=[Command.set((cls.cat_dibao | cls.cat_elderly).ids)],
            session_ids=[Command.create({"date": "2026-09-18"}), Command.create({"date": "2026-09-25"})],
        )
        cls.act_3 = cls._activity(
            "2026-09-22",
            station=cls.station_a2,
            person_times=7,
            activity_type="home_visit",
            service_area_id=cls.area_children.id,
            category_ids=[Command.set(cls.cat_child.ids)],
        )
        cls.act_august = cls._activity("2026-08-20", person_times=15)
        cls.act_b = cls._activity("2026-09-10", station=cls.station_b1, user=cls.hr_y, person_times=99)

    def _payroll(self):
        """September payroll of provider X, confirmed; an August one too (the previous period)."""
        scheme_vals = {"sgz_scheme_region_id": self.region_county_a.id}
        self.env["hr.contract"].search([("company_id", "=", self.provider_x.id)]).write(scheme_vals)
        runs = self.env["sgz.payroll.run"]
        for month in ("2026-08-01", "2026-09-01"):
            with freeze_time(month):
                runs |= self._run(month, company=self.provider_x, confirm=True)
        return runs

    def test_prefilled_figures_equal_their_sources(self):
        runs = self._payroll()
        brief = self._brief(day("2026-09-01"))
        activities = self.act_1 | self.act_2 | self.act_3
        self.assertEqual(figure(brief, "activities").value, 3)
        self.assertEqual(figure(brief, "person_times").value, sum(activities.mapped("person_times")))
        self.assertEqual(figure(brief, "person_times").value, 40 + 2 + 7)  # the case counts its 2 sessions
        self.assertEqual(figure(brief, "person_times").previous_value, 15)  # August
        self.assertEqual(figure(brief, "person_times").change, 34)
        self.assertEqual(figure(brief, "type_person_times", activity_type="case").value, 2)
        self.assertEqual(figure(brief, "type_count", activity_type="policy").value, 0)
        self.assertEqual(figure(brief, "area_person_times", service_area_id=self.area_children).value, 7)
        # an activity serving two categories counts under each
        self.assertEqual(figure(brief, "category_person_times", category_id=self.cat_elderly).value, 42)
        self.assertEqual(figure(brief, "category_count", category_id=self.cat_dibao).value, 1)
        # workers, quota and vacancies: a1 has its 2 workers, a2 none of its 1
        self.assertEqual(figure(brief, "workers").value, 2)
        self.assertEqual(figure(brief, "quota").value, 3)
        self.assertEqual(figure(brief, "vacancies").value, 1)
        self.assertEqual(figure(brief, "staffed_stations").value, 1)
        self.assertEqual(figure(brief, "stations_active").value, 2)
        self.assertEqual(figure(brief, "stations_demonstration").value, 1)
        self.assertEqual(figure(brief, "beneficiaries").value, 2)
        # payroll of two workers: their pay is not given, to any reader (issue 15 §3: the payroll statistics' rule)
        september = runs.filtered(lambda r: r.date_from == day("2026-09-01")).payslip_ids
        self.assertEqual(len(september.employee_id), 2)
        for code in ("gross", "employee_insurance", "employer_insurance", "tax", "net"):
            line = figure(brief, code).with_context(lang="zh_CN")
            self.assertTrue(line.withheld, code)
            self.assertEqual((line.value, line.previous_value), (0, 0), code)
            self.assertEqual(line.value_text, "—（不足3人）")
        self.assertEqual(figure(brief, "payslips").value, len(september))
        # agreement years: year 1 signed, not evaluated
        self.assertEqual(figure(brief, "years_signed").value, 1)
        self.assertEqual(figure(brief, "years_qualified").value, 0)

    def test_pay_figures_of_three_workers(self):
        """With a third worker of provider X (station a2), the payroll section gives the sums of the worker-months
        of September (issue 16 §16: a corrected month counts once, original plus adjustments), August as the
        previous period."""
        third = self._worker("丁社工", body="43022319940808333", station=self.station_a2)
        self._contract(third, 5000, "2025-06-01", "2027-05-31")
        self._payroll()
        brief = self._brief(day("2026-09-01"))
        months = self.env["sgz.payslip.month"].search(
            [("company_id", "=", self.provider_x.id), ("month", "=", day("2026-09-01"))]
        )
        self.assertEqual(len(months.employee_id), 3)
        for code in ("gross", "employee_insurance", "employer_insurance", "tax", "net"):
            line = figure(brief, code)
            expected = sum(Decimal(str(value)) for value in months.mapped(code))
            self.assertFalse(line.withheld, code)
            self.assertEqual(Decimal(str(line.value)), expected.quantize(Decimal("0.01")), code)
        # 3 × 5,000 gross
        self.assertEqual(figure(brief, "gross").value, 15000)
        # August is the previous period, given too (3 workers then as well)
        self.assertEqual(figure(brief, "gross").previous_value, 15000)

    def test_county_and_province_figures(self):
        with freeze_time("2026-10-02"):
            self.env["sgz.report"]._cron_generate_expected()
        county = self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.county_quarterly.id),
                ("company_id", "=", self.county_a.id),
                ("period_code", "=", "2026-Q3"),
            ]
        )
        # 攸县: 19 townships (the shipped statistics codes), 2 stations in service → 2 / 19 = 10.53 % → 10.5 %
        self.assertEqual(figure(county, "townships").value, 19)
        self.assertEqual(figure(county, "stations_active").value, 2)
        self.assertAlmostEqual(figure(county, "coverage").value, 10.5)
        # activities of Q3 at its stations (August + September), not 茶陵县's
        self.assertEqual(figure(county, "person_times").value, 40 + 2 + 7 + 15)
        city = self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.city_inspection.id),
                ("subject_company_id", "=", self.county_b.id),
                ("period_code", "=", "2026-Q3"),
            ]
        )
        self.assertEqual(figure(city, "person_times").value, 99)
        overview = self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.province_quarterly.id),
                ("company_id", "=", self.province.id),
                ("period_code", "=", "2026-Q3"),
            ]
        )
        overview._sgz_refresh_figures()  # the demo data created this quarter's overview before 株洲 existed
        zhuzhou = figure(overview, "child_person_times", company_ref_id=self.city)
        self.assertEqual(zhuzhou.value, 40 + 2 + 7 + 15 + 99)
        self.assertEqual(figure(overview, "child_stations", company_ref_id=self.city).value, 3)

    def test_budget_figures_through_the_hook(self):
        """sgz_budget fills SgzReport._sgz_budget_figures; its rows land in the budget section of bureau
        reports, this period against the previous one (none of a provider's brief)."""
        Report = type(self.env["sgz.report"])

        def budget(report, company, date_from, date_to):
            value = Decimal("12345.67") if date_from.month >= 7 else Decimal("10000.00")
            return [{"code": "budget_lottery_actual", "label": "县级福彩公益金：实际支出", "value": value}]

        with patch.object(Report, "_sgz_budget_figures", budget), freeze_time("2026-10-02"):
            self.env["sgz.report"]._cron_generate_expected()
            brief = self._brief(day("2026-09-01"))
        county = self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.county_quarterly.id),
                ("company_id", "=", self.county_a.id),
                ("period_code", "=", "2026-Q3"),
            ]
        )
        line = figure(county, "budget_lottery_actual")
        self.assertEqual((line.section, line.name), ("budget", "县级福彩公益金：实际支出"))
        self.assertEqual((line.value, line.previous_value, line.change), (12345.67, 10000.0, 2345.67))
        self.assertFalse(brief.line_ids.filtered(lambda row: row.section == "budget"))

    def test_submit_needs_narrative(self):
        brief = self._brief(day("2026-09-01"))
        brief.with_user(self.manager_x).write({"highlights": "<p>开展服务</p>"})
        with self.assertRaisesMsg(UserError, "尚不能提交.*存在的问题.*下一步工作"):
            brief.with_user(self.manager_x).action_submit()
        self.assertEqual(brief.state, "draft")
        self.assertFalse(brief.sgz_filing_ids)

    def test_reviewer_outside_hierarchy_refused(self):
        brief = self._brief(day("2026-09-01"))
        with self.assertRaisesMsg(ValidationError, "不能审阅"):
            brief.with_user(self.manager_x).write({"reviewer_id": self.officer_b.id})
        brief.with_user(self.manager_x).write({"reviewer_id": self.officer_a.id})
        brief.with_user(self.manager_x).write({"reviewer_id": self.city_officer.id})  # a bureau above
        with self.assertRaisesMsg(UserError, "(only through the buttons|只能通过)"):
            brief.with_user(self.manager_x).write({"target_company_id": self.county_b.id})

    def test_submit_freeze_lock_return_resubmit(self):
        brief = self._brief(day("2026-09-01"))
        self._write_narrative(brief)
        with self.assertRaisesMsg(AccessError, "您无权对.*月度工作简报.*进行此操作"):
            brief.with_user(self.hr_x).action_submit()  # provider HR reads and enters, the manager submits
        with freeze_time("2026-10-06"):
            brief.with_user(self.manager_x).action_submit()
        self.assertEqual(brief.state, "submitted")
        filing = brief.sgz_filing_ids
        self.assertEqual((filing.target_company_id, filing.state), (self.county_a, "submitted"))
        self.assertFalse(brief._sgz_deadline_get("submission"))
        # the month's activities of its stations are locked; provider Y's are not
        self.assertEqual((self.act_1 | self.act_2 | self.act_3).mapped("lock_state"), ["locked"] * 3)
        self.assertEqual(self.act_august.lock_state, "open")
        self.assertEqual(self.act_b.lock_state, "open")
        with self.assertRaisesMsg(UserError, "(is locked|已锁定)"):
            self.act_1.with_user(self.hr_x).write({"person_times": 400})
        with self.assertRaisesMsg(UserError, "月度工作简报.*已报送"):
            self._activity("2026-09-28", person_times=1)
        with self.assertRaisesMsg(UserError, "已报送"):
            self.act_august.with_user(self.hr_x).write({"date": "2026-09-03"})  # moved into September
        with self.assertRaisesMsg(UserError, "活动 须存档备查，不能删除"):
            self.act_1.with_user(self.hr_x).unlink()
        # figures and narrative are frozen
        with self.assertRaisesMsg(UserError, "(is locked|已锁定)"):
            brief.with_user(self.manager_x).write({"highlights": "<p>改写</p>"})
        with self.assertRaisesMsg(UserError, "已冻结"):
            brief.with_user(self.manager_x).action_refresh_figures()
        # no role writes a figure, submitted or not (the report's actions compute them): the right is what refuses
        with self.assertRaisesMsg(AccessError, "您的角色不能修改报告指标"):
            figure(brief, "activities").with_user(self.manager_x).write({"value": 99})
        with self.assertRaisesMsg(UserError, "(only through the buttons|只能通过)"):
            brief.with_user(self.manager_x).write({"state": "acknowledged"})
        # the provider cannot review its own brief; county B cannot either
        with self.assertRaisesMsg(UserError, "才能确认或退回"):
            brief.with_user(self.manager_x).action_acknowledge()
        with self.assertRaisesMsg(AccessError, "您不能打开此定期报告：它属于其他单位"):
            brief.with_user(self.officer_b).action_return(reason="x")
        # county A returns it with a reason: the activities reopen
        with self.assertRaisesMsg(UserError, "退回此备案的原因"):
            brief.with_user(self.officer_a).action_return(reason="  ")
        with freeze_time("2026-10-09"):
            self.env["sgz.report.return.wizard"].with_user(self.officer_a).create(
                {"report_id": brief.id, "reason": "个案服务人次与签到表不符，请核对。"}
            ).action_return()
        self.assertEqual(brief.state, "returned")
        self.assertEqual(brief.return_reason, "个案服务人次与签到表不符，请核对。")
        self.assertEqual(self.act_1.lock_state, "open")
        # 5 working days after Friday 9 October: Saturday the 10th is worked (调休), then 12–15 October
        self.assertEqual(
            brief._sgz_deadline_get("resubmission").date_deadline, day("2026-10-15")
        )  # 5 working days
        self.assertIn(
            "个案服务人次与签到表不符",
            brief.message_ids[:3].mapped("body")[0] + "".join(brief.message_ids.mapped("body")),
        )
        # corrected and submitted again, then acknowledged
        with freeze_time("2026-11-27"):
            self.act_2.with_user(self.hr_x).write({"session_ids": [Command.create({"date": "2026-09-29"})]})
        with freeze_time("2026-10-12"):
            brief.with_user(self.manager_x).action_submit()
        self.assertEqual(figure(brief, "type_person_times", activity_type="case").value, 3)
        with freeze_time("2026-10-13"):
            brief.with_user(self.officer_a).action_acknowledge()
        self.assertEqual(brief.state, "acknowledged")
        self.assertEqual(brief.sgz_filing_state, "acknowledged")
        self.assertEqual(self.act_1.lock_state, "locked")
        with self.assertRaisesMsg(UserError, "月度工作简报已报送"):
            brief.with_user(self.manager_x).action_submit()

    def test_province_overview_not_filed(self):
        with freeze_time("2026-10-02"):
            self.env["sgz.report"]._cron_generate_expected()
        overview = self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.province_quarterly.id),
                ("company_id", "=", self.province.id),
                ("period_code", "=", "2026-Q3"),
            ]
        )
        overview.with_user(self.province_officer).action_submit()
        self.assertEqual(overview.state, "submitted")
        self.assertFalse(overview.sgz_filing_ids)
