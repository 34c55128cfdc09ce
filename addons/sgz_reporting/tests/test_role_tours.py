from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "sgz_tour")
class TestRoleTours(HttpCase):
    """Issue 20: the main flows of the province officer and the provider manager clicked on the demo as installed
    (password = login)."""

    def test_province_drills_down_to_a_station(self):
        self.start_tour("/odoo", "sgz_reporting_province_drilldown_tour", login="province", timeout=180)

    def test_provider_records_an_activity_and_submits_the_brief(self):
        Report = self.env["sgz.report"]
        submitted = Report.search_count([("state", "=", "submitted")])
        self.start_tour("/odoo", "sgz_reporting_provider_tour", login="provider", timeout=240)
        activity = self.env["sgz.activity"].search([("name", "=", "社区中秋邻里节")])
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.activity_type, activity.person_times), ("community", 60))
        self.assertEqual(activity.station_id, self.env.ref("sgz_base.station_xingsha"))
        self.assertEqual(activity.worker_id.name, "陈晓燕")
        self.assertEqual(activity.worker_id.sgz_station_id, activity.station_id)
        self.assertEqual(Report.search_count([("state", "=", "submitted")]), submitted + 1)
        brief = Report.search([("highlights", "ilike", "服务60人次")])
        self.assertEqual(brief.state, "submitted")
        self.assertEqual(brief.sgz_filing_ids.state, "submitted")
