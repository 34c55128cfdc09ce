"""Activities and person-times per station, month and beneficiary category: kept up to date with
``sgz.activity.stat`` (see there), which writes both tables."""

from odoo import fields, models


class SgzActivityCategoryStat(models.Model):
    _name = "sgz.activity.category.stat"
    _description = "Activities per Month and Beneficiary Category"
    _log_access = False
    _rec_name = "station_id"
    _order = "month desc, station_id"

    station_id = fields.Many2one("sgz.station", string="Station", readonly=True, index=True)
    provider_id = fields.Many2one("res.company", string="Provider", readonly=True, index=True)
    county_id = fields.Many2one("res.company", string="County Bureau", readonly=True, index=True)
    city_id = fields.Many2one("res.company", string="City Bureau", readonly=True, index=True)
    month = fields.Date(readonly=True, index=True)
    category_id = fields.Many2one("sgz.beneficiary.category", string="Beneficiary Category", readonly=True)
    activity_count = fields.Integer(string="Activities", readonly=True, aggregator="sum")
    person_times = fields.Integer(string="Person-Times", readonly=True, aggregator="sum")

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS sgz_activity_category_stat_station_month "
            "ON sgz_activity_category_stat (station_id, month)"
        )
