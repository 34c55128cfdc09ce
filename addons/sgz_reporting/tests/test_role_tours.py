from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "sgz_tour")
class TestRoleTours(HttpCase):
    """Issue 20: the province officer's main flow clicked on the demo as installed (password = login)."""

    def test_province_drills_down_to_a_station(self):
        self.start_tour("/odoo", "sgz_reporting_province_drilldown_tour", login="province", timeout=180)
