from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.sgz_base.tests.common import tour_user

from .common import ReportingCase, day


@tagged("post_install", "-at_install", "sgz_tour")
class TestReviewTour(HttpCase, ReportingCase):
    def test_county_officer_returns_brief(self):
        self._activity("2026-09-05", person_times=40)
        brief = self._brief(day("2026-09-01"))
        self._write_narrative(brief)
        with freeze_time("2026-10-06"):
            brief.with_user(self.manager_x).action_submit()
        tour_user(self.env, "tour_officer_a", "county_officer", self.county_a)
        self.start_tour(
            "/odoo/action-sgz_reporting.sgz_report_action_review",
            "sgz_reporting_review_tour",
            login="tour_officer_a",
            timeout=180,
        )
        self.assertEqual(brief.state, "returned")
        self.assertEqual(brief.sgz_filing_ids.return_reason, "请补充九月个案服务的签到表。")
