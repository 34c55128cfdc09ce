from odoo.tests import HttpCase, tagged

from .common import tour_user


@tagged("post_install", "-at_install", "sgz_tour")
class TestStationTour(HttpCase):
    def test_county_officer_creates_station(self):
        county_region = self.env.ref("sgz_base.region_430321")  # 湘潭县
        # 易俗河镇 of 湘潭县 is one of the shipped townships (data/sgz_region_township_data.xml)
        province = self.env["res.company"].search([("sgz_kind", "=", "province")], limit=1) or self.env[
            "res.company"
        ].create({"name": "湖南省民政厅（测试）", "sgz_kind": "province"})
        city = self.env["res.company"].create(
            {
                "name": "湘潭市民政局",
                "parent_id": province.id,
                "sgz_kind": "city",
                "sgz_region_id": self.env.ref("sgz_base.region_430300").id,
            }
        )
        county = self.env["res.company"].create(
            {
                "name": "湘潭县民政局",
                "parent_id": city.id,
                "sgz_kind": "county",
                "sgz_region_id": county_region.id,
            }
        )
        tour_user(self.env, "tour_county", "county_officer", county)
        self.start_tour("/odoo", "sgz_base_station_tour", login="tour_county", timeout=120)
        station = self.env["sgz.station"].search([("company_id", "=", county.id)])
        self.assertEqual(station.name, "湘潭县易俗河镇社会工作服务站")
        self.assertEqual(station.state, "active")
