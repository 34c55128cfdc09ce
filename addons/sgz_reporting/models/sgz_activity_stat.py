"""Monthly aggregates of the service activities, kept up to date by the activities themselves.

Two tables, one row per station, month, provider and

* activity type and service area (``sgz.activity.stat``): activities, person-times and hours;
* beneficiary category (``sgz.activity.category.stat``): the activities and person-times that served it
  (an activity serving two categories counts under each).

Measured (tests/bench/bench_reporting.py, 1,940 stations, 2,002,095 activities, this 2-core machine): the
province's quarterly overview takes 0.20 s after one month of activities and 0.38 s after twelve, 47 queries
both times, the activity graph of the year 0.04 s and 0.12 s; the same figures read from the activity rows grow
with them (the quarter by beneficiary category 0.11 s → 0.33 s, the year's graph 0.08 s → 0.25 s from one
to twelve months), and years of history would keep growing. The cost is paid when an activity is saved: one
DELETE and two INSERT … SELECT over the station-months it touches (:meth:`SgzActivityStat._sgz_refresh`);
entering a month of a station's activities one form at a time takes about 7 ms per activity.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from .sgz_activity import ACTIVITY_TYPES


class SgzActivityStat(models.Model):
    _name = "sgz.activity.stat"
    _description = "Activities per Month"
    _log_access = False
    _rec_name = "station_id"
    _order = "month desc, station_id"

    station_id = fields.Many2one("sgz.station", string="Station", readonly=True, index=True)
    provider_id = fields.Many2one("res.company", string="Provider", readonly=True, index=True)
    county_id = fields.Many2one("res.company", string="County Bureau", readonly=True, index=True)
    city_id = fields.Many2one("res.company", string="City Bureau", readonly=True, index=True)
    month = fields.Date(readonly=True, index=True)
    activity_type = fields.Selection(ACTIVITY_TYPES, string="Type", readonly=True)
    service_area_id = fields.Many2one("sgz.service.area", string="Service Area", readonly=True)
    activity_count = fields.Integer(string="Activities", readonly=True, aggregator="sum")
    person_times = fields.Integer(string="Person-Times", readonly=True, aggregator="sum")
    duration = fields.Float(string="Hours", readonly=True, aggregator="sum")

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS sgz_activity_stat_station_month ON sgz_activity_stat (station_id, month)"
        )

    @api.model
    def _sgz_refresh(self, keys):
        """Recompute the aggregates of the (station id, month) ``keys`` from the activity rows."""
        keys = {key for key in keys if key[0] and key[1]}
        if not keys:
            return
        self.env["sgz.activity"].flush_model()
        self.env["sgz.activity.session"].flush_model()
        stations = [key[0] for key in keys]
        months = [key[1] for key in keys]
        selection = SQL(
            "(station_id, month) IN (SELECT * FROM unnest(%s::int[], %s::date[]))", stations, months
        )
        self._sgz_rebuild(selection)
        self.invalidate_model()
        self.env["sgz.activity.category.stat"].invalidate_model()

    @api.model
    def _sgz_rebuild(self, where=None):
        """Delete and insert the aggregate rows matching ``where`` (an SQL condition on station_id and month;
        None rebuilds everything)."""
        where = where or SQL("TRUE")
        cr = self.env.cr
        cr.execute(SQL("DELETE FROM sgz_activity_stat WHERE %s", where))
        cr.execute(SQL("DELETE FROM sgz_activity_category_stat WHERE %s", where))
        cr.execute(
            SQL(
                """
                INSERT INTO sgz_activity_stat (station_id, provider_id, county_id, city_id, month, activity_type,
                                               service_area_id, activity_count, person_times, duration)
                SELECT station_id, company_id, county_id, city_id, month, activity_type, service_area_id,
                       count(*), COALESCE(sum(person_times), 0), COALESCE(sum(duration), 0)
                  FROM sgz_activity
                 WHERE active AND %s
              GROUP BY station_id, company_id, county_id, city_id, month, activity_type, service_area_id
                """,
                where,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO sgz_activity_category_stat (station_id, provider_id, county_id, city_id, month,
                                                        category_id, activity_count, person_times)
                SELECT a.station_id, a.company_id, a.county_id, a.city_id, a.month, rel.category_id,
                       count(*), COALESCE(sum(a.person_times), 0)
                  FROM sgz_activity a
                  JOIN sgz_activity_category_rel rel ON rel.activity_id = a.id
                 WHERE a.active AND %s
              GROUP BY a.station_id, a.company_id, a.county_id, a.city_id, a.month, rel.category_id
                """,
                where,
            )
        )

    @api.model
    def _cron_rebuild(self):
        """Safety net (weekly): rebuild every aggregate from the activity rows."""
        self.env["sgz.activity"].flush_model()
        self._sgz_rebuild()
        self.invalidate_model()
        self.env["sgz.activity.category.stat"].invalidate_model()
