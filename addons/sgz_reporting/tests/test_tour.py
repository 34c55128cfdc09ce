from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ReportingCase, day


@tagged("post_install", "-at_install", "sgz_tour")
class TestReviewTour(HttpCase, ReportingCase):
    def test_county_officer_returns_brief(self):
        self._activity("2026-09-05", person_times=40)
        brief = self._brief(day("2026-09-01"))
        self._write_narrative(brief)
        with freeze_time("2026-10-06"):
            brief.with_user(self.manager_x).action_submit()
        new_test_user(
            self.env,
            login="tour_officer_a",
            password="tour_officer_a_pw",
            groups="sgz_base.sgz_base_group_county_officer",
            company_id=self.county_a.id,
            company_ids=[Command.set(self.county_a.ids)],
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        self.start_tour(
            "/odoo/action-sgz_reporting.sgz_report_action_review",
            "sgz_reporting_review_tour",
            login="tour_officer_a",
            timeout=180,
        )
        self.assertEqual(brief.state, "returned")
        self.assertEqual(brief.sgz_filing_ids.return_reason, "请补充九月个案服务的签到表。")
