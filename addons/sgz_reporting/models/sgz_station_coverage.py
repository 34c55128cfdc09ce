"""Coverage (全覆盖) of the townships by stations in service, and staffing of the stations: SQL views.

They read stations, regions, labor contracts and agreement station lines — a few thousand rows for the whole
province, never the activities — so the province overview opens in a few queries and milliseconds.
"""

from odoo import fields, models, tools
from odoo.tools import SQL

# one row per station: workers under a running contract today, agreed quota of the agreements in force
STATION_SQL = """
    SELECT s.id, s.id AS station_id, s.company_id AS county_id, county.parent_id AS city_id, s.provider_id,
           s.township_id, s.county_region_id, s.state, s.demonstration, s.state = 'active' AS in_service,
           COALESCE(w.n, 0) AS workers, COALESCE(q.n, 0) AS quota,
           GREATEST(COALESCE(q.n, 0) - COALESCE(w.n, 0), 0) AS vacancies,
           COALESCE(q.n, 0) > 0 AND COALESCE(w.n, 0) >= q.n AS staffed,
           COALESCE(b.n, 0) AS beneficiaries
      FROM sgz_station s
      JOIN res_company county ON county.id = s.company_id
 LEFT JOIN (SELECT sgz_station_id, count(DISTINCT employee_id) AS n
              FROM hr_contract
             WHERE state = 'open' AND sgz_station_id IS NOT NULL AND date_start <= CURRENT_DATE
               AND (date_end IS NULL OR date_end >= CURRENT_DATE)
          GROUP BY sgz_station_id) w ON w.sgz_station_id = s.id
 LEFT JOIN (SELECT l.station_id, sum(l.worker_quota) AS n
              FROM sgz_agreement_station l JOIN sgz_agreement a ON a.id = l.agreement_id
             WHERE a.state = 'active'
          GROUP BY l.station_id) q ON q.station_id = s.id
 LEFT JOIN (SELECT station_id, count(*) AS n FROM sgz_beneficiary WHERE active GROUP BY station_id) b
        ON b.station_id = s.id
     WHERE s.active
"""


class SgzStationCoverage(models.Model):
    _name = "sgz.station.coverage"
    _description = "Station Staffing"
    _auto = False
    _rec_name = "station_id"
    _order = "county_region_id, township_id"

    station_id = fields.Many2one("sgz.station", string="Station", readonly=True)
    county_id = fields.Many2one("res.company", string="County Bureau", readonly=True)
    city_id = fields.Many2one("res.company", string="City Bureau", readonly=True)
    provider_id = fields.Many2one("res.company", string="Provider", readonly=True)
    township_id = fields.Many2one("sgz.region", string="Township / Street", readonly=True)
    county_region_id = fields.Many2one("sgz.region", string="County", readonly=True)
    state = fields.Selection(
        [("planned", "Planned"), ("active", "In Service"), ("suspended", "Suspended"), ("closed", "Closed")],
        readonly=True,
    )
    demonstration = fields.Boolean(string="Demonstration Station", readonly=True)
    in_service = fields.Boolean(string="In Service", readonly=True)
    workers = fields.Integer(string="Workers Stationed", readonly=True, aggregator="sum")
    quota = fields.Integer(string="Workers Agreed", readonly=True, aggregator="sum")
    vacancies = fields.Integer(readonly=True, aggregator="sum")
    staffed = fields.Boolean(string="Fully Staffed", readonly=True)
    beneficiaries = fields.Integer(string="Beneficiaries", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), SQL(STATION_SQL))
        )

    def action_open_station(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.station",
            "res_id": self.station_id.id,
            "view_mode": "form",
        }
