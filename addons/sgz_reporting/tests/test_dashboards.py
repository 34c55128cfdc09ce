from odoo.tests import TransactionCase, tagged

from .common import ReportingCase


@tagged("post_install", "-at_install")
class TestCoverageDemo(TransactionCase):
    """Coverage on the shipped townships (2023 statistics codes) and the demo stations: 长沙县 has 18 townships and
    2 stations in service (黄兴镇's is only planned), 浏阳市 32 townships and 3 stations; 长沙市's nine counties and
    districts 172 townships, of which the demo covers 5."""

    def _row(self, xmlid):
        return self.env["sgz.coverage"].search([("region_id", "=", self.env.ref(xmlid).id)])

    def test_coverage_percentages(self):
        changsha_county = self._row("sgz_base.region_430121")
        self.assertEqual((changsha_county.townships, changsha_county.stations), (18, 2))
        self.assertAlmostEqual(changsha_county.coverage, 11.1)  # 2 / 18 = 11.11 %
        liuyang = self._row("sgz_base.region_430181")
        self.assertEqual(
            (liuyang.townships, liuyang.stations, liuyang.coverage), (32, 3, 9.4)
        )  # 3 / 32 = 9.375 %
        changsha = self._row("sgz_base.region_430100")
        self.assertEqual((changsha.level, changsha.townships, changsha.stations), ("city", 172, 5))
        self.assertAlmostEqual(changsha.coverage, 2.9)  # 5 / 172 = 2.91 %
        self.assertEqual(changsha.demonstration, 1)  # 星沙
        # 星沙 and 湘龙 each have the 2 workers the agreement asks for: both fully staffed
        self.assertEqual(
            (changsha_county.workers, changsha_county.quota, changsha_county.vacancies), (4, 4, 0)
        )
        self.assertEqual(changsha_county.staffed, 2)
        self.assertEqual(changsha_county.staffed_rate, 100.0)

    def test_regions_with_stations_first(self):
        """Issue 20 §12: after the province, the cities with stations in service come first (长沙市 before the
        thirteen cities still at 0 %)."""
        rows = self.env["sgz.coverage"].search([("level", "in", ("province", "city"))])
        self.assertEqual(rows[0].region_id, self.env.ref("sgz_base.region_430000"))
        self.assertEqual(rows[1].region_id, self.env.ref("sgz_base.region_430100"))
        self.assertEqual(rows[2:].mapped("stations"), [0] * 13)

    def test_group_rates_from_sums(self):
        """A group's coverage is its stations over its townships, not the average of its rows' rates."""
        counties = [
            (
                "region_id",
                "in",
                (self.env.ref("sgz_base.region_430121") | self.env.ref("sgz_base.region_430181")).ids,
            )
        ]
        rows = self.env["sgz.coverage"].read_group(counties, ["coverage"], ["level"])
        self.assertEqual(len(rows), 1)
        self.assertAlmostEqual(
            rows[0]["coverage"], 10.0
        )  # 5 / 50, where the average of 11.1 and 9.4 is 10.25

    def test_drill_down(self):
        changsha = self._row("sgz_base.region_430100")
        action = changsha.action_drill_down()
        counties = self.env["sgz.coverage"].search(action["domain"])
        self.assertIn(self.env.ref("sgz_base.region_430121"), counties.region_id)
        county = self._row("sgz_base.region_430121")
        stations = self.env["sgz.station.coverage"].search(county.action_drill_down()["domain"])
        self.assertEqual(
            stations.station_id,
            self.env.ref("sgz_base.station_xingsha")
            | self.env.ref("sgz_base.station_xianglong")
            | self.env.ref("sgz_base.station_huangxing"),
        )

    def test_role_homes(self):
        homes = {
            "sgz_reporting.user_province_officer": "sgz_reporting.sgz_coverage_action_overview",
            "sgz_base.user_evaluator": "sgz_procurement.sgz_agreement_evaluation_action",
            "sgz_base.user_city_officer": "sgz_reporting.sgz_report_action",
        }
        for user, action in homes.items():
            self.assertEqual(self.env.ref(user).action_id.id, self.env.ref(action).id, user)

    def test_demo_brief_waits_for_the_county(self):
        brief = self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.env.ref("sgz_reporting.report_type_monthly_brief").id),
                ("period_code", "=", "2026-10"),
            ]
        )
        self.assertEqual(brief.state, "submitted")
        county = self.env.ref("sgz_base.user_county_officer")
        self.assertTrue(brief.with_user(county).can_review)
        self.assertEqual(
            brief.sgz_filing_ids.target_company_id, self.env.ref("sgz_base.company_changsha_county")
        )


@tagged("post_install", "-at_install")
class TestDashboardsPerRole(ReportingCase):
    def test_visibility_of_the_coverage(self):
        Coverage = self.env["sgz.coverage"]
        a = self.region_county_a
        self.assertEqual(Coverage.with_user(self.officer_a).search([("level", "=", "county")]).region_id, a)
        city_rows = Coverage.with_user(self.city_officer).search([])
        self.assertIn(self.region_city, city_rows.region_id)
        self.assertIn(self.region_county_b, city_rows.region_id)
        self.assertFalse(Coverage.with_user(self.manager_x).search([]))
        staffing = self.env["sgz.station.coverage"].with_user(self.manager_x).search([])
        self.assertEqual(staffing.station_id, self.station_a1 | self.station_a2)
        self.assertEqual(sum(staffing.mapped("vacancies")), 1)

    def test_payroll_cost_per_month(self):
        contracts = self.env["hr.contract"].search(
            [("employee_id", "in", (self.worker_1 | self.worker_2).ids)]
        )
        contracts.write({"sgz_scheme_region_id": self.region_county_a.id})
        run = self._run("2026-09-01", company=self.provider_x, confirm=True)
        rows = self.env["sgz.payroll.stat"].with_user(self.manager_x).search([])
        self.assertEqual(sum(rows.mapped("gross")), sum(run.payslip_ids.mapped("gross")))
        self.assertEqual(sum(rows.mapped("payslips")), 2)
        # two workers' total is their pay: not for the county (tests/test_integrity.py, TestPayrollCells)
        self.assertFalse(self.env["sgz.payroll.stat"].with_user(self.officer_a).search([]))
        self.assertFalse(self.env["sgz.payroll.stat"].with_user(self.officer_b).search([]))
